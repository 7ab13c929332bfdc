import { describe, expect, it } from 'vitest';
import { keepalivedDownOf, keepalivedLogCommand, parseKeepalivedLog } from './keepalived-log';

/** keepalived 2.2.7 on Debian bookworm, `journalctl -u keepalived -o short-iso` (systemd 252). */
const HOST = 'mgr Keepalived_healthcheckers[812]:';
const at = (time: string, text: string): string => `2026-12-03T${time}+00:00 ${HOST} ${text}`;

describe('keepalived journal', () => {
  it('reads a TCP check failure: the cause, not the summary, and the time of the removal', () => {
    const log = [
      '-- Journal begins at Thu 2026-12-03 15:00:00 UTC. --',
      '2026-12-03T15:00:02+00:00 mgr systemd[1]: Started keepalived.service - Keepalive Daemon (LVS and VRRP).',
      at(
        '15:00:02',
        'Activating healthchecker for service [10.10.0.11]:tcp:80 for VS [10.10.0.100]:tcp:80',
      ),
      at('15:40:00', 'TCP connection to [10.10.0.11]:tcp:80 failed.'),
      at('15:40:01', 'TCP connection to [10.10.0.11]:tcp:80 failed.'),
      at('15:40:01', 'TCP_CHECK on service [10.10.0.11]:tcp:80 failed after 1 retries.'),
      at('15:40:01', 'Removing service [10.10.0.11]:tcp:80 from VS [10.10.0.100]:tcp:80'),
    ].join('\n');
    expect(parseKeepalivedLog(log)).toEqual([
      {
        service: 'tcp 10.10.0.100:80',
        address: '10.10.0.11',
        port: 80,
        reason: 'TCP connection failed',
        since: '2026-12-03T15:40:01.000Z',
      },
    ]);
  });

  it('forgets a server that came back, and keeps one that left again', () => {
    const log = [
      at('15:40:00', 'TCP connection to [10.10.0.12]:tcp:80 timeout.'),
      at('15:40:01', 'Removing service [10.10.0.12]:tcp:80 from VS [10.10.0.100]:tcp:80'),
      at('15:41:00', 'TCP connection to [10.10.0.12]:tcp:80 success.'),
      at('15:41:00', 'Adding service [10.10.0.12]:tcp:80 to VS [10.10.0.100]:tcp:80'),
      at('15:42:00', 'HTTP status code error to server [10.10.0.11]:tcp:80.'),
      at('15:42:01', 'HTTP_CHECK on service [10.10.0.11]:tcp:80 failed after 1 retries.'),
      at('15:42:01', 'Removing service [10.10.0.11]:tcp:80 from VS [10.10.0.101]:tcp:80'),
    ].join('\n');
    expect(parseKeepalivedLog(log).map((d) => [d.service, d.address, d.reason])).toEqual([
      ['tcp 10.10.0.101:80', '10.10.0.11', 'HTTP status code error'],
    ]);
  });

  it('reads SMTP, SSL and inhibit (weight 0) wording, the older "to VS" and +0000 offsets', () => {
    const log = [
      `2026-12-03T16:00:00+0100 ${HOST} SMTP_CHECK Bad greeting banner from server [10.10.0.11]:25`,
      `2026-12-03T16:00:01+0100 ${HOST} Disabling service [10.10.0.11]:tcp:25 of VS [10.10.0.100]:tcp:25`,
      at(
        '15:10:00',
        'SSL handshake/communication error connecting to server [10.10.0.12]:tcp:443.',
      ),
      at('15:10:01', 'Removing service [10.10.0.12]:tcp:443 to VS [10.10.0.100]:tcp:443'),
      at('15:20:00', 'HTTP status code error to [10.10.0.13]:tcp:80 url(1), status_code [502].'),
      at('15:20:01', 'Removing service [10.10.0.13]:tcp:80 from VS FWM 100'),
    ].join('\n');
    const down = parseKeepalivedLog(log);
    expect(down.map((d) => [d.service, d.address, d.port, d.reason, d.since])).toEqual([
      [
        'tcp 10.10.0.100:25',
        '10.10.0.11',
        25,
        'SMTP_CHECK Bad greeting banner',
        '2026-12-03T15:00:01.000Z',
      ],
      [
        'tcp 10.10.0.100:443',
        '10.10.0.12',
        443,
        'SSL handshake/communication error connecting',
        '2026-12-03T15:10:01.000Z',
      ],
      ['fwmark 100', '10.10.0.13', 80, 'HTTP status code 502 (url 1)', '2026-12-03T15:20:01.000Z'],
    ]);
    // A firewall-mark service's servers are matched by address (the model's port is 0).
    expect(keepalivedDownOf(down, 'fwmark 100', '10.10.0.13', 0)?.reason).toBe(
      'HTTP status code 502 (url 1)',
    );
    expect(keepalivedDownOf(down, 'tcp 10.10.0.100:80', '10.10.0.13', 80)).toBeNull();
    expect(keepalivedDownOf(null, 'fwmark 100', '10.10.0.13', 0)).toBeNull();
  });

  it('a removal without a logged cause has a null reason; other units and noise are skipped', () => {
    const log = [
      at('15:00:00', 'Removing service [10.10.0.11]:tcp:80 from VS [10.10.0.100]:tcp:80'),
      '2026-12-03T15:00:00+00:00 mgr sshd[99]: TCP connection to [10.10.0.12]:tcp:80 failed.',
      at('15:00:00', 'Gained quorum 1+0=1 <= 2 for VS [10.10.0.100]:tcp:80'),
      'garbage without a timestamp',
    ].join('\n');
    expect(parseKeepalivedLog(log)).toEqual([
      {
        service: 'tcp 10.10.0.100:80',
        address: '10.10.0.11',
        port: 80,
        reason: null,
        since: '2026-12-03T15:00:00.000Z',
      },
    ]);
  });

  it('reads the journal with fixed, quoted arguments', () => {
    expect(keepalivedLogCommand()).toBe('journalctl -u keepalived --no-pager -n 300 -o short-iso');
  });
});

import { describe, expect, it } from 'vitest';
import { describeDown } from './keepalived-log';
import { hostLbDowns } from './node-health';
import { lbStatus, rsStatus, serviceStatus } from './testing/status-fixtures';

describe('hostLbDowns', () => {
  it("lists the services where the host's servers are down, with keepalived's reason", () => {
    const status = lbStatus({
      services: [
        serviceStatus({
          name: 'HTTP',
          realServers: [
            rsStatus({
              state: 'down',
              weight: null,
              down: { reason: 'TCP connection failed', since: '2026-12-03T15:40:01.000Z' },
            }),
            rsStatus({ hostId: 'n2', address: '10.10.0.12' }),
          ],
        }),
        serviceStatus({
          name: 'SMTP',
          realServers: [rsStatus({ port: 25, state: 'down', down: null })],
        }),
        serviceStatus({ name: 'IMAP', realServers: [rsStatus({ port: 143, state: 'pending' })] }),
      ],
    });
    expect(hostLbDowns(status, 'n1')).toEqual([
      {
        service: 'HTTP',
        server: '10.10.0.11:80',
        text: 'down: TCP connection failed (since 2026-12-03 15:40:01 UTC)',
      },
      {
        service: 'SMTP',
        server: '10.10.0.11:25',
        text: 'down: its check fails (keepalived took it out of IPVS)',
      },
    ]);
    expect(hostLbDowns(status, 'n2')).toEqual([]);
    expect(hostLbDowns(null, 'n1')).toEqual([]);
  });

  it('says when without a time', () => {
    expect(describeDown({ reason: 'SMTP_CHECK Bad greeting banner', since: null })).toBe(
      'down: SMTP_CHECK Bad greeting banner',
    );
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import {
  KEEPALIVED_CHECK_DATA,
  keepalivedChecksCommand,
  parseKeepalivedChecks,
  rootOnlyFile,
} from './keepalived-data';
import { lbServiceStatuses } from './status-view';
import { LAB, httpService, lbCluster } from './testing/lb-fixtures';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe("keepalived's checker dump", () => {
  // Captured on the lab manager (keepalived 2.2.7) with node1's nginx stopped.
  const dump = fixture('lab-keepalived-check.data');

  it('reads each check of the Health checkers section, and nothing of the rest', () => {
    expect(parseKeepalivedChecks(dump)).toEqual([
      { service: 'tcp 10.10.0.100:80', address: '10.10.0.11', port: 80, state: 'down' },
      { service: 'tcp 10.10.0.100:80', address: '10.10.0.12', port: 80, state: 'up' },
    ]);
  });

  it('a check that has not run yet is pending; no section gives no check', () => {
    const pending = dump.replace('Has run = yes', 'Has run = no');
    expect(parseKeepalivedChecks(pending)[0]?.state).toBe('pending');
    expect(parseKeepalivedChecks(dump.slice(0, dump.indexOf('------< Health checkers')))).toEqual(
      [],
    );
  });

  it("joins keepalived's verdict to the model's real servers", () => {
    const c = parseCluster(lbCluster([httpService({})], 'public-private', ['10.10.0.100']));
    const [web] = lbServiceStatuses(c, null, {}, parseKeepalivedChecks(dump));
    expect(web?.realServers.map((r) => [r.hostId, r.check])).toEqual([
      [LAB.node1, 'down'],
      [LAB.node2, 'up'],
    ]);
    const [unread] = lbServiceStatuses(c, null, {}, null);
    expect(unread?.realServers.map((r) => r.check)).toEqual([null, null]);
  });

  it('the command that asks keepalived for its dump is valid sh', () => {
    expect(spawnSync('/bin/sh', ['-n', '-c', keepalivedChecksCommand()]).status).toBe(0);
  });

  it('reads the dump from a folder only root can enter, never from /tmp', () => {
    expect(KEEPALIVED_CHECK_DATA).toBe('/run/clusterdeck-keepalived/keepalived_check.data');
    expect(keepalivedChecksCommand()).not.toContain('/tmp');
    expect(keepalivedChecksCommand()).toContain('= 0:700 ]');
  });

  it('refuses a link, a FIFO and a file that others may write; takes a regular root-only file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-kadata-'));
    const ok = (p: string) => spawnSync('/bin/sh', ['-c', rootOnlyFile(p)]).status === 0;
    try {
      const file = join(dir, 'dump');
      writeFileSync(file, 'data');
      chmodSync(file, 0o644);
      symlinkSync(file, join(dir, 'link'));
      spawnSync('mkfifo', [join(dir, 'fifo')]);
      expect(ok(join(dir, 'link'))).toBe(false);
      expect(ok(join(dir, 'fifo'))).toBe(false);
      expect(ok(join(dir, 'missing'))).toBe(false);
      // The owner check: only root's file passes (this test may run as another user).
      expect(ok(file)).toBe(process.getuid?.() === 0);
      chmodSync(file, 0o664);
      expect(ok(file)).toBe(false);
      chmodSync(file, 0o646);
      expect(ok(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

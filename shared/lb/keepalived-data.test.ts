import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { keepalivedChecksCommand, parseKeepalivedChecks } from './keepalived-data';
import { lbServiceStatuses } from './status-view';
import { LAB, httpService, lbCluster } from './testing/lb-fixtures';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

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
    expect(parseKeepalivedChecks(dump.slice(0, dump.indexOf('------< Health checkers')))).toEqual([]);
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
});

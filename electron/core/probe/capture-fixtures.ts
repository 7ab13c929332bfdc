/**
 * Captures raw probe output of a real host as parser fixtures:
 *
 *   npx tsx electron/core/probe/capture-fixtures.ts --host 10.0.0.5 [--port 22] [--user root] \
 *     --key ~/.ssh/id_ed25519 [--fingerprint SHA256:...] [--known-hosts ~/.ssh/known_hosts] \
 *     --name debian12-kvm [--out shared/probe/fixtures]
 *
 * The host key must be in the known_hosts file or equal --fingerprint. Writes one file per
 * section (shared/probe/fixture-files.ts names them) plus a few alternative outputs used to
 * test fallback parsers. Review the files before committing: they hold addresses and names.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTRA_CAPTURES, sectionFileName } from '../../../shared/probe/fixture-files';
import { readKnownHosts } from '../ssh/host-keys';
import { SshPool } from '../ssh/ssh-pool';
import { runProbe } from './probe-host';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string', default: '22' },
      user: { type: 'string', default: 'root' },
      key: { type: 'string' },
      fingerprint: { type: 'string' },
      'known-hosts': { type: 'string', default: join(homedir(), '.ssh', 'known_hosts') },
      name: { type: 'string' },
      out: { type: 'string', default: 'shared/probe/fixtures' },
    },
  });
  const { host, key, name, fingerprint } = values;
  if (!host || !name || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    throw new Error(
      'usage: --host H --name fixture-name (lower case) [--key PATH] [--port N] [--user U] [--fingerprint SHA256:...]',
    );
  }
  const port = Number(values.port);
  const knownHosts = readKnownHosts(values['known-hosts'] ?? '');
  const pool = new SshPool({
    verifier: (t, k) =>
      fingerprint !== undefined
        ? k.fingerprint === fingerprint
          ? 'trusted'
          : 'unknown'
        : knownHosts.verdict(t.host, t.port, k.blob),
  });
  const expand = (p: string): string => (p.startsWith('~/') ? join(homedir(), p.slice(2)) : p);
  try {
    await pool.connect({
      hostId: 'capture',
      host,
      port,
      username: values.user ?? 'root',
      auth: key ? { method: 'key', privateKey: readFileSync(expand(key)) } : { method: 'agent' },
    });
    const exec: Parameters<typeof runProbe>[0] = (command, opts) =>
      pool.exec('capture', command, opts);
    const raw = await runProbe(exec);
    const dir = resolve(values.out ?? 'shared/probe/fixtures', name);
    mkdirSync(dir, { recursive: true });
    for (const [section, body] of raw.sections)
      writeFileSync(join(dir, sectionFileName(section)), `${body}\n`);
    for (const [file, command] of Object.entries(EXTRA_CAPTURES)) {
      const r = await pool.exec('capture', command, { timeoutMs: 30_000 });
      if (r.code === 0 && r.stdout.trim() !== '') writeFileSync(join(dir, file), r.stdout);
    }
    console.log(`saved ${raw.sections.size} sections of ${host} to ${dir}`);
  } finally {
    await pool.closeAll();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requests } from '../../shared/api/contract';
import { parseOrThrow } from '../../shared/api/dispatch';
import { ERROR_HINTS, isAppError } from '../../shared/api/errors';
import { createEngine, type Engine } from '../core/engine';
import { defaultDataDir } from '../core/paths';

const USAGE = `Usage: clusterdeck [--data-dir DIR] [--json] COMMAND

Commands:
  hosts list                          the hosts and their trusted keys
  hosts add --address A [--port N] [--user U] (--agent | --key PATH | --password) [--name N]
  hosts trust NAME --fingerprint SHA256:...
                                      trust NAME's key after comparing it on the server
  hosts probe NAME                    connect and print the host's facts
  audit [--limit N]                   the newest audit log entries

The data dir is shared with the app (default: ${defaultDataDir()}).`;

type Flags = Record<string, string | boolean | undefined>;

function findHost(engine: Engine, nameOrId: string | undefined) {
  const host = engine.hosts.list().find((h) => h.name === nameOrId || h.id === nameOrId);
  if (!host) throw new Error(`host: no host named ${JSON.stringify(nameOrId ?? '')} (see: clusterdeck hosts list)`);
  return host;
}

async function run(engine: Engine, words: string[], flags: Flags): Promise<unknown> {
  const [group, verb, arg] = words;
  if (group === 'hosts' && verb === 'list') return engine.hosts.list();
  if (group === 'hosts' && verb === 'add') {
    const auth = flags['key']
      ? { method: 'key', keyPath: resolve(String(flags['key'])) }
      : flags['password']
        ? { method: 'password' }
        : { method: 'agent' };
    const input = parseOrThrow(requests['hosts:add'].input, {
      name: flags['name'],
      address: flags['address'],
      port: flags['port'],
      user: flags['user'],
      auth,
    });
    return engine.hosts.add(input);
  }
  if (group === 'hosts' && verb === 'trust') {
    const host = findHost(engine, arg);
    const fingerprint = String(flags['fingerprint'] ?? '');
    try {
      await engine.hosts.connect({ hostId: host.id });
      return { trusted: host.trustedKey, note: 'the key was already trusted' };
    } catch (e) {
      if (!isAppError(e) || e.code !== 'HOST_KEY_UNKNOWN') throw e;
      const seen = e.details as { keyType: string; fingerprint: string };
      if (seen.fingerprint !== fingerprint) {
        throw new Error(
          `fingerprint: the host presents ${seen.keyType} ${seen.fingerprint}; pass exactly that with --fingerprint after comparing it on the server`,
        );
      }
      engine.hosts.trustKey({ hostId: host.id, keyType: seen.keyType, fingerprint: seen.fingerprint });
      await engine.hosts.connect({ hostId: host.id });
      return engine.hosts.list().find((h) => h.id === host.id);
    }
  }
  if (group === 'hosts' && verb === 'probe') return engine.hosts.probe(findHost(engine, arg).id);
  if (group === 'audit') return engine.handlers['audit:list']({ limit: Number(flags['limit'] ?? 50) });
  throw new Error(`unknown command: ${words.join(' ') || '(none)'}\n\n${USAGE}`);
}

/** The `clusterdeck` command line, over the same engine and data dir as the app. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      address: { type: 'string' },
      port: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      agent: { type: 'boolean' },
      password: { type: 'boolean' },
      fingerprint: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return 0;
  }
  const engine = createEngine({ dataDir: resolve(values['data-dir'] ?? defaultDataDir()), mode: 'browser' });
  try {
    const result = await run(engine, positionals, values);
    console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      const payload = { code: e.code, message: e.message, hint: ERROR_HINTS[e.code], details: e.details };
      if (values.json) console.log(JSON.stringify({ error: payload }));
      else console.error(`clusterdeck: ${e.code}: ${e.message}\n  hint: ${payload.hint}`);
    } else {
      console.error(`clusterdeck: ${e instanceof Error ? e.message : String(e)}`);
    }
    return 1;
  } finally {
    await engine.close();
  }
}

void main().then((code) => process.exit(code));

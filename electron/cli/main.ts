import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ERROR_HINTS, isAppError } from '../../shared/api/errors';
import { createEngine } from '../core/engine';
import { defaultDataDir } from '../core/paths';
import type { CliContext } from './cli-context';
import { applyCommand, clusterCommand, planCommand } from './cluster-commands';
import { hostsCommand } from './hosts-commands';
import { lbCommand } from './lb-commands';
import { execCommand, queueCommand, statusCommand } from './queue-commands';
import { writeText } from './terminal-text';

const USAGE = `Usage: clusterdeck [--data-dir DIR] [--json] COMMAND

Hosts:
  hosts list
  hosts add --address A [--port N] [--user U] (--agent | --key PATH | --password) [--name N]
  hosts trust NAME --fingerprint SHA256:...   trust NAME's key after comparing it on the server
  hosts probe NAME                            connect and print the host's facts
Clusters:
  cluster list | show NAME
  cluster create --file cluster.json          the model (host names may stand for host ids)
  cluster remove-node NAME --host HOST        drop an unreachable node; lists what stays on it
  plan NAME [--full]                          the exact commands and file diffs
  apply NAME [--full]                         plan, queue, follow; exit 0 done, 3 a queue halted
Load balancing (--cluster NAME when there are several clusters; NODE is a host name or id):
  lb status [--watch]                         the manager's IPVS table joined with the model
  lb drift                                    the steps not in place and the IPVS differences
  lb drain NODE [--timeout S]                 weight 0, apply, wait for its connections to end
                                              (default 300 s; exit 4 when some are left)
  lb maintenance NODE                         out of every service, apply
  lb return NODE                              back at its weights, apply
Queues:
  queue [list] | retry HOST | skip HOST --yes | cancel HOST --yes
  status                                      hosts, queues and clusters
  exec --hosts A,B[,..] [--timeout S] -- CMD  run CMD on the hosts in parallel
  audit [--limit N]

The data dir is shared with the app (default: ${defaultDataDir()}).`;

/** The `clusterdeck` command line, over the same engine and data dir as the app. */
async function main(): Promise<number> {
  const { values: flags, positionals } = parseArgs({
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
      file: { type: 'string' },
      full: { type: 'boolean' },
      yes: { type: 'boolean' },
      host: { type: 'string' },
      hosts: { type: 'string' },
      timeout: { type: 'string' },
      cluster: { type: 'string' },
      watch: { type: 'boolean' },
    },
  });
  if (flags.help || positionals.length === 0) {
    console.log(USAGE);
    return 0;
  }
  const engine = createEngine({ dataDir: resolve(flags['data-dir'] ?? defaultDataDir()), mode: 'browser' });
  const ctx: CliContext = {
    engine,
    flags,
    say: (line) => writeText(flags.json ? process.stderr : process.stdout, `${line}\n`),
  };
  // Remote text reaches a terminal only stripped of its controls; --json stays exact.
  const print = (result: unknown) => {
    if (result === undefined) return;
    if (flags.json) console.log(JSON.stringify(result));
    else writeText(process.stdout, `${typeof result === 'string' ? result : JSON.stringify(result, null, 2)}\n`);
  };
  try {
    const [group, verb, arg] = positionals;
    switch (group) {
      case 'hosts':
        print(await hostsCommand(ctx, verb, arg));
        return 0;
      case 'cluster':
        print(clusterCommand(ctx, verb, arg));
        return 0;
      case 'plan':
        print(await planCommand(ctx, verb));
        return 0;
      case 'apply': {
        const r = await applyCommand(ctx, verb);
        print(r.result);
        return r.exitCode;
      }
      case 'lb': {
        const r = await lbCommand(ctx, verb, arg);
        print(r.result);
        return r.exitCode;
      }
      case 'queue':
        print(queueCommand(ctx, verb, arg));
        return 0;
      case 'status':
        print(statusCommand(ctx));
        return 0;
      case 'exec': {
        const r = await execCommand(ctx, positionals.slice(1));
        print(r.result);
        return r.exitCode;
      }
      case 'audit':
        print(await engine.handlers['audit:list']({ limit: Number(flags.limit ?? 50) }));
        return 0;
      default:
        throw new Error(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    }
  } catch (e) {
    if (isAppError(e)) {
      const payload = { code: e.code, message: e.message, hint: ERROR_HINTS[e.code], details: e.details };
      if (flags.json) console.log(JSON.stringify({ error: payload }));
      else writeText(process.stderr, `clusterdeck: ${e.code}: ${e.message}\n  hint: ${payload.hint}\n`);
    } else {
      writeText(process.stderr, `clusterdeck: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return 1;
  } finally {
    await engine.close();
  }
}

void main().then((code) => process.exit(code));

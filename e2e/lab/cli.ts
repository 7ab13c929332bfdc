/**
 * `npm run lab -- COMMAND` (tsx e2e/lab/cli.ts COMMAND):
 *   up [--nodes N] [--backup-manager] [--storage] [--port-base N] [--install-deps]
 *   down | status [--json] | ssh HOST [--admin] [-- COMMAND...] | reset [HOST...]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { labPaths, MAX_NODES, type LabOptions } from './config.js';
import { currentLab, ensureLab, labStatus, stopLab } from './lab.js';
import { LabError } from './preflight.js';
import { remoteCommand } from './ssh.js';
import { formatStatus } from './status.js';

const USAGE = `ClusterDeck practice lab: real Debian hosts under qemu, reachable on 127.0.0.1.

usage: npm run lab -- COMMAND [options]

  up [--nodes N] [--backup-manager] [--storage] [--port-base N] [--install-deps]
                 start the lab (builds the image and snapshots on first use), or add hosts to it.
                 Default hosts: manager, node1, node2, client. N = 1..${MAX_NODES}.
  down           stop every lab VM and remove the lab's network namespace
  status [--json]
                 hosts, SSH endpoints, addresses, host keys, state (also written to status.json)
  ssh HOST [--admin] [-- COMMAND...]
                 open a shell (or run COMMAND) on a lab host as root (or admin). Each word of
                 COMMAND arrives as given (quoted for the remote shell); a single word is a
                 command line of its own: ssh node1 -- 'nginx -t && systemctl reload nginx'
  reset [HOST...]
                 return hosts (default: all) to their pristine state

Environment: CLUSTERDECK_LAB_DIR (work dir, default .cache/lab), CLUSTERDECK_LAB_PORT_BASE (22210),
CLUSTERDECK_LAB_NETNS (clusterdeck-lab). Needs root.`;

function parseUp(args: string[]): LabOptions {
  const o: LabOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new LabError(`${a} needs a value`);
      return v;
    };
    if (a === '--nodes' || a.startsWith('--nodes=')) o.nodes = Number(value());
    else if (a === '--backup-manager') o.backupManager = true;
    else if (a === '--storage') o.storage = true;
    else if (a === '--port-base' || a.startsWith('--port-base=')) o.portBase = Number(value());
    else if (a === '--install-deps') o.installDeps = true;
    else throw new LabError(`unknown option for up: ${a}\n\n${USAGE}`);
  }
  return o;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'up': {
      const lab = await ensureLab(parseUp(rest));
      console.log(formatStatus(lab.status));
      return 0;
    }
    case 'down':
      await stopLab();
      return 0;
    case 'status': {
      const st = await labStatus();
      if (rest.includes('--json')) console.log(JSON.stringify(st, null, 2));
      else {
        console.log(formatStatus(st));
        if (fs.existsSync(labPaths().statusFile)) console.log(`(JSON: ${labPaths().statusFile})`);
      }
      return 0;
    }
    case 'ssh': {
      const [host, ...more] = rest;
      if (!host) throw new LabError('usage: ssh HOST [--admin] [-- COMMAND...]');
      const lab = await currentLab();
      const h = lab.host(host);
      const dd = more.indexOf('--');
      const opts = dd >= 0 ? more.slice(0, dd) : more;
      const remote = remoteCommand(dd >= 0 ? more.slice(dd + 1) : []);
      const user = opts.includes('--admin') ? h.adminUser : h.user;
      const r = spawnSync(
        'ssh',
        [
          '-F',
          lab.sshConfigPath,
          ...(remote === undefined ? ['-t'] : []),
          '-l',
          user,
          host,
          ...(remote === undefined ? [] : [remote]),
        ],
        { stdio: 'inherit' },
      );
      return r.status ?? 1;
    }
    case 'reset': {
      const lab = await currentLab();
      await lab.reset(rest.length ? rest : undefined);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return cmd ? 0 : 1;
    default:
      console.error(`unknown command: ${cmd}\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof LabError) console.error(`lab: ${e.message}`);
    else console.error(e);
    process.exit(1);
  },
);

/**
 * Preflight checks with clear, actionable errors: root, host tools (and the apt-get command that
 * installs them), free SSH ports, memory and disk.
 */
import fs from 'node:fs';
import net from 'node:net';
import { VM } from './config.js';
import { haveCommand, run } from './exec.js';

/** An error meant to be shown to the user as is (no stack trace). */
export class LabError extends Error {
  override name = 'LabError';
}

interface Tool {
  /** command on PATH, or absolute file path */
  check: string;
  pkg: string;
  /** needed only to build the image */
  buildOnly?: boolean;
}

const TOOLS: Tool[] = [
  { check: 'qemu-system-x86_64', pkg: 'qemu-system-x86' },
  { check: VM.bios, pkg: 'qemu-system-x86' },
  { check: 'qemu-img', pkg: 'qemu-utils' },
  { check: 'ip', pkg: 'iproute2' },
  { check: 'ssh', pkg: 'openssh-client' },
  { check: 'ssh-keygen', pkg: 'openssh-client' },
  { check: 'mmdebstrap', pkg: 'mmdebstrap', buildOnly: true },
  { check: 'cpio', pkg: 'cpio', buildOnly: true },
  { check: 'mkfs.ext4', pkg: 'e2fsprogs', buildOnly: true },
  { check: 'tune2fs', pkg: 'e2fsprogs', buildOnly: true },
  { check: 'apt-get', pkg: 'apt', buildOnly: true },
];

/** Debian packages the lab needs on the workstation. */
export const HOST_PACKAGES = [
  'qemu-system-x86',
  'qemu-utils',
  'mmdebstrap',
  'busybox-static',
  'cpio',
  'e2fsprogs',
  'iproute2',
  'openssh-client',
];

export function installCommand(pkgs = HOST_PACKAGES): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
}

export function requireRoot(): void {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new LabError(
      'the practice lab needs root: it creates a network namespace, bridges and tap devices.\n' +
        '  Run it as root, e.g.: sudo npx tsx e2e/lab/cli.ts up',
    );
  }
}

async function busyboxIsStatic(): Promise<boolean> {
  const r = await run('dpkg-query', ['-W', '-f=${Status}', 'busybox-static'], { check: false });
  return r.code === 0 && r.stdout.includes('install ok installed');
}

/** Names of missing host packages (empty when all is there). */
export async function missingPackages(needBuild: boolean): Promise<string[]> {
  const missing = new Set<string>();
  for (const t of TOOLS) {
    if (t.buildOnly && !needBuild) continue;
    const ok = t.check.startsWith('/') ? fs.existsSync(t.check) : await haveCommand(t.check);
    if (!ok) missing.add(t.pkg);
  }
  if (needBuild && !(await busyboxIsStatic())) missing.add('busybox-static');
  return [...missing];
}

/** Fail (or, with `install`, apt-get install) when host packages are missing. */
export async function checkHostTools(
  needBuild: boolean,
  install: boolean,
  log: (m: string) => void,
): Promise<void> {
  let missing = await missingPackages(needBuild);
  if (missing.length && install) {
    log(`installing host packages: ${missing.join(' ')}`);
    await run('apt-get', ['update', '-q'], { check: false });
    await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    missing = await missingPackages(needBuild);
  }
  if (missing.length) {
    const qemu = missing.some((p) => p.startsWith('qemu')) ? 'qemu is missing. ' : '';
    throw new LabError(
      `${qemu}The lab needs these Debian packages on this machine: ${missing.join(' ')}\n` +
        `  Install them with: ${installCommand(missing)}\n` +
        `  (or run the lab with --install-deps to let it run apt-get itself)`,
    );
  }
  if (!fs.existsSync('/dev/net/tun')) {
    throw new LabError('/dev/net/tun is missing: the lab needs tap devices (modprobe tun).');
  }
}

/** Reject if 127.0.0.1:port cannot be bound. */
export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new LabError(
          e.code === 'EADDRINUSE'
            ? `port 127.0.0.1:${port} is already taken by another program; stop it or choose other ports ` +
                `with --port-base N (or env CLUSTERDECK_LAB_PORT_BASE)`
            : `cannot use port 127.0.0.1:${port}: ${e.message}`,
        ),
      );
    });
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve()));
  });
}

function memAvailableMiB(): number {
  const m = /MemAvailable:\s+(\d+) kB/.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
  return m ? Math.floor(Number(m[1]) / 1024) : Number.MAX_SAFE_INTEGER;
}

/** Memory for `count` new VMs (RSS is ~530 MiB each with tb-size=256). */
export function checkMemory(count: number): void {
  if (count <= 0) return;
  const need = count * (VM.memoryMiB + 100) + 512;
  const have = memAvailableMiB();
  if (have < need) {
    throw new LabError(
      `not enough memory: ${count} VM(s) need about ${need} MiB, ${have} MiB available. ` +
        `Start fewer hosts (--nodes 1, without --backup-manager/--storage) or free memory.`,
    );
  }
}

/** Disk space in `dir` (which must exist) in MiB. */
export function checkDisk(dir: string, needMiB: number): void {
  const st = fs.statfsSync(dir);
  const have = Math.floor((st.bavail * st.bsize) / 1024 / 1024);
  if (have < needMiB) {
    throw new LabError(
      `not enough disk space in ${dir}: need about ${needMiB} MiB, ${have} MiB free. ` +
        `Free space or point CLUSTERDECK_LAB_DIR elsewhere.`,
    );
  }
}

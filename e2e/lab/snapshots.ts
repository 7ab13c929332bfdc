/**
 * Golden snapshots: each host is cold-booted once (at most VM.coldBootParallel at a time), gets its
 * own SSH host keys on that first boot, and is saved with `savevm` (disk + RAM) into
 * <labDir>/golden/<key>/. `up` then restores hosts in seconds with `-loadvm`, and `reset` reverts a
 * running host in place with HMP `loadvm`. The key covers the image, qemu version, machine type,
 * memory and the device set (vm.ts), since a snapshot loads only with exactly the same.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LAB_SRC_DIR, SNAPSHOT_TAG, VM, type HostSpec, type LabPaths } from './config.js';
import { pool, run, secondsSince } from './exec.js';
import type { ImageInfo } from './image-build.js';
import { hmp, qmp } from './qmp.js';
import { fingerprint, sshExec, waitForSsh } from './ssh.js';
import { startVm, stopVm, vmFiles } from './vm.js';

export interface GoldenInfo {
  name: string;
  disk: string;
  dataDisk?: string;
  hostKey: string;
  fingerprint: string;
  createdAt: string;
  bootSeconds: number;
}

export async function qemuVersion(): Promise<string> {
  const r = await run('qemu-system-x86_64', ['--version']);
  return (r.stdout.split('\n')[0] ?? '').trim();
}

/** Key of the snapshot set: image key + everything a savevm image depends on. */
export async function goldenKey(image: ImageInfo): Promise<string> {
  const h = crypto.createHash('sha256');
  h.update(
    `image=${image.key}\nqemu=${await qemuVersion()}\nvm=${JSON.stringify(VM)}\ntag=${SNAPSHOT_TAG}\n`,
  );
  for (const f of ['vm.ts', 'snapshots.ts', 'config.ts'])
    h.update(fs.readFileSync(path.join(LAB_SRC_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

export const goldenDir = (paths: LabPaths, key: string) => path.join(paths.golden, key);

/** The golden snapshot of a host, if it exists for this key. */
export function readGolden(paths: LabPaths, key: string, name: string): GoldenInfo | undefined {
  const dir = goldenDir(paths, key);
  try {
    const g = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as GoldenInfo;
    if (!fs.existsSync(g.disk) || (g.dataDisk && !fs.existsSync(g.dataDisk))) return undefined;
    return g;
  } catch {
    return undefined;
  }
}

/** Drop snapshot sets of other keys (they can never load again). */
export function pruneGoldens(paths: LabPaths, key: string): void {
  if (!fs.existsSync(paths.golden)) return;
  for (const d of fs.readdirSync(paths.golden)) {
    if (d !== key) fs.rmSync(path.join(paths.golden, d), { recursive: true, force: true });
  }
}

interface CreateOptions {
  paths: LabPaths;
  image: ImageInfo;
  key: string;
  netns: string;
  portOf: (h: HostSpec) => number;
  log: (m: string) => void;
}

/** Cold-boot the given hosts (2 at a time), wait for SSH, and save their golden snapshots. */
export async function createGoldens(specs: HostSpec[], o: CreateOptions): Promise<number> {
  const t0 = performance.now();
  const dir = goldenDir(o.paths, o.key);
  fs.mkdirSync(dir, { recursive: true });
  o.log(
    `snapshots: cold-booting ${specs.map((s) => s.name).join(', ')} (${VM.coldBootParallel} at a time, ~40 s each)`,
  );
  await pool(specs, VM.coldBootParallel, async (spec) => {
    const b0 = performance.now();
    const t = { name: spec.name, sshPort: o.portOf(spec) };
    const f = vmFiles(o.paths, spec.name);
    try {
      await startVm({ spec, image: o.image, paths: o.paths, netns: o.netns, port: t.sshPort });
      await waitForSsh(o.paths, t, 600_000, false);
      // Let boot finish (state may be "degraded": fine), then make the RAM image small.
      const r = await sshExec(
        o.paths,
        t,
        'timeout 120 systemctl is-system-running --wait >/dev/null; sync; echo 3 > /proc/sys/vm/drop_caches; cat /etc/ssh/ssh_host_ed25519_key.pub',
        { strict: false, check: true, timeoutMs: 180_000 },
      );
      const hostKey = r.stdout.trim().split('\n').pop() ?? '';
      if (!hostKey.startsWith('ssh-ed25519 '))
        throw new Error(`${spec.name}: no ed25519 host key (${hostKey})`);
      const bootSeconds = secondsSince(b0);
      await hmp(f.qmp, `savevm ${SNAPSHOT_TAG}`);
      await qmp(f.qmp, 'quit', undefined, 5000).catch(() => undefined);
      await stopVm(o.paths, spec.name, true);
      const g: GoldenInfo = {
        name: spec.name,
        disk: path.join(dir, `${spec.name}.qcow2`),
        dataDisk: spec.dataDisk ? path.join(dir, `${spec.name}-data.qcow2`) : undefined,
        hostKey,
        fingerprint: fingerprint(hostKey),
        createdAt: new Date().toISOString(),
        bootSeconds,
      };
      fs.renameSync(f.disk, g.disk);
      if (g.dataDisk) fs.renameSync(f.dataDisk, g.dataDisk);
      fs.writeFileSync(path.join(dir, `${spec.name}.json`), `${JSON.stringify(g, null, 2)}\n`);
      o.log(`snapshots: ${spec.name} saved (boot ${bootSeconds} s, host key ${g.fingerprint})`);
    } catch (e) {
      await stopVm(o.paths, spec.name);
      throw new Error(
        `golden snapshot of ${spec.name} failed: ${(e as Error).message}\n  serial log: ${f.serial}`,
      );
    }
  });
  return secondsSince(t0);
}

/** Revert a running host to its golden snapshot in place (disk + RAM). */
export async function loadGoldenInPlace(paths: LabPaths, name: string): Promise<void> {
  await hmp(vmFiles(paths, name).qmp, `loadvm ${SNAPSHOT_TAG}`);
  const st = await qmp(vmFiles(paths, name).qmp, 'query-status');
  const status = (st.return as { status?: string } | undefined)?.status;
  if (status !== 'running') await qmp(vmFiles(paths, name).qmp, 'cont');
}

/**
 * One qemu process per lab host: command line (the device set), start (cold or from the golden
 * snapshot), liveness by pidfile, stop by QMP quit then SIGKILL. Only processes whose pidfile and
 * command line belong to this lab directory are ever signalled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VM, privateMac, publicMac, type HostSpec, type LabPaths } from './config.js';
import { run, sleep } from './exec.js';
import type { ImageInfo } from './image-build.js';
import { attachTap, tapName } from './netns.js';
import { qmp } from './qmp.js';

/** Files of one VM under <labDir>/run and <labDir>/logs. */
export function vmFiles(paths: LabPaths, name: string) {
  return {
    disk: path.join(paths.run, `${name}.qcow2`),
    dataDisk: path.join(paths.run, `${name}-data.qcow2`),
    pid: path.join(paths.run, `${name}.pid`),
    qmp: path.join(paths.run, `${name}.qmp`),
    serial: path.join(paths.logs, `${name}.serial`),
  };
}

export interface StartOptions {
  spec: HostSpec;
  image: ImageInfo;
  paths: LabPaths;
  netns: string;
  port: number;
  /** Golden snapshot files to restore from; absent = cold boot from the base image. */
  golden?: { disk: string; dataDisk?: string; tag: string };
  /** Cold boot from the host's own disks as they are (power on after powerOff). */
  reuseDisks?: boolean;
}

/** The qemu arguments for a host. Part of the snapshot cache key (see snapshots.ts). */
export function qemuArgs(o: StartOptions): string[] {
  const { spec, image, port } = o;
  const f = vmFiles(o.paths, spec.name);
  const append = [
    'console=ttyS0',
    'root=/dev/vda',
    'rw',
    'net.ifnames=0',
    VM.appendExtra,
    `lab.hostname=${spec.name}`,
    `lab.pub=${spec.publicIp}/24`,
    ...(spec.privateIp ? [`lab.priv=${spec.privateIp}/24`] : []),
  ].join(' ');
  const drive = (file: string) => [
    '-drive',
    `file=${file},if=virtio,format=qcow2,cache=unsafe,discard=unmap`,
  ];
  const nic = (id: string, netdev: string, mac: string) => [
    '-netdev',
    netdev,
    '-device',
    `virtio-net-pci,netdev=${id},mac=${mac}`,
  ];
  return [
    '-name',
    `${spec.name},process=cdlab-${spec.name}`,
    '-accel',
    `tcg,tb-size=${VM.tbSizeMiB}`,
    '-M',
    VM.machine,
    '-cpu',
    VM.cpu,
    '-m',
    String(VM.memoryMiB),
    '-smp',
    '1',
    '-bios',
    VM.bios,
    '-nodefaults',
    '-no-user-config',
    '-kernel',
    image.kernel,
    '-initrd',
    image.initrd,
    '-append',
    append,
    ...drive(f.disk),
    ...(spec.dataDisk ? drive(f.dataDisk) : []),
    // eth0 = public, eth1 = private (not on the client), mgmt0 = user-mode NIC for SSH from 127.0.0.1
    ...nic(
      'pub',
      `tap,id=pub,ifname=${tapName(spec.octet, 'public')},script=no,downscript=no`,
      publicMac(spec),
    ),
    ...(spec.privateIp
      ? nic(
          'prv',
          `tap,id=prv,ifname=${tapName(spec.octet, 'private')},script=no,downscript=no`,
          privateMac(spec),
        )
      : []),
    ...nic('mgmt', `user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:${port}-:22`, VM.mgmtMac),
    '-device',
    'virtio-rng-pci',
    '-display',
    'none',
    '-serial',
    `file:${f.serial}`,
    '-monitor',
    'none',
    '-qmp',
    `unix:${f.qmp},server=on,wait=off`,
    '-pidfile',
    f.pid,
    '-daemonize',
    '-S',
  ];
}

/** PID of the host's qemu if it runs and really is this lab's process. */
export function vmPid(paths: LabPaths, name: string): number | undefined {
  const f = vmFiles(paths, name);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(f.pid, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return undefined; // zombie
    return cmdline.includes(f.qmp) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function copySparse(from: string, to: string): Promise<void> {
  await run('cp', ['--sparse=always', '--reflink=auto', from, to]);
}

/** Start a VM paused, wire its taps into the namespace, then let it run. */
export async function startVm(o: StartOptions): Promise<number> {
  const { spec, paths } = o;
  const f = vmFiles(paths, spec.name);
  fs.mkdirSync(paths.run, { recursive: true });
  fs.mkdirSync(paths.logs, { recursive: true });
  if (vmPid(paths, spec.name)) throw new Error(`${spec.name} is already running`);
  if (o.reuseDisks && !fs.existsSync(f.disk))
    throw new Error(`${spec.name} has no disk to boot from`);
  for (const p of [...(o.reuseDisks ? [] : [f.disk, f.dataDisk]), f.pid, f.qmp])
    fs.rmSync(p, { force: true });

  const args = qemuArgs(o);
  if (o.reuseDisks) {
    // boot the disks as they are
  } else if (o.golden) {
    await copySparse(o.golden.disk, f.disk);
    if (spec.dataDisk && o.golden.dataDisk) await copySparse(o.golden.dataDisk, f.dataDisk);
    args.push('-loadvm', o.golden.tag);
  } else {
    await run('qemu-img', [
      'create',
      '-q',
      '-f',
      'qcow2',
      '-F',
      'raw',
      '-b',
      o.image.rootImage,
      f.disk,
    ]);
    if (spec.dataDisk)
      await run('qemu-img', ['create', '-q', '-f', 'qcow2', f.dataDisk, VM.dataDiskSize]);
  }
  const r = await run('qemu-system-x86_64', args, { check: false, timeoutMs: 120_000 });
  if (r.code !== 0) {
    throw new Error(
      `qemu for ${spec.name} failed to start (exit ${r.code}): ${(r.stderr || r.stdout).trim()}`,
    );
  }
  const pid = vmPid(paths, spec.name);
  if (!pid) throw new Error(`qemu for ${spec.name} started but its pidfile ${f.pid} is not usable`);
  try {
    await attachTap(o.netns, tapName(spec.octet, 'public'), 'public');
    if (spec.privateIp) await attachTap(o.netns, tapName(spec.octet, 'private'), 'private');
    const c = await qmp(f.qmp, 'cont');
    if (c.error) throw new Error(`cont: ${c.error.desc}`);
  } catch (e) {
    await stopVm(paths, spec.name);
    throw e;
  }
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/** Stop a VM: QMP quit (pull the plug), then SIGKILL if needed. Removes its run files. */
export async function stopVm(paths: LabPaths, name: string, keepDisks = false): Promise<void> {
  const f = vmFiles(paths, name);
  const pid = vmPid(paths, name);
  if (pid) {
    await qmp(f.qmp, 'quit', undefined, 3000).catch(() => undefined);
    if (!(await waitGone(pid, 5000))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await waitGone(pid, 5000);
    }
  }
  for (const p of [f.pid, f.qmp, ...(keepDisks ? [] : [f.disk, f.dataDisk])])
    fs.rmSync(p, { force: true });
}

/**
 * Safety net: qemu processes whose command line points into this lab's run directory but whose
 * pidfile is gone (e.g. a crashed `up`). Returns their PIDs.
 */
export function orphanQemus(paths: LabPaths, known: Set<number>): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const pid = Number(d);
    if (known.has(pid) || pid === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.includes('qemu-system') && cmd.some((a) => a.startsWith(`unix:${paths.run}/`)))
        out.push(pid);
    } catch {
      /* raced */
    }
  }
  return out;
}

export async function killPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitGone(pid, 5000))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await waitGone(pid, 3000);
  }
}

/**
 * Lab orchestration: preflight, image build, golden snapshots, network namespace, VM start/stop,
 * reset, and the `Lab` handle the tests use.
 */
import fs from 'node:fs';
import {
  allHostSpecs,
  defaultLog,
  hostSpec,
  labPaths,
  netnsName,
  portBase,
  selectHosts,
  SNAPSHOT_TAG,
  sshPort,
  type HostSpec,
  type LabOptions,
  type LabPaths,
} from './config.js';
import { pool, secondsSince, type RunResult } from './exec.js';
import { buildImage, ensureKeys, resolveImage, type ImageInfo } from './image-build.js';
import { withLock } from './lock.js';
import { ensureNetns, removeNetns, removeStrayTaps } from './netns.js';
import {
  checkDisk,
  checkHostTools,
  checkMemory,
  checkPortFree,
  LabError,
  requireRoot,
} from './preflight.js';
import {
  createGoldens,
  goldenKey,
  loadGoldenInPlace,
  pruneGoldens,
  readGolden,
} from './snapshots.js';
import { setClock, sshExec, waitForSsh, writeSshFiles, type SshExecOptions } from './ssh.js';
import { readStatus, refreshStates, writeStatus, type LabHost, type LabStatus } from './status.js';
import { killPid, orphanQemus, startVm, stopVm, vmPid } from './vm.js';

const READY_TIMEOUT_MS = 180_000;

function toLabHost(
  spec: HostSpec,
  paths: LabPaths,
  port: number,
  hostKey?: string,
  fp?: string,
): LabHost {
  return {
    name: spec.name,
    role: spec.role,
    sshHost: '127.0.0.1',
    sshPort: port,
    user: 'root',
    adminUser: 'admin',
    privateKeyPath: paths.privateKey,
    publicIp: spec.publicIp,
    privateIp: spec.privateIp,
    dataDisk: spec.dataDisk ? '/dev/vdb' : undefined,
    hostKey,
    hostKeyFingerprint: fp,
    state: 'stopped',
  };
}

/** A running (or stopped) practice lab. */
export class Lab {
  constructor(
    readonly paths: LabPaths,
    private st: LabStatus,
    private readonly log: (m: string) => void = defaultLog,
  ) {}

  /** Hosts with their SSH endpoints, addresses and host keys. */
  hosts(): LabHost[] {
    return this.st.hosts.map((h) => ({ ...h }));
  }

  host(name: string): LabHost {
    const h = this.st.hosts.find((x) => x.name === name);
    if (!h)
      throw new Error(
        `lab host "${name}" is not part of this lab (${this.st.hosts.map((x) => x.name).join(', ')})`,
      );
    return { ...h };
  }

  get knownHostsPath(): string {
    return this.paths.knownHosts;
  }

  get sshConfigPath(): string {
    return this.paths.sshConfig;
  }

  get status(): LabStatus {
    return JSON.parse(JSON.stringify(this.st)) as LabStatus;
  }

  /** Run a shell command on a host over SSH (root, strict host-key checking by default). */
  exec(
    name: string,
    command: string,
    opts: SshExecOptions & { user?: string } = {},
  ): Promise<RunResult> {
    const h = this.host(name);
    return sshExec(this.paths, { name, sshPort: h.sshPort, user: opts.user }, command, opts);
  }

  /** Return hosts (default: all) to their pristine golden state: disk, memory, clock. */
  async reset(names?: string[]): Promise<void> {
    const targets = (names ?? this.st.hosts.map((h) => h.name)).map((n) => this.host(n));
    await withLock(this.paths.lockFile, async () => {
      const t0 = performance.now();
      await Promise.all(
        targets.map(async (h) => {
          if (vmPid(this.paths, h.name)) {
            try {
              await loadGoldenInPlace(this.paths, h.name);
            } catch (e) {
              this.log(
                `reset ${h.name}: in-place loadvm failed (${(e as Error).message}); restarting it`,
              );
              await stopVm(this.paths, h.name);
            }
          }
        }),
      );
      const stopped = targets.filter((h) => !vmPid(this.paths, h.name)).map((h) => h.name);
      if (stopped.length) await startHosts(this.paths, this.st, stopped, this.log);
      await Promise.all(
        targets.map(async (h) => {
          const t = { name: h.name, sshPort: h.sshPort };
          await waitForSsh(this.paths, t, READY_TIMEOUT_MS);
          await setClock(this.paths, t);
        }),
      );
      await refreshStates(this.paths, this.st);
      writeStatus(this.paths, this.st);
      this.log(`reset ${targets.map((h) => h.name).join(', ')} in ${secondsSince(t0)} s`);
    });
  }

  /** Pulls the plug of a host; its disks are kept, so powerOn boots it as it was. */
  async powerOff(name: string): Promise<void> {
    this.host(name);
    await withLock(this.paths.lockFile, () => stopVm(this.paths, name, true));
    this.log(`${name} powered off`);
  }

  /** Cold-boots a powered-off host from its own disks (about a minute) and waits for SSH. */
  async powerOn(name: string): Promise<void> {
    const h = this.host(name);
    await withLock(this.paths.lockFile, async () => {
      const t0 = performance.now();
      const spec = hostSpec(name);
      await startVm({
        spec,
        image: imageFromStatus(this.paths, this.st),
        paths: this.paths,
        netns: this.st.netns,
        port: h.sshPort,
        reuseDisks: true,
      });
      const t = { name, sshPort: h.sshPort };
      await waitForSsh(this.paths, t, READY_TIMEOUT_MS);
      await setClock(this.paths, t);
      this.log(`${name} powered on in ${secondsSince(t0)} s`);
    });
  }

  /** Stop every VM of the lab and remove its network namespace. */
  async stop(): Promise<void> {
    await stopLab({ labDir: this.paths.root, log: this.log });
    this.st = readStatus(this.paths, this.st.netns);
  }
}

/** Start the named hosts from their golden snapshots (they must exist) and wait for SSH. */
async function startHosts(
  paths: LabPaths,
  st: LabStatus,
  names: string[],
  log: (m: string) => void,
): Promise<void> {
  if (!st.imageKey || !st.goldenKey || st.portBase === undefined)
    throw new Error('lab status lacks image/snapshot keys');
  const image = imageFromStatus(paths, st);
  await ensureNetns(st.netns);
  await pool(names, 4, async (name) => {
    const spec = hostSpec(name);
    const g = readGolden(paths, st.goldenKey!, name);
    if (!g) throw new Error(`no golden snapshot for ${name}`);
    const port = sshPort(spec, st.portBase!);
    await startVm({
      spec,
      image,
      paths,
      netns: st.netns,
      port,
      golden: { disk: g.disk, dataDisk: g.dataDisk, tag: SNAPSHOT_TAG },
    });
    const t = { name, sshPort: port };
    await waitForSsh(paths, t, READY_TIMEOUT_MS);
    await setClock(paths, t);
  }).catch((e: unknown) => {
    log(`start failed: ${(e as Error).message}`);
    throw e;
  });
}

function imageFromStatus(paths: LabPaths, st: LabStatus): ImageInfo {
  const dir = `${paths.images}/${st.imageKey}`;
  return {
    key: st.imageKey!,
    dir,
    kernel: `${dir}/vmlinuz`,
    initrd: `${dir}/initrd.gz`,
    rootImage: `${dir}/base.raw`,
    kernelPackage: '',
    kernelVersion: '',
    built: true,
  };
}

/**
 * Start the lab, or reuse the hosts that already run: builds the image and the golden snapshots
 * first when the cache lacks them (first run: minutes; later: seconds). Resolves when SSH answers
 * on every requested host and clocks are set.
 */
export async function ensureLab(opts: LabOptions = {}): Promise<Lab> {
  const log = opts.log ?? defaultLog;
  requireRoot();
  const paths = labPaths(opts.labDir);
  const specs = selectHosts(opts);
  const base = portBase(opts);
  const ns = netnsName();
  fs.mkdirSync(paths.root, { recursive: true });
  return withLock(paths.lockFile, async () => {
    const t0 = performance.now();
    await checkHostTools(false, !!opts.installDeps, log);
    await ensureKeys(paths);
    const image = await resolveImage(paths, log);
    let imageBuildSeconds: number | undefined;
    if (!image.built) {
      await checkHostTools(true, !!opts.installDeps, log);
      checkDisk(paths.root, 4096);
      log(`building the lab image ${image.key} (first run on this machine: several minutes)`);
      imageBuildSeconds = await buildImage(paths, image, log);
      log(`image built in ${imageBuildSeconds} s`);
    }
    const gkey = await goldenKey(image);

    // A lab running from another image/snapshot set, or with other ports, cannot be reused.
    let st = await refreshStates(paths, readStatus(paths, ns));
    if (st.running && (st.goldenKey !== gkey || st.portBase !== base || st.netns !== ns)) {
      log('the running lab was started from another image or configuration: stopping it');
      await stopLabUnlocked(paths, log);
      st = readStatus(paths, ns);
    }
    pruneGoldens(paths, gkey);

    const running = new Set(st.hosts.filter((h) => h.state !== 'stopped').map((h) => h.name));
    const toStart = specs.filter((s) => !running.has(s.name));
    const toGolden = toStart.filter((s) => !readGolden(paths, gkey, s.name));
    for (const s of toStart) await checkPortFree(sshPort(s, base));
    checkMemory(Math.max(toStart.length, Math.min(toGolden.length, 2)));
    checkDisk(paths.root, 600 * toStart.length + 700 * toGolden.length + 256);

    await removeStrayTaps();
    await ensureNetns(ns);
    let snapshotSeconds: number | undefined;
    if (toGolden.length) {
      snapshotSeconds = await createGoldens(toGolden, {
        paths,
        image,
        key: gkey,
        netns: ns,
        portOf: (h) => sshPort(h, base),
        log,
      });
      log(`golden snapshots made in ${snapshotSeconds} s`);
    }

    // Status: keep running hosts, add the requested ones.
    const keep = st.hosts.filter((h) => running.has(h.name));
    const hosts = [...keep];
    for (const s of specs) {
      if (hosts.some((h) => h.name === s.name)) continue;
      const g = readGolden(paths, gkey, s.name)!;
      hosts.push(toLabHost(s, paths, sshPort(s, base), g.hostKey, g.fingerprint));
    }
    const order = allHostSpecs().map((s) => s.name);
    hosts.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    st = {
      ...readStatus(paths, ns),
      netns: ns,
      imageKey: image.key,
      goldenKey: gkey,
      portBase: base,
      hosts,
    };
    writeSshFiles(
      paths,
      hosts.map((h) => ({ name: h.name, sshPort: h.sshPort, hostKey: h.hostKey ?? '' })),
    );

    const tUp = performance.now();
    try {
      if (toStart.length)
        await startHosts(
          paths,
          st,
          toStart.map((s) => s.name),
          log,
        );
    } catch (e) {
      await stopLabUnlocked(paths, log).catch(() => undefined);
      throw e;
    }
    const upSeconds = secondsSince(toGolden.length ? tUp : t0);
    st.timings = { imageBuildSeconds, snapshotSeconds, upSeconds };
    await refreshStates(paths, st);
    writeStatus(paths, st);
    const notReady = st.hosts.filter((h) => h.state !== 'ready');
    if (notReady.length)
      throw new LabError(
        `hosts not ready: ${notReady.map((h) => `${h.name} (${h.state})`).join(', ')}`,
      );
    log(
      `lab up: ${st.hosts.map((h) => h.name).join(', ')} ready in ${upSeconds} s` +
        (toStart.length ? ` (${toStart.length} started from snapshots)` : ' (already running)') +
        (imageBuildSeconds !== undefined || snapshotSeconds !== undefined
          ? `; total with build ${secondsSince(t0)} s`
          : ''),
    );
    return new Lab(paths, st, log);
  });
}

/** Current status (refreshed from the live processes); does not need root to read. */
export async function labStatus(opts: Pick<LabOptions, 'labDir'> = {}): Promise<LabStatus> {
  const paths = labPaths(opts.labDir);
  const st = await refreshStates(paths, readStatus(paths, netnsName()));
  if (fs.existsSync(paths.root) && fs.existsSync(paths.statusFile)) {
    try {
      writeStatus(paths, st);
    } catch {
      /* read-only is fine */
    }
  }
  return st;
}

/** Handle on an already running lab (throws if none). */
export async function currentLab(opts: Pick<LabOptions, 'labDir' | 'log'> = {}): Promise<Lab> {
  const paths = labPaths(opts.labDir);
  const st = await labStatus(opts);
  if (!st.running) throw new LabError('the lab is not running: start it with `npm run lab -- up`');
  return new Lab(paths, st, opts.log ?? defaultLog);
}

async function stopLabUnlocked(paths: LabPaths, log: (m: string) => void): Promise<void> {
  const st = readStatus(paths, netnsName());
  const names = new Set([...st.hosts.map((h) => h.name), ...allHostSpecs().map((h) => h.name)]);
  const stopped: string[] = [];
  for (const name of names) {
    if (vmPid(paths, name)) stopped.push(name);
    await stopVm(paths, name);
  }
  const orphans = fs.existsSync(paths.run) ? orphanQemus(paths, new Set()) : [];
  for (const pid of orphans) await killPid(pid);
  await removeNetns(st.netns ?? netnsName());
  await removeNetns(netnsName());
  await removeStrayTaps();
  for (const h of st.hosts) {
    h.state = 'stopped';
    h.pid = undefined;
  }
  if (fs.existsSync(paths.root)) writeStatus(paths, st);
  log(
    stopped.length || orphans.length
      ? `lab down: stopped ${[...stopped, ...orphans.map((p) => `pid ${p}`)].join(', ')}; namespace removed`
      : 'lab down: nothing was running; namespace removed',
  );
}

/** Stop every VM of the lab (pidfile + QMP quit, SIGKILL fallback) and remove its namespace. */
export async function stopLab(opts: Pick<LabOptions, 'labDir' | 'log'> = {}): Promise<void> {
  requireRoot();
  const paths = labPaths(opts.labDir);
  if (!fs.existsSync(paths.root)) return;
  await withLock(paths.lockFile, () => stopLabUnlocked(paths, opts.log ?? defaultLog), 10 * 60_000);
}

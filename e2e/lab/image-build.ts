/**
 * Guest image: Debian kernel + busybox initramfs + ext4 root image built with mmdebstrap from the
 * host's own apt sources. Built once, cached under <labDir>/images/<key>/, keyed on everything it
 * depends on (package list, kernel package version, apt sources, build scripts, overlay, lab key).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GUEST_SUITE, LAB_SRC_DIR, VM, type LabPaths } from './config.js';
import { run, secondsSince } from './exec.js';
import { LabError } from './preflight.js';

export const IMAGE_SRC = path.join(LAB_SRC_DIR, 'image');
export const APT_SOURCES =
  process.env.CLUSTERDECK_LAB_APT_SOURCES ?? '/etc/apt/sources.list.d/debian.sources';

/** A built (or to-be-built) image. */
export interface ImageInfo {
  key: string;
  dir: string;
  kernel: string;
  initrd: string;
  rootImage: string;
  kernelPackage: string;
  kernelVersion: string;
  built: boolean;
}

interface Manifest {
  key: string;
  baseKey: string;
  kernelPackage: string;
  kernelPackageVersion: string;
  kernelVersion: string;
  builtAt: string;
  buildSeconds: number;
}

const sha256 = (data: crypto.BinaryLike) => crypto.createHash('sha256').update(data).digest('hex');

/** Package list from image/packages.txt (comments and blanks dropped). */
export function guestPackages(): string[] {
  return fs
    .readFileSync(path.join(IMAGE_SRC, 'packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

/** Hash of every input except the kernel package version. */
function baseKey(paths: LabPaths): string {
  const h = crypto.createHash('sha256');
  h.update(`suite=${GUEST_SUITE}\nsize=${VM.imageSize}\n`);
  h.update(`packages=${guestPackages().join(',')}\n`);
  for (const f of [...listFiles(IMAGE_SRC), path.join(LAB_SRC_DIR, 'image-build.ts')]) {
    const st = fs.statSync(f);
    h.update(`${path.relative(LAB_SRC_DIR, f)} ${st.mode & 0o777}\n`);
    h.update(fs.readFileSync(f));
  }
  h.update(fs.existsSync(APT_SOURCES) ? fs.readFileSync(APT_SOURCES) : 'no-sources');
  h.update(fs.readFileSync(paths.publicKey));
  return h.digest('hex');
}

/** The Debian kernel package that linux-image-amd64 depends on, and its candidate version. */
async function resolveKernelPackage(): Promise<{ pkg: string; version: string } | undefined> {
  const dep = await run('apt-cache', ['depends', 'linux-image-amd64'], { check: false });
  const pkg = /Depends: (linux-image-\d\S*)/.exec(dep.stdout)?.[1];
  if (!pkg) return undefined;
  const pol = await run('apt-cache', ['policy', pkg], { check: false });
  const version = /Candidate: (\S+)/.exec(pol.stdout)?.[1];
  if (!version || version === '(none)') return undefined;
  return { pkg, version };
}

function readManifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function infoFor(
  dir: string,
  m: Pick<Manifest, 'key' | 'kernelPackage' | 'kernelVersion'>,
  built: boolean,
): ImageInfo {
  return {
    key: m.key,
    dir,
    kernel: path.join(dir, 'vmlinuz'),
    initrd: path.join(dir, 'initrd.gz'),
    rootImage: path.join(dir, 'base.raw'),
    kernelPackage: m.kernelPackage,
    kernelVersion: m.kernelVersion,
    built,
  };
}

/**
 * Work out the image key and whether a built image exists for it. When apt's lists cannot name
 * the kernel (no `apt-get update` yet), falls back to a cached image built from the same inputs.
 */
export async function resolveImage(
  paths: LabPaths,
  log: (m: string) => void,
): Promise<ImageInfo & { pkgVersion?: string }> {
  const base = baseKey(paths);
  const kernel = await resolveKernelPackage();
  if (!kernel) {
    const cached = fs.existsSync(paths.images)
      ? fs
          .readdirSync(paths.images)
          .map((d) => path.join(paths.images, d))
          .map((d) => ({ d, m: readManifest(d) }))
      : [];
    const hit = cached.find((c) => c.m?.baseKey === base);
    if (hit?.m) {
      log(
        `apt cannot resolve linux-image-amd64 (no apt-get update?): using cached image ${hit.m.key}`,
      );
      return infoFor(hit.d, hit.m, true);
    }
    throw new LabError(
      'apt cannot resolve the kernel package (linux-image-amd64) to build the lab image: run `apt-get update` first.',
    );
  }
  const key = sha256(`${base}\n${kernel.pkg}=${kernel.version}`).slice(0, 16);
  const dir = path.join(paths.images, key);
  const m = readManifest(dir);
  const built =
    !!m && ['vmlinuz', 'initrd.gz', 'base.raw'].every((f) => fs.existsSync(path.join(dir, f)));
  return {
    ...infoFor(
      dir,
      { key, kernelPackage: kernel.pkg, kernelVersion: m?.kernelVersion ?? '' },
      built,
    ),
    pkgVersion: kernel.version,
  };
}

/** Create the lab's own SSH key pair (once). */
export async function ensureKeys(paths: LabPaths): Promise<void> {
  if (fs.existsSync(paths.privateKey) && fs.existsSync(paths.publicKey)) return;
  fs.mkdirSync(paths.keys, { recursive: true, mode: 0o700 });
  fs.rmSync(paths.privateKey, { force: true });
  fs.rmSync(paths.publicKey, { force: true });
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'clusterdeck-lab',
    '-f',
    paths.privateKey,
  ]);
}

/** Build the image described by `img` (kernel, rootfs, initramfs). Returns build seconds. */
export async function buildImage(
  paths: LabPaths,
  img: ImageInfo & { pkgVersion?: string },
  log: (m: string) => void,
): Promise<number> {
  const t0 = performance.now();
  fs.mkdirSync(paths.logs, { recursive: true });
  const logFile = path.join(paths.logs, 'image-build.log');
  const fd = fs.openSync(logFile, 'w');
  const tmp = `${img.dir}.tmp`;
  try {
    fs.rmSync(paths.build, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    const debDir = path.join(paths.build, 'kernel-deb');
    const ksrc = path.join(paths.build, 'kernel');
    fs.mkdirSync(debDir, { recursive: true });
    fs.mkdirSync(tmp, { recursive: true });

    log(`image: downloading kernel ${img.kernelPackage} ${img.pkgVersion ?? ''} (log: ${logFile})`);
    await run('apt-get', ['download', img.kernelPackage], { cwd: debDir, logFd: fd });
    const deb = fs.readdirSync(debDir).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download produced no .deb');
    await run('dpkg', ['-x', path.join(debDir, deb), ksrc], { logFd: fd });
    const kv = fs.readdirSync(path.join(ksrc, 'lib', 'modules'))[0];
    if (!kv) throw new Error('kernel package has no lib/modules');

    log(
      `image: building Debian ${GUEST_SUITE} root filesystem with mmdebstrap (about 1-3 minutes)`,
    );
    const env = {
      ...process.env,
      ROOT: path.join(paths.build, 'rootfs'),
      IMAGE: path.join(tmp, 'base.raw'),
      IMAGE_SIZE: VM.imageSize,
      KV: kv,
      KSRC: ksrc,
      OVERLAY: path.join(IMAGE_SRC, 'overlay'),
      PUBKEY: paths.publicKey,
      SOURCES: APT_SOURCES,
      PKGS: guestPackages().join(','),
      SUITE: GUEST_SUITE,
    };
    await run('bash', [path.join(IMAGE_SRC, 'build-rootfs.sh')], { env, logFd: fd });

    log('image: building initramfs');
    await run('bash', [path.join(IMAGE_SRC, 'build-initrd.sh')], {
      env: {
        ...process.env,
        KSRC: ksrc,
        KV: kv,
        WORK: path.join(paths.build, 'initrd'),
        OUT: path.join(tmp, 'initrd.gz'),
      },
      logFd: fd,
    });
    fs.copyFileSync(path.join(ksrc, 'boot', `vmlinuz-${kv}`), path.join(tmp, 'vmlinuz'));

    const secs = secondsSince(t0);
    const manifest: Manifest = {
      key: img.key,
      baseKey: baseKey(paths),
      kernelPackage: img.kernelPackage,
      kernelPackageVersion: img.pkgVersion ?? '',
      kernelVersion: kv,
      builtAt: new Date().toISOString(),
      buildSeconds: secs,
    };
    fs.writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.rmSync(img.dir, { recursive: true, force: true });
    fs.renameSync(tmp, img.dir);
    img.kernelVersion = kv;
    img.built = true;
    // Older images (other keys) are useless now: free their space.
    for (const d of fs.readdirSync(paths.images)) {
      if (d !== img.key) fs.rmSync(path.join(paths.images, d), { recursive: true, force: true });
    }
    return secs;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new LabError(`image build failed: ${(e as Error).message}\n  full log: ${logFile}`);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(paths.build, { recursive: true, force: true });
  }
}

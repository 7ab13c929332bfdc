import type { DiskFact } from '../model/facts';

/**
 * Parses `df -P` output (with or without -T, any block size such as -B1 or -k) for one path.
 * The mount point is the rest of the line, so mount points with spaces survive.
 */
export function parseDfPosix(text: string): Omit<DiskFact, 'path' | 'exists'> | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const headerAt = lines.findIndex((l) => /^Filesystem\s/.test(l));
  if (headerAt < 0) return undefined;
  const header = lines[headerAt] ?? '';
  const blockSize = Number(/(\d+)-blocks/.exec(header)?.[1] ?? '1024');
  const hasType = /\sType\s/.test(header);
  const data = lines[headerAt + 1];
  if (data === undefined) return undefined;
  const f = data.trim().split(/\s+/);
  const need = hasType ? 7 : 6;
  if (f.length < need) return undefined;
  const [filesystem = '', ...rest] = f;
  const fsType = hasType ? rest.shift() : undefined;
  const [size = '', , avail = '', , ...mountParts] = rest;
  const fact: Omit<DiskFact, 'path' | 'exists'> = {
    filesystem,
    mount: mountParts.join(' '),
    sizeBytes: Number(size) * blockSize,
    availBytes: Number(avail) * blockSize,
  };
  if (fsType !== undefined) fact.fsType = fsType;
  if (!Number.isFinite(fact.sizeBytes) || !Number.isFinite(fact.availBytes)) return undefined;
  return fact;
}

/**
 * Parses one `disk <path>` section: `exists=0|1`, `at=<nearest existing path>`, then df's
 * output for that path. A missing path (e.g. /chroot before setup) reports the filesystem
 * that would hold it.
 */
export function parseDiskSection(path: string, text: string): DiskFact {
  const exists = /^exists=1$/m.test(text);
  const df = parseDfPosix(text);
  return { path, exists, ...df };
}

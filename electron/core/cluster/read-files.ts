import { randomBytes } from 'node:crypto';
import { quote } from '../../../shared/shell/quote';
import { AppError } from '../../../shared/api/errors';
import type { ExecResult } from '../ssh/types';

/** Runs one command on a host. */
export type RunOnHost = (command: string, opts: { timeoutMs: number }) => Promise<ExecResult>;

/**
 * Reads several remote files in one round trip. Content travels base64-encoded between
 * per-call random markers, so any bytes survive; a missing file reads as null.
 */
export async function readRemoteFiles(
  run: RunOnHost,
  paths: readonly string[],
): Promise<Record<string, string | null>> {
  if (paths.length === 0) return {};
  const mark = `CDFILE${randomBytes(12).toString('hex')}`;
  const script =
    `for p in ${paths.map(quote).join(' ')}; do ` +
    `if [ -f "$p" ] || [ -e "$p" -a ! -d "$p" ]; then printf '%s F %s\\n' ${mark} "$p"; base64 -w0 < "$p"; printf '\\n'; ` +
    `else printf '%s M %s\\n' ${mark} "$p"; fi; done`;
  const r = await run(script, { timeoutMs: 60_000 });
  if (r.code !== 0)
    throw new AppError('COMMAND_FAILED', `reading files failed: ${r.stderr.trim().slice(0, 300)}`);
  const out: Record<string, string | null> = {};
  const lines = r.stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith(`${mark} `)) continue;
    const kind = line.slice(mark.length + 1, mark.length + 2);
    const path = line.slice(mark.length + 3);
    if (kind === 'M') out[path] = null;
    else if (kind === 'F') out[path] = Buffer.from(lines[++i] ?? '', 'base64').toString('utf8');
  }
  for (const p of paths) {
    if (!(p in out)) throw new AppError('COMMAND_FAILED', `reading files: no answer for ${p}`);
  }
  return out;
}

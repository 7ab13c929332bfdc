import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { quote, sh } from '../../../shared/shell/quote';
import type { RunOnHost } from './read-files';

/** One command of {@link runSections}. */
export interface SectionSpec {
  /** Shell text, run as the argument of its own `sh -c`. */
  command: string;
  /** The command is stopped (TERM, KILL 2 s later) after this many seconds. */
  timeoutSec: number;
  /** Only the first bytes of stdout and of stderr come back (default: all). */
  maxBytes?: number;
}

/** What one section gave back. */
export interface SectionResult {
  /** Exit status (124 when the time limit stopped it, 128 + n for signal n). */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when stdout or stderr was longer than `maxBytes`. */
  truncated: boolean;
}

/** The script of {@link runSections}; exported for tests. */
export function sectionsScript(mark: string, sections: readonly SectionSpec[]): string {
  const lines = [
    'if ! command -v timeout >/dev/null 2>&1 || ! command -v base64 >/dev/null 2>&1; then',
    `  echo ${quote('this needs timeout and base64 (GNU coreutils)')} >&2; exit 70`,
    'fi',
    'd=$(mktemp -d) || exit 70',
    `trap 'rm -rf "$d"' EXIT`,
  ];
  sections.forEach((s, i) => {
    const head = s.maxBytes === undefined ? 'cat' : sh`head -c ${s.maxBytes}`;
    lines.push(
      `${sh`timeout -k 2 ${s.timeoutSec} sh -c ${s.command}`} </dev/null >"$d/o" 2>"$d/e"; c=$?`,
      `printf '%s %s %s %s %s\\n' ${mark} ${i} "$c" "$(wc -c <"$d/o")" "$(wc -c <"$d/e")"`,
      `${head} "$d/o" | base64 -w0; printf '\\n'; ${head} "$d/e" | base64 -w0; printf '\\n'`,
    );
  });
  lines.push('rm -rf "$d"');
  return lines.join('\n');
}

/**
 * Runs several commands on a host in one round trip, each in its own `sh -c` with stdin
 * closed and its own time limit, and returns each one's exit status, stdout and stderr.
 * Output travels base64-encoded after a per-call random marker, so no output can forge the
 * framing. Needs GNU coreutils (timeout, base64) on the host.
 */
export async function runSections(
  run: RunOnHost,
  sections: readonly SectionSpec[],
): Promise<SectionResult[]> {
  if (sections.length === 0) return [];
  const mark = `CDSEC${randomBytes(12).toString('hex')}`;
  const budgetSec = sections.reduce((n, s) => n + s.timeoutSec + 2, 15);
  const r = await run(sectionsScript(mark, sections), { timeoutMs: budgetSec * 1000 });
  if (r.code !== 0) {
    throw new AppError(
      'COMMAND_FAILED',
      `running ${sections.length} commands failed (exit ${r.code ?? 'none'}): ${r.stderr.trim().slice(0, 300)}`,
    );
  }
  const out: (SectionResult | undefined)[] = sections.map(() => undefined);
  const lines = r.stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = (lines[i] ?? '').trim().split(/\s+/);
    if (words[0] !== mark || words.length !== 5) continue;
    const [, index, code, outBytes, errBytes] = words.map(Number);
    const spec = index === undefined ? undefined : sections[index];
    if (index === undefined || spec === undefined || code === undefined) continue;
    const decode = (line: string | undefined) => Buffer.from(line ?? '', 'base64').toString('utf8');
    const cap = spec.maxBytes ?? Infinity;
    out[index] = {
      code,
      stdout: decode(lines[++i]),
      stderr: decode(lines[++i]),
      timedOut: code === 124,
      truncated: (outBytes ?? 0) > cap || (errBytes ?? 0) > cap,
    };
  }
  return out.map((s, i) => {
    if (s === undefined)
      throw new AppError('COMMAND_FAILED', `no answer for command ${i + 1} of ${sections.length}`);
    return s;
  });
}

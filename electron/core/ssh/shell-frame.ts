import { randomBytes } from 'node:crypto';
import { quote } from '../../../shared/shell/quote';

/**
 * Framing of commands fed to a long-lived `/bin/sh` (see shell-session.ts).
 *
 * After each command the shell prints, on stdout, a newline, the command's marker, a space,
 * the exit status and a newline, and on stderr a newline, the marker and a newline. A marker
 * is `__CDX_` plus 128 random bits in hex, fresh for every command. It cannot be forged by
 * the command's output because the command never sees it: the shell does not echo its input
 * (stdin is a pipe, so it is not interactive), the command's stdin is /dev/null, and the
 * marker lives only in the shell's input buffer and in its builtin `printf`, never in any
 * process's argv or environment. The parser accepts a marker only at the start of a line (the
 * newline printed before it), only on its own stream, only with the exact nonce and the exact
 * tail; anything else, including lines that look like markers with other nonces, is output.
 */

/** The program the shell channel runs. POSIX sh on every Linux, whatever the login shell. */
export const SHELL_PROGRAM = 'exec /bin/sh';

/** The environment variable that tags a command's processes (shared with remote-kill.ts). */
const TAG = 'CLUSTERDECK_EXEC';

/** A fresh marker: a fixed prefix (for readability in logs) and 128 random bits. */
export function newMarker(): string {
  return `__CDX_${randomBytes(16).toString('hex')}`;
}

/** A fresh tag for a command's processes; deliberately unrelated to its marker. */
export function newTag(): string {
  return randomBytes(12).toString('hex');
}

/** The lines that make the shell report its pid, framed like a command whose status is `$$`. */
export function readyFeed(marker: string): string {
  return `printf '\\n%s %d\\n' ${marker} "$$"; printf '\\n%s\\n' ${marker} >&2\n`;
}

/**
 * The line that runs one command: in a subshell, so `cd`, exports, traps and `set` do not
 * reach the next command; through `eval` of one single-quoted word, so no command text (an
 * unbalanced quote, a stray `)`) can change how the shell parses the framing around it; with
 * stdin from /dev/null, because the shell's own stdin is the command feed; with its processes
 * tagged so a cancel can find those that left the shell's process tree.
 */
export function commandFeed(command: string, marker: string, tag: string): string {
  return (
    `( export ${TAG}=${tag}; eval ${quote(command)} ) </dev/null; ` +
    `printf '\\n%s %d\\n' ${marker} "$?"; printf '\\n%s\\n' ${marker} >&2\n`
  );
}

/**
 * A POSIX sh script that sends `signal` to every descendant of the shell `shellPid` (the
 * shell runs one command at a time, so they all belong to the running command) and to every
 * process tagged with `tag`. Processes are signalled one by one, never by process group: the
 * command shares the shell's group, and the shell must survive.
 *
 * Killing a tree one pid at a time races with forks: a loop whose child dies first forks a
 * new child before its own signal lands, and that child escapes the tree. So the tree is
 * frozen first (STOP, or KILL straight away) and scanned again until no new process shows
 * up; only then do TERM and CONT go out. Needs /proc and awk; the tag search uses `grep -z`
 * and is skipped where grep lacks it.
 */
export function killCommandScript(
  shellPid: number | undefined,
  tag: string,
  signal: 'TERM' | 'KILL',
): string {
  const root = shellPid ?? 0;
  const first = signal === 'TERM' ? 'STOP' : 'KILL';
  return [
    `t=${quote(`${TAG}=${tag}`)}`,
    'scan() {',
    // Fields of /proc/PID/stat after the command name (which may hold ") "): state ppid ...
    `  [ ${root} -gt 0 ] && cat /proc/[0-9]*/stat 2>/dev/null | awk -v root=${root} '`,
    '    { pid = $1; sub(/^.*\\) /, ""); pp[pid] = $2 }',
    '    END {',
    '      d[root] = 1',
    '      do { n = 0; for (p in pp) if (!(p in d) && (pp[p] in d)) { d[p] = 1; n++ } } while (n > 0)',
    '      for (p in d) if (p != root) print p',
    "    }'",
    `  grep -lzxF -- "$t" /proc/[0-9]*/environ 2>/dev/null | sed 's,^/proc/,,;s,/environ$,,'`,
    '}',
    "seen=' '",
    'i=0',
    'while [ $i -lt 20 ]; do',
    '  i=$((i + 1)); new=',
    '  for p in $(scan); do',
    `    case "$seen" in *" $p "*) continue ;; esac`,
    `    [ "$p" = "$$" ] || [ "$p" = ${root} ] && continue`,
    `    seen="$seen$p "; new=1`,
    `    kill -s ${first} "$p" 2>/dev/null`,
    '  done',
    '  [ -n "$new" ] || break',
    'done',
    ...(signal === 'TERM'
      ? ['for p in $seen; do kill -s TERM "$p" 2>/dev/null; kill -s CONT "$p" 2>/dev/null; done']
      : []),
  ].join('\n');
}

/** A script that kills a shell and everything it runs, for when it cannot be recovered. */
export function killShellScript(shellPid: number, tag: string): string {
  return `${killCommandScript(shellPid, tag, 'KILL')}\nkill -s KILL ${shellPid} 2>/dev/null\nexit 0`;
}

/** What a finished frame carried after its marker: the status on stdout, nothing on stderr. */
export interface FrameEnd {
  /** The number after the marker on stdout; undefined on stderr. */
  status: number | undefined;
  /** Bytes that came after the frame's closing newline (belong to whatever comes next). */
  rest: Buffer;
}

/** Longest tail accepted after a marker: a space and up to 10 digits. */
const MAX_TAIL = 11;
const NL = 0x0a;

/**
 * Finds the end of one framed stream. Bytes before the frame go to `sink` as they come, except
 * for a short tail that could be the start of the marker and is held back until it is not.
 */
export class FrameScanner {
  private readonly needle: Buffer;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  /**
   * @param marker the frame's marker
   * @param withStatus true on stdout (marker, space, digits), false on stderr (marker alone)
   * @param sink receives the stream's bytes before the frame
   */
  constructor(
    marker: string,
    private readonly withStatus: boolean,
    private sink: (chunk: Buffer) => void,
  ) {
    this.needle = Buffer.from(`\n${marker}`, 'latin1');
  }

  /** Whether the frame's end has been seen. */
  get done(): boolean {
    return this.ended;
  }

  /** Replaces where the output goes (e.g. with nothing, once the caller has given up). */
  redirect(sink: (chunk: Buffer) => void): void {
    this.sink = sink;
  }

  /** Feeds bytes; returns the frame's end once it has fully arrived, else undefined. */
  push(chunk: Buffer): FrameEnd | undefined {
    if (this.ended) return { status: undefined, rest: chunk };
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const at = buf.indexOf(this.needle);
      if (at < 0) {
        // Hold back only what could be the first bytes of a marker split across chunks, so
        // output still streams as it comes.
        const keep = this.partialNeedleAtEnd(buf);
        this.emit(buf.subarray(0, buf.length - keep));
        this.pending = Buffer.from(buf.subarray(buf.length - keep));
        return undefined;
      }
      const tailStart = at + this.needle.length;
      const nl = buf.indexOf(NL, tailStart);
      const tailLen = (nl < 0 ? buf.length : nl) - tailStart;
      if (nl < 0 && tailLen <= MAX_TAIL) {
        // The marker is here but its tail has not arrived yet.
        this.emit(buf.subarray(0, at));
        this.pending = Buffer.from(buf.subarray(at));
        return undefined;
      }
      const tail = nl < 0 ? undefined : buf.toString('latin1', tailStart, nl);
      const status = tail === undefined ? undefined : this.parseTail(tail);
      if (status !== null && tail !== undefined) {
        this.emit(buf.subarray(0, at));
        this.ended = true;
        this.pending = Buffer.alloc(0);
        return { status, rest: Buffer.from(buf.subarray(nl + 1)) };
      }
      // Right nonce, wrong tail: not a frame we printed. Pass it on as output and look further.
      this.emit(buf.subarray(0, at + 1));
      buf = buf.subarray(at + 1);
    }
  }

  /** Length of the longest end of `buf` that is a proper start of the needle. */
  private partialNeedleAtEnd(buf: Buffer): number {
    const from = Math.max(0, buf.length - this.needle.length + 1);
    for (let i = buf.indexOf(NL, from); i >= 0; i = buf.indexOf(NL, i + 1)) {
      const part = buf.subarray(i);
      if (this.needle.subarray(0, part.length).equals(part)) return part.length;
    }
    return 0;
  }

  /** The status in a tail, undefined for a valid stderr tail, null when the tail is not ours. */
  private parseTail(tail: string): number | undefined | null {
    if (!this.withStatus) return tail === '' ? undefined : null;
    return /^ \d{1,10}$/.test(tail) ? Number(tail.slice(1)) : null;
  }

  private emit(part: Buffer): void {
    if (part.length > 0) this.sink(part);
  }
}

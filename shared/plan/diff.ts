import { structuredPatch, type StructuredPatchHunk } from 'diff';

/**
 * Edits beyond which the diff shows the whole file replaced. Myers' algorithm takes time
 * growing with the square of the edits (2,000 lines all different: about 1 s); at this cap it
 * gives up within about 0.1 s, and a diff of more than 1,000 changed lines is read as a rewrite.
 */
const MAX_EDITS = 1000;

/** GNU diff's hunk range: `start,count`, the count left out when it is 1. */
function range(start: number, count: number): string {
  // An empty range names the line before it (jsdiff gives the line after).
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Lines of a pure removal or addition, with jsdiff's "\ No newline" markers; linear time. */
function allLines(before: string, after: string): StructuredPatchHunk | undefined {
  return structuredPatch('', '', before, after, undefined, undefined, { context: 0 }).hunks[0];
}

/** One hunk that removes every line of `before` and adds every line of `after`. */
function replaceAll(before: string, after: string): StructuredPatchHunk {
  const removed = allLines(before, '');
  const added = allLines('', after);
  return {
    oldStart: 1,
    oldLines: removed?.oldLines ?? 0,
    newStart: 1,
    newLines: added?.newLines ?? 0,
    lines: [...(removed?.lines ?? []), ...(added?.lines ?? [])],
  };
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`, 3 lines of context) from `before` to `after`;
 * '' when they are equal. `before` null means the file does not exist yet (`--- /dev/null`).
 * The edit script is jsdiff's (Myers); the text is written as GNU diff writes it, which
 * `patch` applies and the plan preview colours. Past {@link MAX_EDITS} edits, one hunk
 * replaces the whole file.
 */
export function unifiedDiff(
  path: string,
  before: string | null,
  after: string,
  context = 3,
): string {
  if (before === after) return '';
  const rel = path.replace(/^\/+/, '');
  const old = before ?? '';
  const hunks = structuredPatch('', '', old, after, undefined, undefined, {
    context,
    maxEditLength: MAX_EDITS,
  })?.hunks ?? [replaceAll(old, after)];
  const out = [`--- ${before === null ? '/dev/null' : `a/${rel}`}`, `+++ b/${rel}`];
  for (const h of hunks) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const line of h.lines) out.push(line);
  }
  return `${out.join('\n')}\n`;
}

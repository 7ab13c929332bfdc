/** One line of an edit script: kept, removed (from the old text) or added (to the new text). */
interface Edit {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers in the old and new text where this line sits (or would). */
  a: number;
  b: number;
}

const NO_NEWLINE = '\\ No newline at end of file';

/** Splits text into lines; the last line notes whether the text ended without a newline. */
function lines(text: string): { lines: string[]; noEol: boolean } {
  if (text === '') return { lines: [], noEol: false };
  const parts = text.split('\n');
  const noEol = parts[parts.length - 1] !== '';
  if (!noEol) parts.pop();
  return { lines: parts, noEol };
}

/**
 * Line edit script by longest common subsequence. The common head and tail are stripped first,
 * so the quadratic table only spans the changed middle (config files change in few places).
 */
function editScript(a: string[], b: string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  // lcs[i][j] = LCS length of am[i..] and bm[j..], flattened.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        am[i] === bm[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const out: Edit[] = [];
  for (let k = 0; k < head; k++) out.push({ op: ' ', text: a[k] ?? '', a: k + 1, b: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ op: ' ', text: am[i] ?? '', a: head + i + 1, b: head + j + 1 });
      i++;
      j++;
    } else if (
      i < n &&
      (j === m || (lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0))
    ) {
      // Removals before additions, as diff(1) shows a changed line.
      out.push({ op: '-', text: am[i] ?? '', a: head + i + 1, b: head + j + 1 });
      i++;
    } else {
      out.push({ op: '+', text: bm[j] ?? '', a: head + i + 1, b: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({
      op: ' ',
      text: a[a.length - tail + k] ?? '',
      a: a.length - tail + k + 1,
      b: b.length - tail + k + 1,
    });
  }
  return out;
}

function range(start: number, count: number): string {
  // Unified diff convention: an empty range names the line before it.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`, 3 lines of context) from `before` to `after`;
 * '' when they are equal. `before` null means the file does not exist yet (`--- /dev/null`).
 */
export function unifiedDiff(
  path: string,
  before: string | null,
  after: string,
  context = 3,
): string {
  if (before === after) return '';
  const rel = path.replace(/^\/+/, '');
  const A = lines(before ?? '');
  const B = lines(after);
  const edits = editScript(A.lines, B.lines);
  const lastA = A.lines.length;
  const lastB = B.lines.length;
  // A change in the final newline alone changes the last line.
  if (A.noEol !== B.noEol) {
    for (let k = edits.length - 1; k >= 0; k--) {
      const e = edits[k];
      if (e?.op === ' ' && e.a === lastA && e.b === lastB) {
        edits.splice(
          k,
          1,
          { op: '-', text: e.text, a: e.a, b: e.b },
          { op: '+', text: e.text, a: e.a + 1, b: e.b },
        );
        break;
      }
    }
  }
  const changed = edits.map((e, k) => (e.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  const out = [`--- ${before === null ? '/dev/null' : `a/${rel}`}`, `+++ b/${rel}`];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] ?? 0;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] ?? 0) - last <= 2 * context)
      last = changed[++k] ?? last;
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(edits.length - 1, last + context);
    const hunk = edits.slice(from, to + 1);
    const aCount = hunk.filter((e) => e.op !== '+').length;
    const bCount = hunk.filter((e) => e.op !== '-').length;
    const aStart = hunk.find((e) => e.op !== '+')?.a ?? hunk[0]?.a ?? 1;
    const bStart = hunk.find((e) => e.op !== '-')?.b ?? hunk[0]?.b ?? 1;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const e of hunk) {
      out.push(`${e.op}${e.text}`);
      const endsA = e.op !== '+' && e.a === lastA && A.noEol;
      const endsB = e.op !== '-' && e.b === lastB && B.noEol;
      if (endsA || endsB) out.push(NO_NEWLINE);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A unified diff (as `diff`'s createTwoFilesPatch writes it) turned into the lines the diff
 * view shows: one column with + / - markers, or two columns side by side. Headers ("Index:",
 * "===", "---", "+++") are dropped; each hunk keeps its "@@" line so the reader knows where it is.
 */

/** One line of a unified diff. */
export interface DiffLine {
  kind: 'hunk' | 'context' | 'add' | 'del';
  /** Its number in the old file (context and removed lines), else null. */
  oldNo: number | null;
  /** Its number in the new file (context and added lines), else null. */
  newNo: number | null;
  text: string;
}

/** One row of the side-by-side view: the old line left, the new line right (either may be empty). */
export interface SideBySideRow {
  kind: 'hunk' | 'context' | 'change';
  left: DiffLine | null;
  right: DiffLine | null;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The lines of a unified diff, numbered; anything outside a hunk is left out. */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      inHunk = true;
      out.push({ kind: 'hunk', oldNo: null, newNo: null, text: line });
    } else if (!inHunk || line.startsWith('\\')) {
      // File headers, and "\ No newline at end of file": not lines of either file.
      continue;
    } else if (line.startsWith('+')) {
      out.push({ kind: 'add', oldNo: null, newNo: newNo++, text: line.slice(1) });
    } else if (line.startsWith('-')) {
      out.push({ kind: 'del', oldNo: oldNo++, newNo: null, text: line.slice(1) });
    } else if (line.startsWith(' ')) {
      out.push({ kind: 'context', oldNo: oldNo++, newNo: newNo++, text: line.slice(1) });
    }
  }
  return out;
}

/**
 * The side-by-side rows of diff lines: context on both sides; within a run of changes the
 * removed lines pair up with the added ones in order, the longer side's rest facing nothing.
 */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) {
      rows.push({ kind: 'change', left: dels[i] ?? null, right: adds[i] ?? null });
    }
    dels = [];
    adds = [];
  };
  for (const line of lines) {
    if (line.kind === 'del') dels.push(line);
    else if (line.kind === 'add') adds.push(line);
    else {
      flush();
      rows.push(
        line.kind === 'hunk'
          ? { kind: 'hunk', left: line, right: null }
          : { kind: 'context', left: line, right: line },
      );
    }
  }
  flush();
  return rows;
}

/** The marker a line is read by (never its colour alone). */
export function lineMarker(kind: DiffLine['kind']): string {
  return kind === 'add' ? '+' : kind === 'del' ? '-' : ' ';
}

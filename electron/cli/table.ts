/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

/** A table with a header row, or `empty` when there are no rows. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  empty = '(none)',
): string[] {
  return rows.length === 0 ? [empty] : columns([header, ...rows]);
}

/** Lines joined with a final newline: what a command prints. */
export function lines(...parts: (string | readonly string[])[]): string {
  return `${parts.flat().join('\n')}\n`;
}

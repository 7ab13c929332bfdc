import { readFileSync } from 'node:fs';
import { CliError } from './cli-errors';
import { jsonSyntaxError, lineColumn } from './json-syntax';

/** What a JSON file read from the command line holds, or why it cannot be read. */
export type JsonText = { ok: true; value: unknown } | { ok: false; error: CliError };

/**
 * Parses the text of a file named on the command line. A syntax error names the file, line and
 * column (`cluster.json:3:5: ...`, the form editors jump to). A UTF-8 byte order mark is allowed.
 */
export function parseJsonText(text: string, file: string, field = '--file'): JsonText {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    const found = jsonSyntaxError(body) ?? {
      offset: body.length,
      message: e instanceof Error ? e.message : String(e),
    };
    const { line, column } = lineColumn(body, found.offset);
    const message = `${file}:${line}:${column}: ${found.message}`;
    return {
      ok: false,
      error: new CliError(
        'VALIDATION',
        `${field}: ${message}`,
        `Correct the JSON at line ${line}, column ${column} of ${file}.`,
        {
          issues: [{ field, message }],
        },
      ),
    };
  }
}

/** Reads and parses a JSON file (`-` is standard input); errors name the file and place. */
export function readJsonFile(path: string, field = '--file'): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError(
        'NOT_FOUND',
        `${field}: no file ${path}`,
        'Check the path (relative paths start at the current folder).',
        { path },
      );
    throw new CliError(
      'VALIDATION',
      `${field}: cannot read ${path}: ${code ?? String(e)}`,
      'Give a readable JSON file.',
      {
        issues: [{ field, message: `cannot read ${path}` }],
      },
    );
  }
  const parsed = parseJsonText(text, path === '-' ? '(stdin)' : path, field);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

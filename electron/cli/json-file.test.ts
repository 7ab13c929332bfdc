import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/api/errors';
import { parseJsonText, readJsonFile } from './json-file';
import { jsonSyntaxError, lineColumn } from './json-syntax';

function where(text: string) {
  const e = jsonSyntaxError(text);
  if (e === null) return null;
  return { ...lineColumn(text, e.offset), message: e.message };
}

describe('jsonSyntaxError', () => {
  it('names the line and column of common mistakes, and what was expected there', () => {
    expect(where('{\n  "name": "web",\n}\n')).toEqual({
      line: 3,
      column: 1,
      message: expect.stringContaining('no trailing comma'),
    });
    expect(where('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      line: 3,
      column: 3,
      message: 'expected "," or "}" after the property value',
    });
    expect(where("{ 'a': 1 }")).toMatchObject({
      line: 1,
      column: 3,
      message: 'expected a property name in double quotes',
    });
    expect(where('{ "a": \'x\' }')).toMatchObject({
      column: 8,
      message: 'strings need double quotes (")',
    });
    expect(where('[1, 2,]')).toMatchObject({
      column: 7,
      message: expect.stringContaining('no trailing comma'),
    });
    expect(where('{ "a": tru }')).toMatchObject({
      column: 8,
      message: expect.stringContaining('expected a value'),
    });
    expect(where('{ "a": "x\ny" }')).toMatchObject({
      line: 1,
      column: 10,
      message: expect.stringContaining('line break'),
    });
    expect(where('{ "a": 1 } x')).toMatchObject({
      column: 12,
      message: 'unexpected text after the end of the JSON value',
    });
    expect(where('{ "a": [1, 2')).toMatchObject({ message: 'unexpected end of the file' });
    expect(where('{ "a": "abc')).toMatchObject({
      column: 8,
      message: expect.stringContaining('unterminated string'),
    });
    expect(where('{ "a": 01 }')).toMatchObject({ column: 9 });
  });

  it('agrees with JSON.parse on what is valid, for many random edits of a model', () => {
    const model = JSON.stringify(
      {
        name: 'web',
        nodes: [{ hostId: 'n1', ip: '10.0.0.1', n: -1.5e3, ok: true, x: null }],
        s: 'a\\"\u00e9\\u0041',
      },
      null,
      2,
    );
    const pieces = [
      '"',
      ',',
      '}',
      ']',
      '{',
      '[',
      ':',
      ' ',
      '\n',
      'x',
      '1',
      '-',
      '.',
      'e',
      '\\',
      'true',
      'nul',
      '\t',
      "'",
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      const at = rand(model.length);
      const cut = rand(3);
      const text =
        model.slice(0, at) +
        (rand(2) === 0 ? (pieces[rand(pieces.length)] ?? '') : '') +
        model.slice(at + cut);
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonSyntaxError(text) === null, text).toBe(valid);
    }
  });
});

describe('JSON files of the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function error(f: () => unknown) {
    try {
      f();
    } catch (e) {
      if (isAppError(e))
        return { code: e.code, message: e.message, hint: e.hint, details: e.details };
      throw e;
    }
    throw new Error('no error');
  }

  it('names file, line and column of a syntax error, as a VALIDATION error of --file', () => {
    const file = join(dir, 'cluster.json');
    writeFileSync(file, '{\n  "name": "web",\n  "layout": public\n}\n');
    expect(error(() => readJsonFile(file))).toEqual({
      code: 'VALIDATION',
      message: `--file: ${file}:3:13: expected a value (an object, array, string, number, true, false or null)`,
      hint: `Correct the JSON at line 3, column 13 of ${file}.`,
      details: {
        issues: [
          {
            field: '--file',
            message: `${file}:3:13: expected a value (an object, array, string, number, true, false or null)`,
          },
        ],
      },
    });
  });

  it('says NOT_FOUND for a missing file, and reads one with a byte order mark', () => {
    expect(error(() => readJsonFile(join(dir, 'nope.json')))).toMatchObject({
      code: 'NOT_FOUND',
      message: `--file: no file ${join(dir, 'nope.json')}`,
    });
    expect(parseJsonText('\uFEFF{"a":1}', 'f.json')).toEqual({ ok: true, value: { a: 1 } });
  });
});

/**
 * Where a JSON text first breaks the grammar, and why, in words an admin can act on. Node's own
 * JSON.parse messages differ between versions and often name no position at all ("Unexpected
 * token '}', ... is not valid JSON"), so the CLI finds the place itself when a parse fails.
 * Pure; only called once JSON.parse has already refused the text.
 */

/** The first syntax error of a JSON text: its offset and what was expected there. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Reads one JSON value at a time, throwing {@link Stop} at the first error. */
class Scanner {
  private i = 0;

  constructor(private readonly s: string) {}

  run(): void {
    this.ws();
    this.value();
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string, at = this.i): never {
    throw new Stop(
      at,
      this.i >= this.s.length && at === this.i ? 'unexpected end of the file' : message,
    );
  }

  private ws(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i] ?? '')) this.i++;
  }

  private value(): void {
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!['true', 'false', 'null'].some((w) => this.word(w)))
      this.fail(
        c === "'"
          ? 'strings need double quotes (")'
          : 'expected a value (an object, array, string, number, true, false or null)',
      );
  }

  private word(w: string): boolean {
    if (!this.s.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.s[this.i] !== '"')
        this.fail(
          this.s[this.i] === '}'
            ? 'a property name in double quotes must follow "," (no trailing comma)'
            : 'expected a property name in double quotes',
        );
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":" after the property name');
      this.i++;
      this.ws();
      this.value();
      this.ws();
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return;
      }
      if (c !== ',') this.fail('expected "," or "}" after the property value');
      this.i++;
      this.ws();
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.s[this.i] === ']') this.fail('a value must follow "," (no trailing comma)');
      this.value();
      this.ws();
      const c = this.s[this.i];
      if (c === ']') {
        this.i++;
        return;
      }
      if (c !== ',') this.fail('expected "," or "]" after the array element');
      this.i++;
      this.ws();
    }
  }

  private string(): void {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i] ?? '';
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < ' ')
        this.fail('a string must not contain a line break or control character; write \\n or \\t');
      if (c === '\\') {
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6)))
            this.fail('\\u must be followed by four hex digits');
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.fail('invalid escape in a string');
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.fail('unterminated string (a closing " is missing)', start);
  }

  private number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i));
    if (m === null) this.fail('invalid number');
    this.i += m[0].length;
  }
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Scanner(text).run();
    return null;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** The 1-based line and column of an offset (columns count UTF-16 units, as editors mostly do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

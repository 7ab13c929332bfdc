/**
 * The one way shell text is built from values. Every value is single-quoted unless it is made
 * only of characters that no POSIX shell treats specially, so no user value is ever parsed by
 * the remote shell.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one value as a single shell word. */
export function quote(value: string | number): string {
  const s = String(value);
  if (s.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (s.length > 0 && SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Builds a command line from a program and its arguments, each quoted. */
export function cmd(program: string, ...args: (string | number)[]): string {
  return [program, ...args].map(quote).join(' ');
}

/**
 * Tagged template that quotes every interpolated value: sh`mkdir -p ${dir}`.
 * Arrays interpolate as several quoted words.
 */
export function sh(
  strings: TemplateStringsArray,
  ...values: (string | number | (string | number)[])[]
): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += Array.isArray(v) ? v.map(quote).join(' ') : quote(v);
    out += strings[i + 1] ?? '';
  });
  return out;
}

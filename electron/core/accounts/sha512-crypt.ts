import { createHash, randomBytes } from 'node:crypto';

/**
 * SHA-512 crypt ("$6$"), as glibc's crypt(3) and /etc/shadow use it, following Ulrich Drepper's
 * published specification (https://www.akkadia.org/drepper/SHA-crypt.txt) step by step; the
 * numbers in the comments are the steps of that text. No npm package was needed for one hash
 * function, and node:crypto has no native build to worry about.
 */

const ROUNDS_DEFAULT = 5000;
const ROUNDS_MIN = 1000;
const ROUNDS_MAX = 999_999_999;
const SALT_MAX = 16;
const B64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const sha512 = (...parts: Buffer[]) => {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** `len` bytes made of `digest` repeated (steps 16 and 20). */
function repeatTo(digest: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i += digest.length) digest.copy(out, i, 0, Math.min(64, len - i));
  return out;
}

/** The crypt base64 of three bytes, least significant 6 bits first (step 22). */
function b64From24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let s = '';
  for (let i = 0; i < n; i++) {
    s += B64.charAt(w & 0x3f);
    w >>= 6;
  }
  return s;
}

/** The byte order of step 22 for SHA-512: (0,21,42), (22,43,1), (44,2,23), (3,24,45), ... */
const ORDER: ReadonlyArray<readonly [number, number, number]> = Array.from(
  { length: 21 },
  (_, i) => {
    const [a, b, c] = [i, i + 21, i + 42];
    if (i % 3 === 0) return [a, b, c] as const;
    return i % 3 === 1 ? ([b, c, a] as const) : ([c, a, b] as const);
  },
);

/**
 * Hashes `password` with `salt` (at most 16 characters are used) and `rounds` (absent: the
 * default 5000, written without a rounds= part; clamped to 1000..999999999 as the spec says).
 */
export function sha512Crypt(password: string, salt: string, rounds?: number): string {
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, SALT_MAX), 'utf8');
  const r =
    rounds === undefined ? ROUNDS_DEFAULT : Math.min(ROUNDS_MAX, Math.max(ROUNDS_MIN, rounds));
  // 4-8: digest B of password, salt, password.
  const b = sha512(p, s, p);
  // 1-3, 9-12: digest A.
  const a = createHash('sha512').update(p).update(s).update(repeatTo(b, p.length));
  for (let n = p.length; n > 0; n >>= 1) a.update(n & 1 ? b : p);
  const aDigest = a.digest();
  // 13-16: P sequence from digest DP of the password repeated.
  const dp = sha512(...Array<Buffer>(p.length).fill(p));
  const pSeq = repeatTo(dp, p.length);
  // 17-20: S sequence from digest DS of the salt repeated 16 + A[0] times.
  const ds = sha512(...Array<Buffer>(16 + aDigest.readUInt8(0)).fill(s));
  const sSeq = repeatTo(ds, s.length);
  // 21: the rounds.
  let c = aDigest;
  for (let i = 0; i < r; i++) {
    const h = createHash('sha512');
    h.update(i & 1 ? pSeq : c);
    if (i % 3) h.update(sSeq);
    if (i % 7) h.update(pSeq);
    h.update(i & 1 ? c : pSeq);
    c = h.digest();
  }
  // 22: the output string.
  let out = '';
  for (const [x, y, z] of ORDER)
    out += b64From24(c.readUInt8(x), c.readUInt8(y), c.readUInt8(z), 4);
  out += b64From24(0, 0, c.readUInt8(63), 2);
  const prefix = rounds === undefined ? '$6$' : `$6$rounds=${r}$`;
  return `${prefix}${s.toString('utf8')}$${out}`;
}

/** A new "$6$" hash of `password` with a random 16-character salt and the default rounds. */
export function hashPassword(password: string): string {
  const bytes = randomBytes(SALT_MAX);
  const salt = [...bytes].map((x) => B64.charAt(x & 0x3f)).join('');
  return sha512Crypt(password, salt);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh per-launch access token (256 bits, base64url: a valid subprotocol value). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a presented token with the expected one (any lengths). */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The origins the page may have: only the loopback address we listen on. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/** Host header check against DNS rebinding: only our loopback authority is served. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

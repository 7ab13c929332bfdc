import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CSP } from '../../shared/security/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Headers sent with every response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Serves a file of the built renderer. Paths are resolved inside `root` only; unknown paths
 * without an extension fall back to index.html (client-side routes).
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const candidate = normalize(join(root, rel));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let file = candidate;
  let st = statOrNull(file);
  if (st?.isDirectory()) {
    file = join(file, 'index.html');
    st = statOrNull(file);
  }
  if (!st && extname(rel) === '') {
    file = join(root, 'index.html');
    st = statOrNull(file);
  }
  if (!st?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': st.size,
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'private, max-age=3600',
  });
  // A file that goes away between stat and read ends this response, not the process.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * How a browser-mode page proves it may use the API, shared by the headless server and the
 * renderer so the two cannot drift.
 *
 * Threat model: browsers send cookies for 127.0.0.1 to every port of it, so any other local web
 * service the admin's browser visits would receive a cookie; and whoever holds the per-launch
 * token holds root on every managed host. So the token never travels in a cookie, a query string
 * or a path. The printed URL carries it in the fragment (`#token=…`), which browsers never send
 * to any server; the page moves it into its own origin's memory at once and presents it only in
 * the WebSocket handshake, as a `Sec-WebSocket-Protocol` value, to the one origin that served it.
 */

/** The path of the API WebSocket on the headless server. */
export const API_PATH = '/api';

/** The WebSocket URL of the engine API for a page served from `location`. */
export function apiSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API_PATH}`;
}

/** The subprotocol of the API WebSocket; the server selects it, never the token entry. */
export const API_SUBPROTOCOL = 'clusterdeck.v1';

/**
 * The close code of an API WebSocket whose handshake carried no token or a wrong one (an
 * application code, 4000-4999): the page then asks for the printed URL instead of retrying.
 */
export const API_UNAUTHORIZED_CLOSE = 4401;

/** Prefix of the subprotocol entry that carries the token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'token.';

/** The fragment key of the printed URL. */
const FRAGMENT_KEY = 'token';

/**
 * A token is base64url: only such characters are valid in a subprotocol value (an RFC 7230
 * token), and a strict shape keeps odd input out of the comparison.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

/** The URL printed for the user: the page at `origin`, the token in the fragment only. */
export function accessUrl(origin: string, token: string): string {
  return `${origin}/#${FRAGMENT_KEY}=${token}`;
}

/**
 * The token in a location fragment (`#token=…`, with or without the `#`), or null when there is
 * none or it is not token-shaped.
 */
export function tokenFromFragment(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  // Token characters need no percent-decoding, so a plain split is exact (and cannot throw).
  for (const pair of body.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === FRAGMENT_KEY) {
      const token = pair.slice(eq + 1);
      return TOKEN_SHAPE.test(token) ? token : null;
    }
  }
  return null;
}

/** The subprotocols a client offers when opening the API WebSocket with `token`. */
export function apiSocketProtocols(token: string | null): string[] {
  return token === null ? [API_SUBPROTOCOL] : [API_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token];
}

/**
 * What a `Sec-WebSocket-Protocol` request header offers: whether it names {@link API_SUBPROTOCOL}
 * and the token it carries. A header with more than one token entry carries none, so a client
 * cannot try several guesses per handshake.
 */
export function parseApiSocketProtocols(header: string | undefined): {
  api: boolean;
  token: string | null;
} {
  if (typeof header !== 'string') return { api: false, token: null };
  const entries = header.split(',').map((e) => e.trim());
  const tokens = entries.filter((e) => e.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  const token = tokens.length === 1 ? (tokens[0] ?? '').slice(TOKEN_SUBPROTOCOL_PREFIX.length) : '';
  return {
    api: entries.includes(API_SUBPROTOCOL),
    token: TOKEN_SHAPE.test(token) ? token : null,
  };
}

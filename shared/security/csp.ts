/**
 * The Content-Security-Policy the renderer runs under: in Electron (response header on app://)
 * and in browser mode (HTTP header). renderer/index.html carries the same policy as a meta tag.
 * MUI's emotion injects <style> elements, hence 'unsafe-inline' for styles only.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

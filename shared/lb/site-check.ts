import { sh } from '../shell/quote';

/** How long curl may take on a node for one site check, in seconds. */
export const SITE_CHECK_CURL_SEC = 10;

/**
 * The command a web node runs to answer for a site: GET http://127.0.0.1/ with the site's
 * domain as Host (the node's own web server, not the VIP), printing only the HTTP status.
 * curl's exit code tells why there was no answer (7: nothing listens, 28: timeout).
 */
export function siteCheckCommand(domain: string): string {
  return sh`curl -s -o /dev/null -w '%{http_code}' --max-time ${SITE_CHECK_CURL_SEC} -H ${`Host: ${domain}`} http://127.0.0.1/`;
}

const CURL_ERRORS: Record<number, string> = {
  7: 'nothing answers on port 80 (web server not running?)',
  28: `no answer within ${SITE_CHECK_CURL_SEC} s`,
  52: 'the web server closed the connection without a reply',
  127: 'curl is not installed on the host',
};

/** What {@link siteCheckCommand} printed: the HTTP status, or why there is none. */
export function parseSiteCheck(r: { code: number | null; stdout: string; stderr: string }): {
  status: number | null;
  error?: string;
} {
  const status = Number.parseInt(r.stdout.trim(), 10);
  if (r.code === 0 && Number.isInteger(status) && status > 0) return { status };
  const why =
    (r.code !== null ? CURL_ERRORS[r.code] : undefined) ??
    (r.stderr.trim() || `curl exited with code ${r.code ?? 'none'}`);
  return { status: null, error: why };
}

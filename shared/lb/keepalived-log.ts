import { cmd } from '../shell/quote';

/**
 * Why keepalived took a real server out, from its journal on the manager. keepalived removes a
 * server whose check fails from IPVS (or sets it to weight 0 with inhibit_on_failure) and logs
 * it; with `checker_log_all_failures` (ClusterDeck's keepalived.conf sets it) it logs the cause
 * first. keepalived 2.2 wording, from keepalived/check/*.c (`-o short-iso` journal lines):
 *
 *   2026-12-03T15:40:01+0000 mgr Keepalived_healthcheckers[812]: TCP connection to [10.10.0.11]:tcp:80 failed.
 *   ... TCP_CHECK on service [10.10.0.11]:tcp:80 failed after 1 retries.
 *   ... HTTP status code error to server [10.10.0.11]:tcp:80.
 *   ... SMTP_CHECK Bad greeting banner from server [10.10.0.11]:25
 *   ... Removing service [10.10.0.11]:tcp:80 from VS [10.10.0.100]:tcp:80
 *   ... Adding service [10.10.0.11]:tcp:80 to VS [10.10.0.100]:tcp:80
 *
 * (ipwrapper.c: "Removing ... from VS", "Adding ... to VS", and "Disabling"/"Enabling ... of VS"
 * with inhibit_on_failure; keepalived 1.x wrote "to VS" for removals too.) A line this module
 * does not understand is skipped, never guessed.
 */

/** How many journal lines are read: enough for the last changes of every server. */
export const KEEPALIVED_LOG_LINES = 300;

/** keepalived's last journal lines, timestamps in ISO 8601 (read-only; root or adm reads it). */
export function keepalivedLogCommand(): string {
  return cmd(
    'journalctl',
    '-u',
    'keepalived',
    '--no-pager',
    '-n',
    String(KEEPALIVED_LOG_LINES),
    '-o',
    'short-iso',
  );
}

/** Why and since when keepalived holds a real server out of a service. */
export interface KeepalivedDown {
  /** The IPVS key of the service ("tcp 10.10.0.100:80", "fwmark 100"). */
  service: string;
  address: string;
  port: number;
  /** keepalived's last failure message about the server, without its address; null if none. */
  reason: string | null;
  /** ISO time of the removal; null when the journal lines read do not show it. */
  since: string | null;
}

interface LogLine {
  at: string | null;
  text: string;
}

const IP = '(\\d{1,3}(?:\\.\\d{1,3}){3})';
/** A real server or service as keepalived prints it: [ip]:proto:port, or [ip]:port (SMTP). */
const ENDPOINT = new RegExp(`\\[${IP}\\]:(?:(tcp|udp|sctp):)?(\\d+)`);
const CHANGE = new RegExp(
  `^(Removing|Disabling|Adding|Enabling) service \\[${IP}\\]:(?:tcp|udp|sctp):(\\d+) (?:to|from|of) VS (.+?)\\s*$`,
);
/** short-iso: 2026-12-03T15:40:01+0000 (systemd < 250) or 2026-12-03T15:40:01+00:00. */
const JOURNAL = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-]\d\d):?(\d\d) \S+ ([^:]+): (.*)$/;

function lineOf(raw: string): LogLine | null {
  const m = JOURNAL.exec(raw.trimEnd());
  if (m) {
    if (!/keepalived/i.test(m[4] ?? '')) return null;
    return { at: new Date(`${m[1]}${m[2]}:${m[3]}`).toISOString(), text: m[5] ?? '' };
  }
  return raw.trim() === '' || raw.startsWith('-- ') ? null : { at: null, text: raw.trim() };
}

/** "[10.10.0.100]:tcp:80" -> "tcp 10.10.0.100:80"; "FWM 100" -> "fwmark 100". */
function serviceKey(text: string): string | null {
  const port = new RegExp(`^\\[${IP}\\]:(tcp|udp|sctp):(\\d+)$`).exec(text);
  if (port) return `${port[2] ?? ''} ${port[1] ?? ''}:${port[3] ?? ''}`;
  const mark = /^FWM (\d+)$/.exec(text);
  return mark ? `fwmark ${mark[1] ?? ''}` : null;
}

/** A failure message without the server: "TCP connection to [..]:tcp:80 failed." -> "TCP connection failed". */
function reasonOf(text: string): string | null {
  if (/succe(ss|ed)/i.test(text) || !ENDPOINT.test(text)) return null;
  if (!/fail|error|timeout|bad|could not|cannot|unreachable|no data|mismatch/i.test(text))
    return null;
  const old = /^HTTP status code error to .* url\((\d+)\), status_code \[(\d+)\]/.exec(text);
  if (old) return `HTTP status code ${old[2] ?? ''} (url ${old[1] ?? ''})`;
  const timeout = /^TCP connection to \S+ timeout\.?$/.exec(text);
  if (timeout) return 'TCP connection timed out';
  return text
    .replace(
      new RegExp(`\\s*(?:(?:on service|to|from|with)\\s+)?(?:server\\s+)?${ENDPOINT.source}`),
      '',
    )
    .replace(/\s+(?:to|from|with)\s*$/, '')
    .replace(/\s*\.\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const serverKey = (address: string, port: number): string => `${address}:${port}`;

/**
 * The servers keepalived holds out of a service at the end of the journal lines given: each
 * removal ("Removing"/"Disabling") not followed by a return ("Adding"/"Enabling"), with the last
 * failure logged for the server before it (or since, a check that keeps failing) as its reason.
 * A "summary" line ("TCP_CHECK on service ... failed after 1 retries") does not replace a more
 * precise reason logged just before it.
 */
export function parseKeepalivedLog(text: string): KeepalivedDown[] {
  const lastFailure = new Map<string, string>();
  const down = new Map<string, KeepalivedDown>();
  for (const raw of text.split('\n')) {
    const line = lineOf(raw);
    if (line === null) continue;
    const change = CHANGE.exec(line.text);
    if (change) {
      const service = serviceKey(change[4] ?? '');
      if (service === null) continue;
      const address = change[2] ?? '';
      const port = Number(change[3]);
      const key = `${service} ${serverKey(address, port)}`;
      if (change[1] === 'Removing' || change[1] === 'Disabling')
        down.set(key, {
          service,
          address,
          port,
          reason: lastFailure.get(serverKey(address, port)) ?? null,
          since: line.at,
        });
      else {
        down.delete(key);
        lastFailure.delete(serverKey(address, port));
      }
      continue;
    }
    const at = ENDPOINT.exec(line.text);
    if (at === null) continue;
    const key = serverKey(at[1] ?? '', Number(at[3]));
    // "TCP connection to ... success.", "Remote Web server ... succeed on service.": passing again.
    if (/succe(ss|ed)/i.test(line.text)) lastFailure.delete(key);
    const reason = reasonOf(line.text);
    if (reason === null) continue;
    const summary = /^\w+_CHECK on service /.test(line.text);
    if (!summary || !lastFailure.has(key)) lastFailure.set(key, reason);
  }
  // A removal logged before its cause (never in 2.2) or a cause logged after it.
  for (const d of down.values())
    if (d.reason === null) d.reason = lastFailure.get(serverKey(d.address, d.port)) ?? null;
  return [...down.values()];
}

/**
 * What keepalived says of a server (absent from IPVS, or at weight 0) it holds out: the down
 * entry of the service and server, matched by address only for a firewall-mark service
 * (whose servers keepalived lists with port 0); the server's last failure reason from any
 * service otherwise.
 */
export function keepalivedDownOf(
  entries: readonly KeepalivedDown[] | null,
  service: string,
  address: string,
  port: number,
): { reason: string | null; since: string | null } | null {
  if (entries === null) return null;
  const fwmark = service.startsWith('fwmark ');
  const found = entries.find(
    (e) => e.service === service && e.address === address && (fwmark || e.port === port),
  );
  return found ? { reason: found.reason, since: found.since } : null;
}

/**
 * A down server in words: "down: TCP connection failed (since 2026-12-03 15:40:01 UTC)", or
 * "down: its check fails (keepalived took it out of IPVS)" when the journal does not say why.
 */
export function describeDown(down: { reason: string | null; since: string | null }): string {
  const reason = down.reason ?? 'its check fails (keepalived took it out of IPVS)';
  const since =
    down.since === null
      ? ''
      : ` (since ${down.since.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')})`;
  return `down: ${reason}${since}`;
}

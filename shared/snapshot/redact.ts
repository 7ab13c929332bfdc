import type { ClusterAccount } from '../model/cluster';
import type { Redaction, SnapshotBody } from './format';

/**
 * Secrets out of a snapshot body before it is written: no password, passphrase, password hash
 * or private key may reach a file that is handed to a colleague or to support. What was taken
 * out is listed in `redactions` (where and what, never the value); a string that stays holds
 * {@link REDACTED} where the secret was.
 *
 * Taken out:
 * - SFTP password hashes of accounts, in the desired and the applied model;
 * - private key blocks (-----BEGIN ... PRIVATE KEY----- to its END, or to the end of a text cut
 *   short) in any string of the body: files, queue runs, audit, facts, drift diffs;
 * - values of secret settings in any text line: keepalived's `auth_pass`, `password = ...`,
 *   `passphrase ...`, `secret: ...`, tokens (see {@link SECRET_KEY});
 * - in audit details, every value under a key that names a secret (password, passwordHash,
 *   secret, passphrase, token).
 * Redacting twice gives the same body: markers are not secrets.
 */

/** What stands where a secret was. */
export const REDACTED = '[redacted]';
const REDACTED_KEY = '[redacted private key]';

/** A setting name whose value is a secret (a whole word: "PasswordAuthentication" is not). */
const SECRET_KEY =
  /^(?:[\w.-]*?(?:password|passwd|passphrase|secret|token|api[_-]?key)|auth_pass|requirepass|masterauth|pass|psk)$/i;
/** An audit details key whose value is a secret. */
const SECRET_DETAIL = /password|passwd|passphrase|secret|token|private_?key/i;
const KEY_BLOCK =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|$)/g;
/** `key = value`, `key: value`, `key value`, the key maybe quoted. */
const SETTING_LINE = /^(\s*["']?)([\w.-]+)(["']?(?:\s*[=:]\s*|\s+))(\S.*?)\s*$/;
/** `... passphrase: value` anywhere in a line (a prompt, a log line). */
const SECRET_PAIR =
  /^(.*?(?:^|[^A-Za-z]))([\w.-]*?(?:password|passwd|passphrase|secret|token|auth_pass))(["']?\s*[=:]\s*)(\S.*?)\s*$/i;

/** One secret found in a text: its line (1-based) and what it was. */
interface TextFinding {
  line: number;
  what: string;
}

/** `text` with its key blocks and secret settings replaced by markers, and what was found. */
export function redactText(text: string): { text: string; found: TextFinding[] } {
  const found: TextFinding[] = [];
  let out = text;
  if (out.includes('PRIVATE KEY')) {
    out = out.replace(KEY_BLOCK, (block: string, offset: number) => {
      found.push({ line: lineAt(out, offset), what: 'private key' });
      return block.endsWith('\n') ? `${REDACTED_KEY}\n` : REDACTED_KEY;
    });
  }
  if (!/pass|secret|token|psk|api.?key/i.test(out)) return { text: out, found };
  const lines = out.split('\n');
  let changed = false;
  lines.forEach((line, i) => {
    const setting = SETTING_LINE.exec(line);
    const m = setting && SECRET_KEY.test(setting[2] ?? '') ? setting : SECRET_PAIR.exec(line);
    if (!m) return;
    const [, lead = '', key = '', sep = '', value = ''] = m;
    if (!SECRET_KEY.test(key) || value.startsWith('[redacted')) return;
    lines[i] = `${lead}${key}${sep}${REDACTED}`;
    found.push({ line: i + 1, what: secretName(key) });
    changed = true;
  });
  return { text: changed ? lines.join('\n') : out, found };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function secretName(key: string): string {
  const k = key.toLowerCase();
  if (k.includes('passphrase')) return 'passphrase';
  if (k.includes('secret')) return 'secret';
  if (k.includes('token')) return 'token';
  if (k.includes('key') || k === 'psk') return 'key';
  return 'password';
}

type Visit = (path: string, key: string | null, value: unknown) => unknown;

/** Rebuilds `value` bottom-up, letting `visit` replace any node (path like "a[0].b"). */
function walk(value: unknown, path: string, key: string | null, visit: Visit): unknown {
  const replaced = visit(path, key, value);
  if (replaced !== value) return replaced;
  if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`, null, visit));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, `${path}.${k}`, k, visit);
    return out;
  }
  return value;
}

/** The body with every secret taken out and listed in `redactions` (see above). */
export function redactSnapshot(body: SnapshotBody): SnapshotBody {
  const redactions: Redaction[] = [...body.redactions];
  const add = (where: string, what: string): void => {
    if (!redactions.some((r) => r.where === where && r.what === what)) {
      redactions.push({ where, what });
    }
  };
  const accounts = (list: ClusterAccount[], where: string): ClusterAccount[] =>
    list.map((a) => {
      if (a.sftp?.passwordHash === undefined) return a;
      add(`${where}[${a.name}].sftp.passwordHash`, 'password hash');
      const { passwordHash: _hash, ...sftp } = a.sftp;
      return { ...a, sftp };
    });
  const view = body.cluster;
  const cluster = {
    ...view,
    cluster: { ...view.cluster, accounts: accounts(view.cluster.accounts, 'cluster.accounts') },
    applied: view.applied && {
      ...view.applied,
      accounts: accounts(view.applied.accounts, 'cluster.applied.accounts'),
    },
  };

  const hosts = body.hosts.map((h) => {
    const name = h.host.name;
    const files = h.files.map((f) => {
      if (f.content === null) return f;
      const r = redactText(f.content);
      for (const x of r.found) add(`files[${name}]${f.path}:${x.line}`, x.what);
      return r.found.length > 0 ? { ...f, content: r.text } : f;
    });
    const rest = strings({ ...h, files: [] }, `hosts[${name}]`, add) as typeof h;
    return { ...rest, files };
  });

  const audit = body.audit.map((entry) => {
    const where = `audit[${entry.id}]`;
    const details = walk(entry.details, `${where}.details`, null, (path, key, value) => {
      if (key === null || !SECRET_DETAIL.test(key) || value === null || value === undefined) {
        return value;
      }
      if (typeof value === 'boolean' || value === REDACTED || value === '') return value;
      add(path, secretName(key === 'passwordHash' ? 'password' : key));
      return REDACTED;
    }) as Record<string, unknown>;
    return strings({ ...entry, details }, where, add) as typeof entry;
  });

  const rest = strings(
    { ...body, cluster, hosts: [], audit: [], redactions: [] },
    '',
    add,
  ) as SnapshotBody;
  return { ...rest, hosts, audit, redactions };
}

/** `value` with key blocks and secret lines taken out of every string in it. */
function strings(value: unknown, root: string, add: (where: string, what: string) => void) {
  return walk(value, root, null, (path, _key, v) => {
    if (typeof v !== 'string') return v;
    const r = redactText(v);
    const where = path.startsWith('.') ? path.slice(1) : path;
    for (const x of r.found) add(`${where}:${x.line}`, x.what);
    return r.found.length > 0 ? r.text : v;
  });
}

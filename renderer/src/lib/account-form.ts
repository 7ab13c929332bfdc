import { sameModel } from '../../../shared/model/cluster-summary';
import type { FieldIssue } from './cluster-fields';
import {
  Domain,
  SshPublicKey,
  type Cluster,
  type ClusterAccount,
} from '../../../shared/model/cluster';

/**
 * The form logic of an account's pages (add, edit, SFTP access, site check): what the admin
 * types, parsed and checked with the model's own schemas, with the errors in words.
 */

/** A parsed field: its value, or the words to show under the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The shortest password the app sends for an account's SFTP login. */
export const MIN_SFTP_PASSWORD = 8;

/**
 * The aliases typed in one field (separated by spaces, commas or new lines), lower-cased and
 * without repeats; each must be a domain, and none the site's domain or its www. name (those
 * are served already). An empty field is no alias.
 */
export function parseAliases(text: string, domain: string): Parsed<string[]> {
  const words = text.split(/[\s,]+/).filter((w) => w !== '');
  const site = domain.trim().toLowerCase();
  const out: string[] = [];
  for (const word of words) {
    const r = Domain.safeParse(word);
    if (!r.success)
      return { ok: false, message: `"${word}" is not a domain name such as example.com` };
    if (site !== '' && (r.data === site || r.data === `www.${site}`))
      return { ok: false, message: `"${word}" is served already as the site's own name` };
    if (!out.includes(r.data)) out.push(r.data);
  }
  return { ok: true, value: out };
}

/** The aliases as the edit field shows them: one per line. */
export function aliasesText(a: Pick<ClusterAccount, 'aliases'>): string {
  return (a.aliases ?? []).join('\n');
}

/** One public key line pasted by the admin, checked with the model's schema. */
export function parsePublicKey(text: string, existing: readonly string[] = []): Parsed<string> {
  const line = text.trim();
  if (line === '') return { ok: false, message: 'Paste a public key line first' };
  if (/[\r\n]/.test(line)) return { ok: false, message: 'Paste one key line at a time' };
  const r = SshPublicKey.safeParse(line);
  if (!r.success) {
    return {
      ok: false,
      message: line.startsWith('-----BEGIN')
        ? 'This is a private key: paste the public key (the .pub file) instead'
        : 'This is not an OpenSSH public key line such as "ssh-ed25519 AAAA... user@host"',
    };
  }
  if (existing.includes(r.data)) return { ok: false, message: 'This key is there already' };
  return { ok: true, value: r.data };
}

/**
 * A key line shortened for a list: its type, the end of the key (its start is the same for
 * every key of a type) and its comment.
 */
export function describeKey(line: string): { type: string; short: string; comment: string } {
  const [type = '', body = '', ...rest] = line.split(' ');
  const short = body.length > 16 ? `…${body.slice(-16)}` : body;
  return { type, short, comment: rest.join(' ') };
}

/** The two password fields: the problem of each, or null when the password can be sent. */
export function passwordProblems(
  password: string,
  repeat: string,
): { password: string | null; repeat: string | null } {
  const short =
    password.length < MIN_SFTP_PASSWORD ? `Use at least ${MIN_SFTP_PASSWORD} characters` : null;
  const mismatch = repeat !== password ? 'The two passwords do not match' : null;
  return { password: short, repeat: short === null ? mismatch : null };
}

/** The edit form of an account: the fields that can change (name, uid and gid cannot). */
export interface AccountEditForm {
  quota: string;
  domain: string;
  aliases: string;
}

/** The edit form filled from the saved account. */
export function editFormOf(a: ClusterAccount): AccountEditForm {
  return { quota: String(a.quotaMiB), domain: a.domain, aliases: aliasesText(a) };
}

/** A whole number typed in a field, or NaN (the model's schema then says why). */
export function wholeNumber(s: string): number {
  return /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
}

/**
 * The account with the edit form applied, or the aliases field's problem. Quota and domain are
 * left for the model's validation to judge (its messages land under their fields).
 */
export function applyEdit(
  a: ClusterAccount,
  form: AccountEditForm,
): { ok: true; account: ClusterAccount } | { ok: false; aliases: string } {
  const aliases = parseAliases(form.aliases, form.domain);
  if (!aliases.ok) return { ok: false, aliases: aliases.message };
  const { aliases: _old, ...rest } = a;
  return {
    ok: true,
    account: {
      ...rest,
      quotaMiB: wholeNumber(form.quota),
      domain: form.domain.trim(),
      ...(aliases.value.length > 0 ? { aliases: aliases.value } : {}),
    },
  };
}

/** The cluster with one account replaced (by name), for clusters:save. */
export function withAccount(c: Cluster, account: ClusterAccount): Cluster {
  return { ...c, accounts: c.accounts.map((a) => (a.name === account.name ? account : a)) };
}

/** The account with its SFTP keys replaced; no keys and no password is no SFTP at all. */
export function withKeys(a: ClusterAccount, keys: string[]): ClusterAccount {
  const { sftp, ...rest } = a;
  const passwordHash = sftp?.passwordHash;
  if (keys.length === 0 && passwordHash === undefined) return rest;
  return {
    ...rest,
    sftp: { authorizedKeys: keys, ...(passwordHash === undefined ? {} : { passwordHash }) },
  };
}

/**
 * Whether the hosts do not have this account as the model has it yet (added or edited, not
 * applied).
 */
export function accountPending(
  view: { applied: Cluster | null },
  account: ClusterAccount,
): boolean {
  const applied = view.applied?.accounts.find((a) => a.name === account.name);
  return applied === undefined || !sameModel(applied, account);
}

/** The names a site answers to: its domain, www. and the aliases. */
export function siteNames(a: Pick<ClusterAccount, 'domain' | 'aliases'>): string[] {
  return [a.domain, `www.${a.domain}`, ...(a.aliases ?? [])];
}

/** What an HTTP status means for a site, in a few words ("ok" for 2xx). */
export function statusMeaning(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 300 && status < 400) return 'redirects elsewhere';
  if (status === 401) return 'asks for a login';
  if (status === 403) return 'forbidden, or no index page';
  if (status === 404) return 'not found';
  if (status >= 400 && status < 500) return 'request refused';
  if (status >= 500 && status < 600) return 'server error';
  return 'unexpected answer';
}

/**
 * Issues on an item of a list field (`accounts.0.aliases.2`) moved onto the list's own path
 * (`accounts.0.aliases`), where one field shows the whole list.
 */
export function foldListIssues(
  issues: readonly FieldIssue[],
  listPaths: readonly string[],
): FieldIssue[] {
  return issues.map((i) => {
    const list = listPaths.find((p) => i.field.startsWith(`${p}.`));
    return list === undefined ? i : { ...i, field: list };
  });
}

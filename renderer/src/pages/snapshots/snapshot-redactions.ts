import type { Redaction } from '../../../../shared/snapshot/format';

/** Where the snapshot's redaction of an account's SFTP password hash is recorded. */
const PASSWORD_HASH = /^cluster\.accounts\[([^\]]+)\]\.sftp\.passwordHash$/;

/**
 * The accounts whose SFTP password hash the snapshot left out (a snapshot holds no secret):
 * snapshots:useModel keeps their live passwords, where the account still has one.
 * Each name once, in the order the redactions list them.
 */
export function redactedPasswordAccounts(redactions: readonly Redaction[]): string[] {
  const names: string[] = [];
  for (const r of redactions) {
    const name = PASSWORD_HASH.exec(r.where)?.[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** What the admin is told when the restored model has accounts without their password. */
export function lostPasswordsNote(lost: readonly string[]): string | null {
  if (lost.length === 0) return null;
  const list = lost.join(', ');
  return lost.length === 1
    ? `The snapshot holds no SFTP password and the live cluster has none for ${list}: set it again on the cluster page.`
    : `The snapshot holds no SFTP password and the live cluster has none for ${list}: set them again on the cluster page.`;
}

import type { Cluster } from '../../../shared/model/cluster';

/** A snapshot's model made ready to save, and the SFTP passwords it could not get back. */
export interface RestoredModel {
  model: Cluster;
  /** Accounts whose redacted password hash the live model has no same-named account for. */
  lostPasswords: string[];
}

/**
 * A snapshot's desired model as the cluster `clusterId`'s new desired model. A snapshot holds no
 * secret: the SFTP password hashes were taken out (`redactedPasswordsOf` names those accounts).
 * Each comes back from the live model's account of the same name when it has one; the others
 * are listed as lost (the account then has no SFTP password until one is set). A hash the
 * snapshot's model still has is kept as it is; names of accounts the model lacks are ignored.
 */
export function restorePasswords(
  clusterId: string,
  model: Cluster,
  live: Cluster,
  redactedPasswordsOf: readonly string[],
): RestoredModel {
  const redacted = new Set(redactedPasswordsOf);
  const liveHash = new Map(live.accounts.map((a) => [a.name, a.sftp?.passwordHash]));
  const lostPasswords: string[] = [];
  const accounts = model.accounts.map((a) => {
    if (!redacted.has(a.name) || a.sftp?.passwordHash !== undefined) return a;
    const hash = liveHash.get(a.name);
    if (hash === undefined) {
      lostPasswords.push(a.name);
      return a;
    }
    return { ...a, sftp: { authorizedKeys: a.sftp?.authorizedKeys ?? [], passwordHash: hash } };
  });
  return { model: { ...model, id: clusterId, accounts }, lostPasswords };
}

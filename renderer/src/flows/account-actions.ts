import type { SiteAnswer } from '../../../shared/api/contract';
import { api } from '../api';
import { useClustersStore } from '../stores/clusters-store';

/**
 * Sets (or, with null, removes) the SFTP password of an account's user. The password goes to
 * the engine once, which keeps only its hash; nothing here holds it after the call. Errors are
 * thrown.
 */
export async function setSftpPassword(
  clusterId: string,
  account: string,
  password: string | null,
): Promise<void> {
  const view = await api.accounts.setSftpPassword({ clusterId, account, password });
  useClustersStore.getState().upsert(view);
}

/** Each web node's HTTP answer for the account's site. Errors are thrown. */
export function checkSite(clusterId: string, account: string): Promise<SiteAnswer[]> {
  return api.accounts.siteCheck({ clusterId, account });
}

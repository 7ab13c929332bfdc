import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { clusterVips } from '../../../../shared/lb/cluster-lb';
import { docRoot } from '../../../../shared/lb/plan-vhosts';
import type { ClusterAccount } from '../../../../shared/model/cluster';
import { CopyButton } from '../../components/CopyButton';
import { useClusterPlan } from '../../flows/cluster-plan';
import { accountPending, siteNames } from '../../lib/account-form';
import { describeStorage } from '../../lib/cluster-model';
import { useHostsStore } from '../../stores/hosts-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { EditAccountDialog } from './EditAccountDialog';
import { SftpAccessSection } from './SftpAccessSection';
import { SiteCheckSection } from './SiteCheckSection';

/** Props of {@link AccountDetails}. */
export interface AccountDetailsProps {
  view: ClusterView;
  /** The account shown (by name); the dialog is open while it is set. */
  name: string | null;
  onClose: () => void;
}

/**
 * One account: its site's addresses, where its files go, how to upload them (SFTP), how each
 * node answers for the site, and its edit dialog.
 */
export function AccountDetails({ view, name, onClose }: AccountDetailsProps) {
  const account = view.cluster.accounts.find((a) => a.name === name) ?? null;
  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="account-details-title"
      data-testid="account-details"
    >
      {account !== null && <Details view={view} account={account} onClose={onClose} />}
    </Dialog>
  );
}

function Details({
  view,
  account,
  onClose,
}: {
  view: ClusterView;
  account: ClusterAccount;
  onClose: () => void;
}) {
  const c = view.cluster;
  const preview = useClusterPlan((s) => s.preview);
  const hosts = useHostsStore((s) => s.hosts);
  const [editing, setEditing] = useState(false);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const vips = clusterVips(c);
  const pending = accountPending(view, account);
  const code = { fontFamily: MONO, fontSize: 13 };

  return (
    <>
      <DialogTitle id="account-details-title">Account {account.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {pending && (
            <Alert
              severity="info"
              data-testid="account-pending"
              action={
                <Writable>
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => {
                      onClose();
                      void preview(c.id);
                    }}
                    data-testid="account-preview"
                  >
                    Preview plan
                  </Button>
                </Writable>
              }
            >
              Saved. The hosts do not have this account as shown here yet: preview the plan, then
              apply it.
            </Alert>
          )}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <Box sx={{ flexGrow: 1 }} data-testid="account-summary">
              <Typography variant="body2">
                User {account.name} (UID {account.uid}, GID {account.gid}), quota{' '}
                <span data-testid="account-quota">
                  {account.quotaMiB === 0 ? 'no limit' : `${account.quotaMiB} MiB`}
                </span>
              </Typography>
            </Box>
            <Writable>
              <Button
                variant="outlined"
                startIcon={<EditIcon />}
                onClick={() => setEditing(true)}
                data-testid="account-edit"
              >
                Edit
              </Button>
            </Writable>
          </Stack>

          <Stack spacing={0.5} data-testid="account-site">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              The site
            </Typography>
            {siteNames(account).map((n) => (
              <Stack key={n} direction="row" sx={{ alignItems: 'center' }}>
                <Box component="code" sx={code} data-testid="account-url">
                  http://{n}/
                </Box>
                <CopyButton text={`http://${n}/`} label={`Copy http://${n}/`} />
              </Stack>
            ))}
            <Typography variant="body2" color="text.secondary">
              These names must point to the cluster&apos;s public address in DNS.
            </Typography>
            {vips.length > 0 && (
              <Box data-testid="account-vip-hint">
                <Typography variant="body2" color="text.secondary">
                  Before DNS points here, ask through the VIP with the site&apos;s name:
                </Typography>
                {vips.map((v) => {
                  const curl = `curl -H 'Host: ${account.domain}' http://${v.address}/`;
                  return (
                    <Stack key={v.address} direction="row" sx={{ alignItems: 'center' }}>
                      <Box component="code" sx={code}>
                        {curl}
                      </Box>
                      <CopyButton text={curl} label={`Copy the curl command for ${v.address}`} />
                    </Stack>
                  );
                })}
              </Box>
            )}
          </Stack>

          <Stack spacing={0.5} data-testid="account-files">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              Where the files go
            </Typography>
            <Typography variant="body2">
              Put the site&apos;s files in{' '}
              <Box component="code" sx={code} data-testid="account-docroot">
                {docRoot(account)}
              </Box>
              : every node serves them from the shared storage ({describeStorage(c, hostName)}), so
              one upload reaches all nodes.
            </Typography>
          </Stack>

          <Divider />
          <Writable>
            <SiteCheckSection clusterId={c.id} account={account.name} domain={account.domain} />
          </Writable>
          <Divider />
          <SftpAccessSection view={view} account={account} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="account-details-close">
          Close
        </Button>
      </DialogActions>
      <EditAccountDialog
        view={view}
        account={editing ? account : null}
        onClose={() => setEditing(false)}
      />
    </>
  );
}

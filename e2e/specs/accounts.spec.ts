import { AccountsPage } from '../pages/accounts-page';
import { ClusterPage } from '../pages/cluster-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';
import { oneNodeClusterOnLoopback, VIP } from '../support/loopback-cluster';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0bWxQbGZxd3h5YWJjZGVmZ2hpamts alice@laptop';

test('accounts: add one with an alias, see where its site and files are, edit it, give it SFTP keys and a password, and find it all after a reload', async ({
  page,
  sshd,
  app,
}) => {
  // Many steps, each waiting for its state: a busy machine needs more than the default 90 s.
  test.setTimeout(240_000);
  // One node behind an HTTP service on the VIP: node1 serves the sites (never connected here,
  // so its site check answers with why it could not be asked).
  const hosts = await oneNodeClusterOnLoopback(page, app, sshd);
  const cluster = new ClusterPage(page);
  await cluster.open();
  const accounts = new AccountsPage(page);

  // A bad alias is refused under its field, before anything is saved.
  await accounts.add({ name: 'alice', domain: 'alice.test', aliases: 'shop.alice.test bad_one' });
  await expect(accounts.fieldError('accounts.0.aliases')).toContainText(
    '"bad_one" is not a domain name',
  );
  await page.getByTestId('account-aliases').fill('shop.alice.test');
  await page.getByTestId('account-submit').click();
  await expect(page.getByTestId('add-account-dialog')).toHaveCount(0);
  await expect(accounts.row('alice')).toContainText('+ 1 alias');
  await expect(accounts.row('alice').getByTestId('account-row-pending')).toHaveText(
    'not applied yet',
  );

  await accounts.openDetails('alice');
  const details = accounts.details();
  await expect(details.getByRole('heading', { name: 'Account alice' })).toBeVisible();
  await expect(details.getByTestId('account-url')).toHaveText([
    'http://alice.test/',
    'http://www.alice.test/',
    'http://shop.alice.test/',
  ]);
  await expect(details.getByTestId('account-vip-hint')).toContainText(
    `curl -H 'Host: alice.test' http://${VIP}/`,
  );
  await expect(details.getByTestId('account-docroot')).toHaveText('/home/alice/public_html');
  await expect(details.getByTestId('account-sftp-command')).toContainText([
    `sftp -P ${sshd.port} alice@${sshd.host}`,
  ]);
  // The forwarded port belongs to the address the app reaches; the public IP is named apart.
  await expect(details.getByTestId('account-sftp-command')).toContainText(
    'public address 10.10.0.11',
  );
  await expect(details.getByTestId('account-pending')).toBeVisible();

  // Each web node answers with a status or says why it could not be asked; never a blank.
  const expectAnswers = async () => {
    const rows = await accounts.siteChecksSettled();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-host', 'node1');
    const status = await rows.first().getAttribute('data-status');
    const answer = rows.first().getByTestId('account-site-answer');
    if (status === 'none') await expect(answer).toHaveText(/^No answer: \S.{3,}/);
    else await expect(answer).toHaveText(new RegExp(`^${status ?? 'x'}`));
  };
  await expectAnswers();
  await details.getByTestId('account-site-recheck').click();
  await expectAnswers();
  await expectAccessible(page, 'the account details');

  // Edit: a bad alias is refused under the field; then quota and aliases are saved.
  await details.getByTestId('account-edit').click();
  const edit = accounts.editDialog();
  await expect(edit.getByRole('heading', { name: 'Edit account alice' })).toBeVisible();
  await expect(edit.getByTestId('account-edit-ids')).toContainText('UID 2000, GID 2000');
  await edit.getByTestId('account-edit-quota').fill('2048');
  await edit.getByTestId('account-edit-aliases').fill('shop.alice.test\nnot_a_domain');
  await edit.getByTestId('account-edit-save').click();
  await expect(accounts.fieldError('accounts.0.aliases')).toContainText(
    '"not_a_domain" is not a domain name such as example.com',
  );
  await expectAccessible(page, 'the account edit dialog with an error');
  await edit.getByTestId('account-edit-aliases').fill('shop.alice.test\nblog.alice.test');
  await edit.getByTestId('account-edit-save').click();
  await expect(edit).toHaveCount(0);
  await expect(details.getByTestId('account-quota')).toHaveText('2048 MiB');
  await expect(details.getByTestId('account-url')).toContainText(['http://blog.alice.test/']);
  await expect(details.getByTestId('account-pending')).toBeVisible();

  // A key: anything but a public key line is refused under the field.
  await details.getByTestId('account-key-input').fill('not a key');
  await details.getByTestId('account-key-add').click();
  await expect(accounts.fieldError('sftp.authorizedKeys')).toContainText(
    'not an OpenSSH public key line',
  );
  await details.getByTestId('account-key-input').fill(KEY);
  await details.getByTestId('account-key-add').click();
  await expect(details.getByTestId('account-key')).toHaveCount(1);
  await expect(details.getByTestId('account-key')).toContainText('alice@laptop');
  await expect(details.getByTestId('account-key-input')).toHaveValue('');

  // A password: two different ones are refused; a good one is set and never shown again.
  const state = details.getByTestId('account-password-state');
  await expect(state).toHaveText('no password');
  await details.getByTestId('account-password').fill('correct horse 1');
  await details.getByTestId('account-password-repeat').fill('correct horse 2');
  await details.getByTestId('account-password-set').click();
  await expect(accounts.fieldError('sftp.passwordRepeat')).toHaveText(
    'The two passwords do not match',
  );
  await expect(state).toHaveText('no password');
  await details.getByTestId('account-password-repeat').fill('correct horse 1');
  await details.getByTestId('account-password-set').click();
  await expect(state).toHaveText('password set');
  await expect(details.getByTestId('account-password')).toHaveValue('');
  await expect(details.getByTestId('account-password-repeat')).toHaveValue('');
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await expectAccessible(page, 'the account details with a key and a password');

  // Everything was saved: a reload shows it again.
  await hosts.open(app.url);
  await cluster.open();
  await expect(accounts.row('alice')).toContainText('+ 2 aliases');
  await accounts.openDetails('alice');
  await expect(details.getByTestId('account-quota')).toHaveText('2048 MiB');
  await expect(details.getByTestId('account-url')).toHaveText([
    'http://alice.test/',
    'http://www.alice.test/',
    'http://shop.alice.test/',
    'http://blog.alice.test/',
  ]);
  await expect(details.getByTestId('account-key')).toContainText('alice@laptop');
  await expect(details.getByTestId('account-password-state')).toHaveText('password set');
  await expect(page.locator('body')).not.toContainText('correct horse');
});

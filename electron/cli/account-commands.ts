import { readFileSync } from 'node:fs';
import type { ClusterAccount } from '../../shared/model/cluster';
import { DEFAULT_QUOTA_MIB, suggestAccountId } from '../../shared/model/cluster-suggest';
import type { CliContext } from './cli-context';
import { notFound } from './cli-errors';
import {
  CLUSTER_OPTION,
  type Command,
  type CommandInput,
  type Outcome,
  type OptionSpec,
} from './command';
import { accountRows } from './cluster-render';
import { modelListCommand, saveModel } from './model-edit';
import { lines, table } from './table';
import { intOption, requiredOption, stringOption } from './option-values';

const FIELDS: Record<string, OptionSpec> = {
  domain: { type: 'string', value: 'DOMAIN', help: "the site's domain, e.g. example.com" },
  quota: {
    type: 'string',
    value: 'MIB',
    help: `disk quota in MiB on the shared storage; 0 = no limit (new: ${DEFAULT_QUOTA_MIB})`,
  },
  uid: {
    type: 'string',
    value: 'N',
    help: 'Unix user id, the same on every host (new: one above the highest in use, from 2000)',
  },
  gid: { type: 'string', value: 'N', help: 'Unix group id (new: as for --uid)' },
  ...CLUSTER_OPTION,
};

/** What only `account edit` takes: the site's other names and SFTP access. */
const EDIT_FIELDS: Record<string, OptionSpec> = {
  ...FIELDS,
  alias: {
    type: 'string',
    value: 'DOMAIN',
    multiple: true,
    help: "another name the site answers to (repeat it for several; replaces the list; '' clears it)",
  },
  'sftp-key': {
    type: 'string',
    value: 'KEY',
    multiple: true,
    help: "an OpenSSH public key line for the account's SFTP login (repeatable; replaces the keys; '' clears them)",
  },
  'sftp-password-stdin': {
    type: 'boolean',
    help: 'reads the SFTP password from stdin (8 to 1024 characters; only its hash is kept); an empty one removes it',
  },
};

const OPTION_OF: Record<string, string> = {
  name: 'NAME',
  domain: '--domain',
  quotaMiB: '--quota',
  uid: '--uid',
  gid: '--gid',
  aliases: '--alias',
  sftp: '--sftp-key',
};

/** The option that set a field of account `index` ("accounts.2.quotaMiB" -> "--quota"). */
const optionOf = (index: number) => (field: string) => {
  const m = /^accounts\.(\d+)\.(\w+)/.exec(field);
  return m !== null && Number(m[1]) === index ? (OPTION_OF[m[2] ?? ''] ?? null) : null;
};

async function add(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const cmd = 'account add';
  const view = await ctx.cluster(opts['cluster']);
  const c = view.cluster;
  const account: ClusterAccount = {
    name: args[0] ?? '',
    domain: requiredOption(opts, 'domain', cmd, "the account's domain"),
    uid: intOption(opts, 'uid', cmd) ?? suggestAccountId(c.accounts, 'uid'),
    gid: intOption(opts, 'gid', cmd) ?? suggestAccountId(c.accounts, 'gid'),
    quotaMiB: intOption(opts, 'quota', cmd) ?? DEFAULT_QUOTA_MIB,
  };
  return saveModel(ctx, {
    cluster: { ...c, accounts: [...c.accounts, account] },
    done: `Added account ${account.name} (uid ${account.uid}, gid ${account.gid}) for ${account.domain}`,
    command: cmd,
    optionOf: optionOf(c.accounts.length),
  });
}

/** A repeatable option's values without the empty ones ('' clears a list). */
const listOption = (lists: CommandInput['lists'], name: string): string[] | undefined =>
  lists?.[name]?.filter((v) => v.trim() !== '');

/** The password piped in, without the line end `echo` adds. */
function readPassword(): string {
  return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
}

async function edit(ctx: CliContext, { args, opts, lists }: CommandInput): Promise<Outcome> {
  const cmd = 'account edit';
  const view = await ctx.cluster(opts['cluster']);
  const c = view.cluster;
  const index = c.accounts.findIndex((a) => a.name === args[0]);
  const old = c.accounts[index];
  if (old === undefined) throw notFound('NAME', 'account', args[0] ?? '', 'account list');
  const aliases = listOption(lists, 'alias');
  const keys = listOption(lists, 'sftp-key');
  const account: ClusterAccount = {
    ...old,
    domain: stringOption(opts, 'domain') ?? old.domain,
    uid: intOption(opts, 'uid', cmd) ?? old.uid,
    gid: intOption(opts, 'gid', cmd) ?? old.gid,
    quotaMiB: intOption(opts, 'quota', cmd) ?? old.quotaMiB,
    ...(aliases === undefined ? {} : { aliases }),
    ...(keys === undefined ? {} : { sftp: { ...old.sftp, authorizedKeys: keys } }),
  };
  const saved = await saveModel(ctx, {
    cluster: { ...c, accounts: c.accounts.map((a, i) => (i === index ? account : a)) },
    done: `Changed account ${account.name}`,
    command: cmd,
    optionOf: optionOf(index),
  });
  if (opts['sftp-password-stdin'] !== true) return saved;
  // The engine hashes it and saves the hash as clusters:save does; the CLI keeps nothing.
  const password = readPassword();
  const after = await ctx.api.accounts.setSftpPassword({
    clusterId: c.id,
    account: account.name,
    password: password === '' ? null : password,
  });
  return {
    data: after,
    text: `${saved.text ?? ''}${password === '' ? 'SFTP password removed' : 'SFTP password set (only its hash is kept)'}\n`,
  };
}

async function check(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const view = await ctx.cluster(opts['cluster']);
  const name = args[0] ?? '';
  const account = view.cluster.accounts.find((a) => a.name === name);
  if (account === undefined) throw notFound('NAME', 'account', name, 'account list');
  const answers = await ctx.api.accounts.siteCheck({ clusterId: view.cluster.id, account: name });
  const rows = answers.map((a) => [
    a.hostName,
    a.status === null ? '-' : String(a.status),
    `${a.ms} ms`,
    a.error ?? '',
  ]);
  return {
    data: answers,
    text: lines(
      `http://${account.domain}/ from each web node:`,
      table(['NODE', 'HTTP', 'TIME', 'ERROR'], rows, '(no web node)'),
    ),
    exitCode: answers.every((a) => a.status !== null && a.status < 400) ? 0 : 1,
  };
}

async function remove(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const view = await ctx.cluster(opts['cluster']);
  const c = view.cluster;
  if (!c.accounts.some((a) => a.name === args[0]))
    throw notFound('NAME', 'account', args[0] ?? '', 'account list');
  return saveModel(ctx, {
    cluster: { ...c, accounts: c.accounts.filter((a) => a.name !== args[0]) },
    done: `Removed account ${args[0] ?? ''} (the apply deletes its user, group and quota; its home stays)`,
    command: 'account remove',
  });
}

/** `clusterdeck account ...`: hosting accounts in the model. */
export const accountCommands: Command[] = [
  modelListCommand(
    'account list',
    "the cluster's hosting accounts",
    (c) => c.accounts,
    accountRows,
  ),
  {
    name: 'account add',
    args: 'NAME',
    argCount: [1, 1],
    summary: 'adds a hosting account (a Unix user and group on every host, a quota, a site)',
    options: FIELDS,
    details:
      'Example: clusterdeck account add alice --domain alice.example --quota 2048\nThe model changes; the hosts change at the next apply.',
    run: add,
  },
  {
    name: 'account edit',
    args: 'NAME',
    argCount: [1, 1],
    summary:
      "changes an account's domain, aliases, quota, ids or SFTP access (only the options given)",
    options: EDIT_FIELDS,
    details:
      'Example: clusterdeck account edit alice --alias shop.example --sftp-key "$(cat id_ed25519.pub)"\n         echo \'a long password\' | clusterdeck account edit alice --sftp-password-stdin',
    run: edit,
  },
  {
    name: 'account check',
    args: 'NAME',
    argCount: [1, 1],
    summary: "asks every web node's web server for the account's site (HTTP status per node)",
    options: CLUSTER_OPTION,
    details: 'Exit code 1 when a node does not answer, or answers with an error status.',
    run: check,
  },
  {
    name: 'account remove',
    args: 'NAME',
    argCount: [1, 1],
    summary: 'removes an account from the model (the apply keeps its home)',
    options: CLUSTER_OPTION,
    run: remove,
  },
];

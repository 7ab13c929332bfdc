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

const OPTION_OF: Record<string, string> = {
  name: 'NAME',
  domain: '--domain',
  quotaMiB: '--quota',
  uid: '--uid',
  gid: '--gid',
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

async function edit(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const cmd = 'account edit';
  const view = await ctx.cluster(opts['cluster']);
  const c = view.cluster;
  const index = c.accounts.findIndex((a) => a.name === args[0]);
  const old = c.accounts[index];
  if (old === undefined) throw notFound('NAME', 'account', args[0] ?? '', 'account list');
  const account: ClusterAccount = {
    ...old,
    domain: stringOption(opts, 'domain') ?? old.domain,
    uid: intOption(opts, 'uid', cmd) ?? old.uid,
    gid: intOption(opts, 'gid', cmd) ?? old.gid,
    quotaMiB: intOption(opts, 'quota', cmd) ?? old.quotaMiB,
  };
  return saveModel(ctx, {
    cluster: { ...c, accounts: c.accounts.map((a, i) => (i === index ? account : a)) },
    done: `Changed account ${account.name}`,
    command: cmd,
    optionOf: optionOf(index),
  });
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
    summary: "changes an account's domain, quota or ids (only the options given)",
    options: FIELDS,
    run: edit,
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

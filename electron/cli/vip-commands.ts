import { clusterVips } from '../../shared/lb/cluster-lb';
import { vipUses, withoutVip, withVip } from '../../shared/lb/lb-edit';
import type { CliContext } from './cli-context';
import { notFound, usageError } from './cli-errors';
import { CLUSTER_OPTION, type Command, type CommandInput, type Outcome } from './command';
import { vipRows } from './cluster-render';
import { modelListCommand, saveModel } from './model-edit';
import { stringOption } from './option-values';

async function add(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const index = clusterVips(c).length;
  const address = args[0] ?? '';
  return saveModel(ctx, {
    cluster: withVip(c, address, stringOption(opts, 'interface') ?? ''),
    done: `Added VIP ${address}`,
    command: 'vip add',
    optionOf: (field) =>
      field === `vips.${index}.address`
        ? 'ADDRESS'
        : field === `vips.${index}.interface`
          ? '--interface'
          : null,
  });
}

async function remove(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const use = vipUses(c).find((u) => u.vip.address === args[0]);
  if (use === undefined) throw notFound('ADDRESS', 'VIP', args[0] ?? '', 'vip list');
  if (use.services.length > 0) {
    throw usageError(
      'ADDRESS',
      `${use.vip.address} carries ${use.services.join(', ')}: remove those services first (clusterdeck service remove ID)`,
      'vip remove',
    );
  }
  return saveModel(ctx, {
    cluster: withoutVip(c, use.vip.address),
    done: `Removed VIP ${use.vip.address}`,
    command: 'vip remove',
  });
}

/** `clusterdeck vip ...`: the virtual IPs on the manager. */
export const vipCommands: Command[] = [
  modelListCommand(
    'vip list',
    "the cluster's virtual IPs and the services on each",
    vipUses,
    vipRows,
  ),
  {
    name: 'vip add',
    args: 'ADDRESS',
    argCount: [1, 1],
    summary: 'adds a virtual IP on the manager, for load-balanced services',
    options: {
      interface: {
        type: 'string',
        value: 'IFACE',
        help: "the manager's interface (default: the one with its public IP)",
      },
      ...CLUSTER_OPTION,
    },
    details:
      'Never the quorum IP or an address a host already has. Example: clusterdeck vip add 192.0.2.100',
    run: add,
  },
  {
    name: 'vip remove',
    args: 'ADDRESS',
    argCount: [1, 1],
    summary: 'removes a virtual IP that no service uses',
    options: CLUSTER_OPTION,
    run: remove,
  },
];

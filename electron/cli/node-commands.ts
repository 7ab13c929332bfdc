import type { Cluster, ClusterNode } from '../../shared/model/cluster';
import { suggestNodeAddresses } from '../../shared/model/cluster-suggest';
import type { CliContext } from './cli-context';
import { notFound, usageError } from './cli-errors';
import { CLUSTER_OPTION, type Command, type CommandInput, type Outcome } from './command';
import { nodeRows } from './cluster-render';
import { runTask } from './tasks';
import { modelListCommand, saveModel } from './model-edit';
import { stringOption } from './option-values';
import { lines } from './table';

/** The facts a node's addresses are suggested from: the last probe, else a probe now. */
async function factsOf(ctx: CliContext, hostId: string, name: string) {
  const known = await ctx.api.hosts.getFacts({ hostId });
  if (known !== null) return known;
  ctx.note(`Probing ${name} for its addresses...`);
  return runTask(ctx, (taskId) => ctx.api.hosts.probe({ hostId, taskId }));
}

async function add(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const cmd = 'node add';
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const host = await ctx.host(args[0]);
  let publicIp = stringOption(opts, 'public-ip');
  let privateIp = stringOption(opts, 'private-ip');
  const withPrivate = c.layout !== 'public';
  if (publicIp === undefined || (withPrivate && privateIp === undefined)) {
    // The same suggestion as the app's node forms: the addresses in the manager's subnets.
    const m = c.manager;
    const suggested = suggestNodeAddresses(await factsOf(ctx, host.id, host.name), {
      layout: c.layout,
      publicIp: m.publicIp,
      privateIp: m.privateIp ?? '',
      quorumIp: m.quorumIp,
    });
    publicIp ??= suggested.publicIp;
    privateIp ??= suggested.privateIp;
  }
  if (publicIp === '')
    throw usageError('--public-ip', `${host.name}'s facts show no address for it; give it`, cmd);
  const index = c.nodes.length;
  const node: ClusterNode = {
    hostId: host.id,
    publicIp,
    ...(withPrivate && privateIp ? { privateIp } : {}),
    enabled: opts['disabled'] !== true,
    lbMode: 'active',
  };
  const fields: Record<string, string> = {
    hostId: 'HOST',
    publicIp: '--public-ip',
    privateIp: '--private-ip',
  };
  return saveModel(ctx, {
    cluster: { ...c, nodes: [...c.nodes, node] },
    done: `Added node ${host.name} (public ${publicIp}${node.privateIp ? `, private ${node.privateIp}` : ''})`,
    command: cmd,
    optionOf: (field) => {
      const m = /^nodes\.(\d+)\.(\w+)/.exec(field);
      return m !== null && Number(m[1]) === index ? (fields[m[2] ?? ''] ?? null) : null;
    },
  });
}

/** The model without a node, also taken out of the services it served. */
function withoutNode(c: Cluster, hostId: string): { cluster: Cluster; services: string[] } {
  const services = c.services
    .filter((s) => s.realServers.some((r) => r.hostId === hostId))
    .map((s) => s.id);
  return {
    cluster: {
      ...c,
      nodes: c.nodes.filter((n) => n.hostId !== hostId),
      services: c.services.map((s) => ({
        ...s,
        realServers: s.realServers.filter((r) => r.hostId !== hostId),
      })),
    },
    services,
  };
}

async function remove(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const view = await ctx.cluster(opts['cluster']);
  const c = view.cluster;
  const host = await ctx.host(args[0]);
  if (!c.nodes.some((n) => n.hostId === host.id))
    throw notFound('HOST', `node of cluster ${c.name}`, host.name, 'node list');
  if (opts['unreachable'] === true) {
    const r = await ctx.api.clusters.forceRemoveNode({ clusterId: c.id, hostId: host.id });
    return {
      data: r,
      text: lines(
        `Removed ${host.name} from cluster ${c.name} without asking it; the next apply drops it from the exports.`,
        r.leftovers.length > 0
          ? ['Left on the host (clean it up when it is back):', ...r.leftovers.map((l) => `  ${l}`)]
          : [],
      ),
    };
  }
  const { cluster, services } = withoutNode(c, host.id);
  const orphaned = cluster.services
    .filter((s) => s.realServers.length === 0 && s.includeManager === undefined)
    .map((s) => s.id);
  if (orphaned.length > 0) {
    throw usageError(
      'HOST',
      `${host.name} is the only server of ${orphaned.join(', ')}: give ${orphaned.length > 1 ? 'them' : 'it'} another (clusterdeck service edit ID --nodes ...) or remove ${orphaned.length > 1 ? 'them' : 'it'} first`,
      'node remove',
    );
  }
  const also =
    services.length > 0
      ? `; also out of service${services.length > 1 ? 's' : ''} ${services.join(', ')}`
      : '';
  return saveModel(ctx, {
    cluster,
    done: `Removed node ${host.name} (the apply unmounts it and takes it out of the cluster)${also}`,
    command: 'node remove',
  });
}

/** `clusterdeck node ...`: the web nodes in the model. */
export const nodeCommands: Command[] = [
  modelListCommand(
    'node list',
    "the cluster's web nodes: addresses, enabled, load-balancing mode",
    (c) => c.nodes,
    nodeRows,
  ),
  {
    name: 'node add',
    args: 'HOST',
    argCount: [1, 1],
    summary: 'adds a host as a web node (addresses suggested from its facts, as in the app)',
    options: {
      'public-ip': {
        type: 'string',
        value: 'IP',
        help: "where it serves sites (default: its address in the manager's public subnet)",
      },
      'private-ip': {
        type: 'string',
        value: 'IP',
        help: 'its intra-cluster address (not in the all-public layout)',
      },
      disabled: { type: 'boolean', help: 'in the model, but out of storage and load balancing' },
      ...CLUSTER_OPTION,
    },
    details:
      'The host must be added and trusted first (clusterdeck hosts add, hosts trust). When it was never probed, it is probed for its addresses.',
    run: add,
  },
  {
    name: 'node remove',
    args: 'HOST',
    argCount: [1, 1],
    summary: 'removes a node from the model (and from the services it served)',
    options: {
      unreachable: {
        type: 'boolean',
        help: 'the node is gone: drop it now without its part of the apply, and list what stays on it',
      },
      ...CLUSTER_OPTION,
    },
    details:
      'Without --unreachable, the next apply unmounts the storage on the node and takes it out of the exports.',
    run: remove,
  },
];

import type { RequestInput } from '../../shared/api/contract';
import { isAppError } from '../../shared/api/errors';
import { clusterJsonSchema } from '../../shared/model/cluster-schema';
import { LAYOUTS } from '../../shared/model/cluster-summary';
import type { CliContext } from './cli-context';
import { CliError, usageError } from './cli-errors';
import type { Command, CommandInput, Outcome } from './command';
import { renderCluster, renderClusterList } from './cluster-render';
import { readJsonFile } from './json-file';
import { afterSave } from './model-edit';
import { modelOfFile, resolveHostNames } from './model-names';
import { lines } from './table';

const FILE = {
  file: {
    type: 'string',
    value: 'FILE',
    help: 'the model as JSON (- for stdin); see: clusterdeck cluster schema',
  },
} as const;

const FILE_FORMAT = `The file holds the cluster model (its format: clusterdeck cluster schema), or what
"clusterdeck cluster show NAME --json" printed. Host names may stand for host ids anywhere a
host is named: manager.hostId, storage.hostId, nodes[].hostId, services[].realServers[].hostId.
Fields with a default may be left out. Layouts:
${LAYOUTS.map((l) => `  ${l.value.padEnd(15)} ${l.label}`).join('\n')}`;

function fileOf(input: CommandInput, command: string): string {
  const file = input.opts['file'];
  if (typeof file !== 'string' || file === '')
    throw usageError('--file', 'give the JSON file of the model', command);
  return file;
}

/** The model in a file, with host names resolved to ids (unknown names refused, by field). */
async function modelFromFile(ctx: CliContext, file: string): Promise<Record<string, unknown>> {
  return resolveHostNames(modelOfFile(readJsonFile(file)), await ctx.hosts());
}

type SaveInput = RequestInput<'clusters:save'>['cluster'];

async function create(ctx: CliContext, input: CommandInput): Promise<Outcome> {
  const file = fileOf(input, 'cluster create');
  const { id: _id, ...model } = await modelFromFile(ctx, file);
  try {
    const view = await ctx.api.clusters.save({ cluster: model as SaveInput });
    return { data: view, text: afterSave(view, `Created cluster ${view.cluster.name}`) };
  } catch (e) {
    if (isAppError(e) && e.code === 'NAME_TAKEN') {
      throw new CliError(
        'NAME_TAKEN',
        e.message,
        `To change that cluster: clusterdeck cluster update ${String(model['name'])} --file ${file}`,
        { field: 'name' },
      );
    }
    throw e;
  }
}

async function update(ctx: CliContext, input: CommandInput): Promise<Outcome> {
  const file = fileOf(input, 'cluster update');
  const model = await modelFromFile(ctx, file);
  const all = await ctx.api.clusters.list({});
  const byFile =
    all.find((c) => c.cluster.id === model['id']) ??
    all.find((c) => c.cluster.name === model['name']);
  const target = input.args[0] !== undefined ? await ctx.cluster(input.args[0], 'CLUSTER') : byFile;
  if (target === undefined) {
    throw new CliError(
      'NOT_FOUND',
      `--file: no cluster has the id or name of ${file}`,
      'Name the cluster to change (clusterdeck cluster update NAME --file FILE), or create it: clusterdeck cluster create --file FILE',
      {},
    );
  }
  if (typeof model['id'] === 'string' && model['id'] !== target.cluster.id) {
    throw usageError(
      '--file',
      `the file is the model of another cluster (id ${model['id']}), not of ${target.cluster.name}`,
      'cluster update',
    );
  }
  const view = await ctx.api.clusters.save({
    cluster: { ...model, id: target.cluster.id } as SaveInput,
  });
  return { data: view, text: afterSave(view, `Saved the model of ${target.cluster.name}`) };
}

/** `clusterdeck cluster ...`: the whole model. */
export const clusterCommands: Command[] = [
  {
    name: 'cluster list',
    summary: 'the clusters, with their layout, size and whether the hosts have the model',
    run: async (ctx) => {
      const views = await ctx.api.clusters.list({});
      return { data: views, text: lines(renderClusterList(views)) };
    },
  },
  {
    name: 'cluster show',
    args: '[CLUSTER]',
    argCount: [0, 1],
    summary: 'the model: manager, storage, nodes, accounts, VIPs, services, findings',
    details:
      'With --json: the cluster view (model, applied model, findings); "cluster update" takes it back.',
    run: async (ctx, { args }) => {
      const view = await ctx.cluster(args[0], 'CLUSTER');
      return { data: view, text: lines(renderCluster(view, await ctx.hostNames())) };
    },
  },
  {
    name: 'cluster create',
    summary: 'creates a cluster from a JSON model (nothing changes on the hosts until apply)',
    options: FILE,
    details: `${FILE_FORMAT}\n\nAn id in the file is ignored: this always creates a new cluster (NAME_TAKEN when the name\nexists; change an existing one with "cluster update").`,
    run: create,
  },
  {
    name: 'cluster update',
    args: '[CLUSTER]',
    argCount: [0, 1],
    summary: "replaces an existing cluster's model with a JSON model",
    options: FILE,
    details: `${FILE_FORMAT}\n\nThe cluster is CLUSTER, else the one with the file's id, else the one with the file's name.\nRound trip: clusterdeck cluster show web --json > web.json; edit it; clusterdeck cluster update web --file web.json`,
    run: update,
  },
  {
    name: 'cluster remove',
    args: 'CLUSTER',
    argCount: [1, 1],
    summary: 'forgets a cluster on this workstation (the hosts keep their configuration)',
    options: { yes: { type: 'boolean', help: 'confirm' } },
    run: async (ctx, { args, opts }) => {
      const view = await ctx.cluster(args[0], 'CLUSTER');
      if (opts['yes'] !== true)
        throw usageError(
          '--yes',
          `this forgets cluster ${view.cluster.name} and its apply history here; add --yes to confirm`,
          'cluster remove',
        );
      const r = await ctx.api.clusters.remove({ clusterId: view.cluster.id });
      return {
        data: r,
        text: lines(`Forgot cluster ${view.cluster.name}; its hosts keep their configuration.`),
      };
    },
  },
  {
    name: 'cluster schema',
    summary: 'the JSON Schema of the model that cluster create and update take',
    needsEngine: false,
    run: () => {
      const schema = clusterJsonSchema();
      return Promise.resolve({ data: schema, text: `${JSON.stringify(schema, null, 2)}\n` });
    },
  },
];

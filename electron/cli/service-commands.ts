import { withoutService, withServices } from '../../shared/lb/lb-edit';
import {
  applyPreset,
  editServiceForm,
  formServices,
  newServiceForm,
  type ServiceForm,
} from '../../shared/lb/service-form';
import { formFieldOf } from '../../shared/lb/service-form-fields';
import { serviceLabel } from '../../shared/model/lb';
import type { Cluster } from '../../shared/model/cluster';
import type { CliContext } from './cli-context';
import { notFound } from './cli-errors';
import { CLUSTER_OPTION, type Command, type CommandInput, type Outcome } from './command';
import { serviceRows } from './cluster-render';
import { modelListCommand, saveModel } from './model-edit';
import {
  optionOfFormField,
  presetOf,
  SERVICE_HELP,
  SERVICE_OPTIONS,
  withOptions,
} from './service-options';

/** The option behind a finding on one of the saved services (`services.3.listen.port` -> --ports). */
function optionOf(indices: readonly number[], form: ServiceForm) {
  return (field: string): string | null => {
    const m = /^services\.(\d+)\.(.+)$/.exec(field);
    if (m === null || !indices.includes(Number(m[1]))) return null;
    const formField = formFieldOf(m[2] ?? '', form);
    return formField === null ? null : optionOfFormField(formField);
  };
}

/** Saves the services a form makes, in place of `editId` or appended. */
async function saveForm(
  ctx: CliContext,
  c: Cluster,
  form: ServiceForm,
  editId: string | null,
  command: string,
): Promise<Outcome> {
  const services = formServices(c, form, editId);
  const { cluster, indices } = withServices(c, services, editId);
  // Used once the save succeeded, so every service is valid here.
  const what = services.map((s) => `${s.id} (${serviceLabel(s)})`).join(', ');
  return saveModel(ctx, {
    cluster,
    done: `${editId === null ? 'Added' : 'Changed'} service${services.length > 1 ? 's' : ''} ${what}`,
    command,
    optionOf: optionOf(indices, form),
  });
}

async function add(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const form = applyPreset(c, newServiceForm(c), presetOf(opts));
  return saveForm(
    ctx,
    c,
    await withOptions(ctx, c, form, opts, 'service add'),
    null,
    'service add',
  );
}

function serviceOf(c: Cluster, id: string | undefined) {
  const s = c.services.find((x) => x.id === id);
  if (s === undefined) throw notFound('SERVICE', 'service', id ?? '', 'service list');
  return s;
}

async function edit(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const s = serviceOf(c, args[0]);
  const form = await withOptions(ctx, c, editServiceForm(c, s), opts, 'service edit');
  return saveForm(ctx, c, form, s.id, 'service edit');
}

/** `clusterdeck service ...`: load-balanced services in the model. */
export const serviceCommands: Command[] = [
  modelListCommand(
    'service list',
    "the cluster's load-balanced services",
    (c) => c.services,
    serviceRows,
  ),
  {
    name: 'service add',
    summary: "adds load-balanced services from a preset (or custom), like the app's wizard",
    options: {
      preset: {
        type: 'string',
        value: 'PRESET',
        help: 'http, https, web-group, smtp, pop3, imap, ftp or custom (default)',
      },
      ...SERVICE_OPTIONS,
    },
    details: `Starts from the preset shaped by the cluster's default policy, as the wizard does; the
options change what they name. A port preset with several ports (SMTP 25, 587) makes one
service per port, with ids like smtp-25.

Examples:
  clusterdeck service add --preset http --nodes node1,node2
  clusterdeck service add --preset web-group --persistence 1800
  clusterdeck service add --name "App" --ports 8080 --method nat --nodes node1:2:8081,node2

${SERVICE_HELP}

The model changes; the hosts change at the next apply.`,
    run: add,
  },
  {
    name: 'service edit',
    args: 'SERVICE',
    argCount: [1, 1],
    summary: 'changes a service (only what the options name); SERVICE is its id',
    options: SERVICE_OPTIONS,
    details: `--nodes replaces the whole list of real servers. Example:
  clusterdeck service edit http-80 --scheduler rr --nodes node1,node2:3

${SERVICE_HELP}`,
    run: edit,
  },
  {
    name: 'service remove',
    args: 'SERVICE',
    argCount: [1, 1],
    summary: 'removes a service from the model',
    options: CLUSTER_OPTION,
    run: async (ctx, { args, opts }) => {
      const c = (await ctx.cluster(opts['cluster'])).cluster;
      const s = serviceOf(c, args[0]);
      return saveModel(ctx, {
        cluster: withoutService(c, s.id),
        done: `Removed service ${s.id} (${serviceLabel(s)})`,
        command: 'service remove',
      });
    },
  },
];

import type { ClusterView, RequestInput } from '../../shared/api/contract';
import { detailsOf, isAppError } from '../../shared/api/errors';
import type { Cluster } from '../../shared/model/cluster';
import type { CliContext } from './cli-context';
import { CliError } from './cli-errors';
import { CLUSTER_OPTION, type Command, type Outcome } from './command';
import type { NameOf } from './cluster-render';
import { lines } from './table';

/** What a model edit of the command line saves, and how it speaks of it. */
export interface ModelEdit {
  /** The whole model to save (with the cluster's id, or without one for a new cluster). */
  cluster: RequestInput<'clusters:save'>['cluster'];
  /** What was done, for people: "Added account alice" ("in the model of web" follows). */
  done: string;
  /** The command, for the hint of a refused save ("service add"). */
  command: string;
  /**
   * The option of the command line that set a model field, when one did ("--ports" for
   * "services.3.listen.port"), so that the engine's findings name what the admin typed.
   */
  optionOf?: (field: string) => string | null;
}

/** A refused save with the fields the command line set named by their options. */
function renamed(e: unknown, edit: ModelEdit): unknown {
  const issues = isAppError(e) ? detailsOf(e, 'VALIDATION')?.issues : undefined;
  if (issues === undefined || edit.optionOf === undefined) return e;
  const optionOf = edit.optionOf;
  const mapped = issues.map((i) => {
    // The contract's own checks name fields inside its input ({ cluster }); the engine's do not.
    const option = optionOf(i.field.replace(/^cluster\./, ''));
    return option === null ? i : { field: option, message: `${i.message} (${i.field})` };
  });
  return new CliError(
    'VALIDATION',
    mapped.map((i) => `${i.field}: ${i.message}`).join('; '),
    `Correct it and run the command again; see: clusterdeck ${edit.command} --help`,
    {
      issues: mapped,
    },
  );
}

/** The lines that follow a saved model: what was done, its warnings, and what to run next. */
export function afterSave(view: ClusterView, done: string): string {
  const name = view.cluster.name;
  return lines(
    `${done}.`,
    view.issues
      .filter((i) => i.severity === 'warning')
      .map((i) => `warning: ${i.field}: ${i.message}`),
    `Nothing changed on the hosts yet: review with "clusterdeck plan ${name}", then run "clusterdeck apply ${name}".`,
  );
}

/**
 * Saves a model through clusters:save (validated like the app's saves; errors refuse it) and
 * returns the saved view (--json) or what was done and what follows.
 */
export async function saveModel(ctx: CliContext, edit: ModelEdit): Promise<Outcome> {
  let view: ClusterView;
  try {
    view = await ctx.api.clusters.save({ cluster: edit.cluster });
  } catch (e) {
    throw renamed(e, edit);
  }
  return { data: view, text: afterSave(view, `${edit.done} in the model of ${view.cluster.name}`) };
}

/** A `GROUP list` command: one part of the cluster's model, as JSON or as a table with names. */
export function modelListCommand(
  name: string,
  summary: string,
  part: (c: Cluster) => unknown,
  rows: (c: Cluster, hostName: NameOf) => string[],
): Command {
  return {
    name,
    summary,
    options: CLUSTER_OPTION,
    run: async (ctx, { opts }) => {
      const c = (await ctx.cluster(opts['cluster'])).cluster;
      return { data: part(c), text: lines(rows(c, await ctx.hostNames())) };
    },
  };
}

import { queueOwnedElsewhere } from '../../shared/api/errors';
import { renderPlan } from '../../shared/plan/render';
import type { CliContext } from './cli-context';
import type { Command, CommandInput, Outcome } from './command';
import { followApply, listenForApplies, runTask } from './tasks';

const FULL = {
  full: { type: 'boolean', help: 'every step, not only the changes (a repair / re-check run)' },
} as const;

async function preview(ctx: CliContext, { args, opts }: CommandInput) {
  const view = await ctx.cluster(args[0], 'CLUSTER');
  const plan = await runTask(ctx, (taskId) =>
    ctx.api.plans.preview({ clusterId: view.cluster.id, full: opts['full'] === true, taskId }),
  );
  return { view, plan };
}

/**
 * Fails at once (QUEUE_OWNED_ELSEWHERE, the engine's own refusal) when this process does not
 * run the data dir's queues: an apply queued here would wait for a process that never looks,
 * and the 10-30 s preview would be lost.
 */
async function refusedEarly(ctx: CliContext): Promise<void> {
  const { queues } = await ctx.api.app.getInfo({});
  if (!queues.runHere) throw queueOwnedElsewhere('apply', queues.ownerPid);
}

/**
 * Previews, prints (without --json), queues exactly that plan and follows it: exit 0 done, 3
 * a queue halted. With --json, a `{"task": ...}` line per update of the apply task, then the result.
 */
async function apply(ctx: CliContext, input: CommandInput): Promise<Outcome> {
  await refusedEarly(ctx);
  const { view, plan: reviewed } = await preview(ctx, input);
  if (!ctx.json) ctx.say(renderPlan(reviewed));
  const applies = listenForApplies(ctx);
  try {
    const { applyId, plan } = await runTask(
      ctx,
      (taskId) =>
        ctx.api.plans.apply({ clusterId: view.cluster.id, planHash: reviewed.hash ?? '', taskId }),
      { jsonLines: true },
    );
    const end = await followApply(
      ctx,
      { applyId, hostIds: plan.hosts.map((h) => h.hostId) },
      applies.ended,
    );
    const data = {
      applyId,
      title: plan.title,
      hash: plan.hash,
      result: end.result,
      ...(end.result === 'halted' ? { halted: end.halted } : {}),
    };
    const text =
      end.result === 'ok'
        ? `${plan.title}: done.\n`
        : `${plan.title}: halted; the queues retry on their own while ClusterDeck runs (see: clusterdeck queue).\n`;
    return { data, text, exitCode: end.exitCode };
  } finally {
    applies.stop();
  }
}

/** `clusterdeck plan` and `clusterdeck apply`. */
export const applyCommands: Command[] = [
  {
    name: 'plan',
    args: '[CLUSTER]',
    argCount: [0, 1],
    summary: 'observes the hosts and prints the exact commands and file diffs an apply would run',
    options: FULL,
    details: 'Progress goes to stderr; Ctrl-C cancels. With --json: the plan.',
    run: async (ctx, input) => {
      const { plan } = await preview(ctx, input);
      return { data: plan, text: renderPlan(plan) };
    },
  },
  {
    name: 'apply',
    args: '[CLUSTER]',
    argCount: [0, 1],
    summary: 'plans, queues the plan and follows it; exit 0 done, 3 a queue halted',
    options: FULL,
    details: `Prints the plan, then a line per step that starts, ends or fails on a host. A failed step
halts its host's queue, which retries it on its own while ClusterDeck runs (exit 3; see
"clusterdeck queue"). Only the process that runs the data dir's queues can apply: while the
app runs, apply there (QUEUE_OWNED_ELSEWHERE).

With --json, stdout has one JSON object per line: {"task": TASK} for each update of the apply
task (TASK: id, kind, title, state, progress {done, total, step, hostName}, error), then the
result {"applyId", "title", "hash", "result": "ok" | "halted", "halted": [{host, step, error,
nextRetryAt}]}.

Exit status: 0 done, 1 error, 3 a queue halted.`,
    run: apply,
  },
];

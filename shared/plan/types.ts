import { z } from 'zod';

/** A file a step writes, with what is on the host now and the unified diff between them. */
export const PlannedFile = z.object({
  path: z.string(),
  /** Octal mode as text, e.g. "0644". */
  mode: z.string().regex(/^0[0-7]{3}$/),
  owner: z.string().default('root'),
  group: z.string().default('root'),
  content: z.string(),
  /** Content on the host when the plan was made; null when the file does not exist. */
  current: z.string().nullable(),
  /** Unified diff current -> content ('' when equal). */
  diff: z.string(),
});
export type PlannedFile = z.infer<typeof PlannedFile>;

/**
 * One idempotent step on one host. The executor: runs `check` (exit 0 = already done, the step
 * is skipped); else writes `files` (atomically) and runs `commands` in order, each in its own
 * `sh -c`, stopping at the first non-zero exit; then runs `verify` (exit 0 = success).
 * Every value in a command was quoted by shared/shell/quote.ts.
 */
export const PlanStep = z.object({
  /** Stable across plans of the same model, e.g. "manager.quorum-ip" or "account.add.alice". */
  id: z.string(),
  title: z.string(),
  /** Why the step exists, for the plan preview. */
  description: z.string().optional(),
  commands: z.array(z.string()),
  files: z.array(PlannedFile),
  check: z.string().nullable(),
  verify: z.string().nullable(),
  /** Per-command time limit in seconds (slow package/service operations need more). */
  timeoutSec: z.number().int().positive().default(120),
  /**
   * Steps on other hosts that must be done before this one starts (e.g. a node's NFS mount
   * waits for the manager's export). The host's queue waits; it does not fail.
   */
  waitFor: z
    .array(
      z.object({
        hostId: z.string(),
        stepId: z.string(),
        /** The host's name, for people: the host may have no step of its own in this plan. */
        hostName: z.string().optional(),
      }),
    )
    .default([]),
});
export type PlanStep = z.infer<typeof PlanStep>;

/** The ordered steps of one host. */
export const HostPlan = z.object({
  hostId: z.string(),
  hostName: z.string(),
  role: z.enum(['manager', 'node', 'storage', 'backup-manager']),
  steps: z.array(PlanStep),
});
export type HostPlan = z.infer<typeof HostPlan>;

/** A whole plan: ordered steps per host; cross-host order comes from each step's `waitFor`. */
export const Plan = z.object({
  /** What this plan does, e.g. "Set up cluster web" or "Add account alice". */
  title: z.string(),
  /** sha256 of the canonical JSON of `hosts` (computed by the engine). */
  hash: z.string().optional(),
  hosts: z.array(HostPlan),
});
export type Plan = z.infer<typeof Plan>;

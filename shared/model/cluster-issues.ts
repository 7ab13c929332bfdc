import { z } from 'zod';
import { AppError } from '../base/errors';
import type { HostFacts } from './facts';

/** One finding of cluster validation, naming the model field it is about. */
export const Issue = z.object({
  /** Dotted path into the model, e.g. "manager.quorumIp" or "nodes.1.privateIp". */
  field: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type Issue = z.infer<typeof Issue>;

/** A host as the engine knows it: enough to name it in messages. */
export interface ClusterHostRef {
  name: string;
  address: string;
}

/** What validation knows about the hosts besides the model itself. */
export interface ValidationContext {
  hosts: Record<string, ClusterHostRef | undefined>;
  /** Probed facts per host id; undefined when a host was not probed yet (its checks are skipped). */
  facts: Record<string, HostFacts | undefined>;
  /**
   * Files read from the hosts (see observationsFor): /etc/passwd, /etc/group, /proc/mounts and
   * /etc/fstab sharpen the checks (UID collisions, quotas on the storage filesystem).
   */
  files?: Record<string, Record<string, string | null> | undefined>;
}

/** Whether any issue is an error (warnings do not block a plan). */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** One VALIDATION AppError listing the errors, in the `field: message` style of validationError. */
export function issuesError(issues: readonly Issue[]): AppError {
  const errors = issues.filter((i) => i.severity === 'error');
  const message = errors.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new AppError('VALIDATION', message, {
    issues: errors.map((i) => ({ field: i.field, message: i.message })),
  });
}

/** Collects issues; the small helper every rule writes through. */
export class IssueList {
  readonly items: Issue[] = [];

  /** Adds an error on a field. */
  error(field: string, message: string): void {
    this.items.push({ field, message, severity: 'error' });
  }

  /** Adds a warning on a field. */
  warn(field: string, message: string): void {
    this.items.push({ field, message, severity: 'warning' });
  }
}

import { toErrorInfo } from '../../../shared/api/errors';
import type { RequestOutput } from '../../../shared/api/contract';
import type { AuditRepository } from '../store/audit-repository';
import type { StepSessions } from '../queue/ssh-step-target';
import type { TaskContext } from '../tasks/task-service';
import type { HostService } from './host-service';

/** What running an admin's command on hosts needs. */
export interface HostExecDeps {
  hosts: Pick<HostService, 'list' | 'connect'>;
  sessions: Pick<StepSessions, 'exec'>;
  audit: Pick<AuditRepository, 'record'>;
}

/**
 * Runs the admin's own command (`hosts:exec`, the CLI's `exec`) on every host at once over the
 * kept sessions. A host that cannot be reached gets its error, the others their results; the
 * task's signal stops every channel. The command is the admin's shell text, run as given.
 */
export async function execOnHosts(
  d: HostExecDeps,
  input: { hostIds: string[]; command: string; timeoutSec: number },
  task: TaskContext,
): Promise<RequestOutput<'hosts:exec'>> {
  const names = new Map(d.hosts.list().map((h) => [h.id, h.name]));
  let finished = 0;
  task.progress({
    done: 0,
    total: input.hostIds.length,
    step: input.command.slice(0, 80),
    hostName: null,
  });
  const results = await Promise.all(
    input.hostIds.map(async (hostId) => {
      const hostName = names.get(hostId) ?? hostId;
      try {
        await d.hosts.connect({ hostId });
        const r = await d.sessions.exec(hostId, input.command, {
          timeoutMs: input.timeoutSec * 1000,
          signal: task.signal,
        });
        return {
          hostId,
          hostName,
          code: r.code,
          stdout: r.stdout,
          stderr: r.stderr,
          durationMs: r.durationMs,
          error: null,
        };
      } catch (e) {
        const { code, message } = toErrorInfo(e);
        return {
          hostId,
          hostName,
          code: null,
          stdout: '',
          stderr: '',
          durationMs: null,
          error: { code, message },
        };
      } finally {
        task.progress({ done: ++finished, hostName });
      }
    }),
  );
  d.audit.record({
    action: 'hosts:exec',
    result: results.every((r) => r.code === 0) ? 'ok' : 'error',
    details: {
      command: input.command,
      hosts: results.map((r) => ({ host: r.hostName, code: r.code, error: r.error?.code ?? null })),
    },
  });
  return results;
}

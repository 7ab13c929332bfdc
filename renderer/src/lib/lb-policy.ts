import { detectionTimeSec, type LbPolicy } from '../../../shared/model/lb';
import type { Cluster } from '../../../shared/model/cluster';
import type { FieldIssue } from './cluster-fields';
import { formCheck, persistenceSeconds, type ServiceForm } from './lb-form';
import { formFieldOf, sortIssues, type FormErrors } from './lb-form-fields';
import {
  checkText,
  FORWARDING_METHODS,
  ON_FAILURE_LABELS,
  persistenceText,
  SCHEDULER_NAMES,
  secondsText,
} from './lb-model';

/**
 * The cluster's default policy for new services. It is edited with the service wizard's form
 * (newServiceForm starts from the policy; only its scheduling and check fields are shown) and
 * saved as `lbPolicy` in the desired model.
 */

/** The policy the form describes; bad numbers stay NaN so that the engine names the field. */
export function formPolicy(f: ServiceForm): LbPolicy {
  return {
    scheduler: f.scheduler,
    method: f.method,
    persistenceSec: persistenceSeconds(f),
    check: formCheck(f),
    onFailure: f.onFailure,
  };
}

/** The model with `policy` as its default policy, or without one (null: the built-in default). */
export function withLbPolicy(c: Cluster, policy: LbPolicy | null): Cluster {
  if (policy !== null) return { ...c, lbPolicy: policy };
  const { lbPolicy: _dropped, ...rest } = c;
  return rest;
}

/** The form field that shows a model path of the policy (`lbPolicy.check.path` -> checkPath). */
function policyFieldOf(path: string, form: ServiceForm) {
  const m = /^lbPolicy\.(.+)$/.exec(path);
  if (m === null) return null;
  const rel = m[1] ?? '';
  return formFieldOf(rel === 'persistenceSec' ? 'persistence' : rel, form);
}

/** The engine's findings of a policy save: beside the policy's fields, the rest as lines. */
export function policyErrors(issues: readonly FieldIssue[], form: ServiceForm): FormErrors {
  return sortIssues(issues, (path) => policyFieldOf(path, form));
}

/** One line of the policy as the section shows it. */
export interface PolicyLine {
  key: 'scheduler' | 'method' | 'persistence' | 'check' | 'detection' | 'onFailure';
  label: string;
  value: string;
}

/** "timeout 1 s, 1 retry 1 s apart", or null without a check. */
function checkTimingText(check: LbPolicy['check']): string | null {
  if (check.kind === 'none') return null;
  const retries = check.retries === 1 ? '1 retry' : `${check.retries} retries`;
  const apart = check.retries === 0 ? '' : ` ${secondsText(check.retryDelaySec)} apart`;
  return `timeout ${secondsText(check.timeoutSec)}, ${retries}${apart}`;
}

/** "3 s if it refuses connections, 5 s if it does not answer", or why there is none. */
function detectionText(check: LbPolicy['check']): string {
  const t = detectionTimeSec(check);
  if (t === null) return 'never: no health check, a failed server keeps getting connections';
  const silent = secondsText(t.silent);
  return `${secondsText(t.refused)} if it refuses connections, ${silent} if it does not answer`;
}

/** The policy in words: scheduler, forwarding, persistence, check, detection time, failure. */
export function policyLines(p: LbPolicy): PolicyLine[] {
  const method = FORWARDING_METHODS.find((m) => m.value === p.method)?.label ?? p.method;
  const timing = checkTimingText(p.check);
  return [
    {
      key: 'scheduler',
      label: 'Scheduler',
      value: `${p.scheduler} — ${SCHEDULER_NAMES[p.scheduler]}`,
    },
    { key: 'method', label: 'Forwarding', value: method },
    {
      key: 'persistence',
      label: 'Persistence',
      value: persistenceText({ seconds: p.persistenceSec, netmask: 32 }),
    },
    {
      key: 'check',
      label: 'Health check',
      value: timing === null ? checkText(p.check) : `${checkText(p.check)}; ${timing}`,
    },
    { key: 'detection', label: 'Failure detected within', value: detectionText(p.check) },
    { key: 'onFailure', label: 'A failed server is', value: ON_FAILURE_LABELS[p.onFailure] },
  ];
}

/** The policy in one line: "wlc, DR, persistence off, TCP connect every 2 s". */
export function policyShort(p: LbPolicy): string {
  const persistence = persistenceText({ seconds: p.persistenceSec, netmask: 32 });
  const check = p.check.kind === 'none' ? 'no health check' : checkText(p.check);
  return `${p.scheduler}, ${p.method.toUpperCase()}, persistence ${persistence}, ${check}`;
}

import { describe, expect, it } from 'vitest';
import { lbPolicyOf } from '../../../shared/lb/cluster-lb';
import { DEFAULT_POLICY, type LbPolicy } from '../../../shared/model/lb';
import { lbCluster } from '../../../shared/lb/testing/lb-fixtures';
import { newServiceForm } from './lb-form';
import { formPolicy, policyErrors, policyLines, policyShort, withLbPolicy } from './lb-policy';

const cluster = lbCluster([]);

const HTTP_CHECK = {
  kind: 'http',
  path: '/health',
  expectStatus: 204,
  intervalSec: 5,
  timeoutSec: 2,
  retries: 2,
  retryDelaySec: 1.5,
} as const;

const HTTP_POLICY: LbPolicy = {
  scheduler: 'rr',
  method: 'nat',
  persistenceSec: 300,
  check: HTTP_CHECK,
  onFailure: 'weight0',
};

const lineValues = (p: LbPolicy) => Object.fromEntries(policyLines(p).map((l) => [l.key, l.value]));

describe('formPolicy', () => {
  it('gives back the policy the form was made from', () => {
    const c = withLbPolicy(cluster, HTTP_POLICY);
    expect(formPolicy(newServiceForm(c))).toEqual(HTTP_POLICY);
    expect(formPolicy(newServiceForm(cluster))).toEqual(DEFAULT_POLICY);
  });

  it('takes the edited scheduling and check fields, and custom persistence', () => {
    const form = {
      ...newServiceForm(cluster),
      scheduler: 'sh' as const,
      persistence: 'custom' as const,
      persistenceSec: '90',
      checkKind: 'none' as const,
      onFailure: 'remove' as const,
    };
    expect(formPolicy(form)).toEqual({
      scheduler: 'sh',
      method: 'dr',
      persistenceSec: 90,
      check: { kind: 'none' },
      onFailure: 'remove',
    });
  });

  it('keeps a bad number as NaN for the engine to name', () => {
    const form = {
      ...newServiceForm(cluster),
      persistence: 'custom' as const,
      persistenceSec: 'x',
    };
    expect(formPolicy(form).persistenceSec).toBeNaN();
  });
});

describe('withLbPolicy', () => {
  it('sets the policy, and null removes it so the built-in default applies again', () => {
    const set = withLbPolicy(cluster, HTTP_POLICY);
    expect(lbPolicyOf(set)).toEqual(HTTP_POLICY);
    const reset = withLbPolicy(set, null);
    expect('lbPolicy' in reset).toBe(false);
    expect(lbPolicyOf(reset)).toEqual(DEFAULT_POLICY);
    expect(reset.services).toBe(set.services);
  });
});

describe('policyErrors', () => {
  it("puts the policy's findings beside the form fields and the rest in lines", () => {
    const form = newServiceForm(cluster);
    const e = policyErrors(
      [
        { field: 'lbPolicy.check.path', message: 'must be a URL path' },
        { field: 'lbPolicy.persistenceSec', message: 'expected number' },
        { field: 'lbPolicy.scheduler', message: 'must be one of rr, …' },
        { field: 'services.0.vip', message: 'not ours' },
      ],
      form,
    );
    expect(e.byField.checkPath).toEqual({
      path: 'lbPolicy.check.path',
      message: 'must be a URL path',
    });
    expect(e.byField.persistence?.path).toBe('lbPolicy.persistenceSec');
    expect(e.byField.scheduler?.path).toBe('lbPolicy.scheduler');
    expect(e.other).toEqual(['services.0.vip: not ours']);
  });
});

describe('policyLines', () => {
  it('says the built-in default in words, with the worst-case detection time', () => {
    expect(lineValues(DEFAULT_POLICY)).toEqual({
      scheduler: 'wlc — weighted least connections',
      method: 'Direct routing (DR)',
      persistence: 'off',
      check: 'TCP connect every 2 s; timeout 1 s, 1 retry 1 s apart',
      detection: '3 s if it refuses connections, 5 s if it does not answer',
      onFailure: 'removed from IPVS',
    });
  });

  it('says an HTTP check, persistence and weight 0', () => {
    const v = lineValues(HTTP_POLICY);
    expect(v['scheduler']).toBe('rr — round robin');
    expect(v['method']).toBe('NAT');
    expect(v['persistence']).toBe('300 s');
    expect(v['check']).toBe('HTTP GET /health → 204 every 5 s; timeout 2 s, 2 retries 1.5 s apart');
    // 5 + 2 × 1.5 = 8 s refused; 8 + 3 × 2 = 14 s silent.
    expect(v['detection']).toBe('8 s if it refuses connections, 14 s if it does not answer');
    expect(v['onFailure']).toContain('weight 0');
  });

  it('says when there is no check, and retries without a delay', () => {
    const none = lineValues({ ...DEFAULT_POLICY, check: { kind: 'none' } });
    expect(none['check']).toBe('none');
    expect(none['detection']).toContain('no health check');
    const once = lineValues({ ...DEFAULT_POLICY, check: { ...HTTP_CHECK, retries: 0 } });
    expect(once['check']).toContain('timeout 2 s, 0 retries');
    expect(once['check']).not.toContain('apart');
  });
});

describe('policyShort', () => {
  it('says a policy in one line', () => {
    expect(policyShort(DEFAULT_POLICY)).toBe('wlc, DR, persistence off, TCP connect every 2 s');
    expect(policyShort({ ...HTTP_POLICY, check: { kind: 'none' } })).toBe(
      'rr, NAT, persistence 300 s, no health check',
    );
  });
});

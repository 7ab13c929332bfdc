import { describe, expect, it } from 'vitest';
import type { FactCheck } from '../../../shared/model/facts';
import { countChecks, sortChecks } from './checks';

const c = (id: string, severity: FactCheck['severity']): FactCheck => ({
  id,
  severity,
  title: id,
  message: '',
});

describe('sortChecks', () => {
  it('puts blockers first, then warnings, keeping the engine order within each', () => {
    const sorted = sortChecks([
      c('a', 'ok'),
      c('b', 'warning'),
      c('c', 'blocker'),
      c('d', 'ok'),
      c('e', 'blocker'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });
  it('counts per severity', () => {
    expect(countChecks([c('a', 'ok'), c('b', 'blocker'), c('c', 'blocker')])).toEqual({
      ok: 1,
      warning: 0,
      blocker: 2,
    });
  });
});

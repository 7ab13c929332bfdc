import { describe, expect, it } from 'vitest';
import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';
import { newestFirst, reasonLabel, selectedPair, unreachableText } from './snapshot-labels';

const info = (id: string, takenAt: string, patch: Partial<SnapshotInfo> = {}): SnapshotInfo => ({
  id,
  clusterId: 'c1',
  clusterName: 'web',
  takenAt,
  reason: 'manual',
  sizeBytes: 2048,
  contentHash: 'a'.repeat(64),
  unreachable: [],
  ...patch,
});

describe('snapshot labels', () => {
  it('names the reason as the chip shows it', () => {
    expect(reasonLabel('manual')).toBe('manual');
    expect(reasonLabel('before-apply')).toBe('before apply');
  });

  it('says which hosts were not reached, or that all were read', () => {
    expect(unreachableText({ unreachable: [] })).toBe('all hosts read');
    expect(unreachableText({ unreachable: ['node1', 'node2'] })).toBe('not reached: node1, node2');
  });

  it('orders newest first, ties by id', () => {
    const list = [
      info('b.cdsnap', '2026-12-01T10:00:00.000Z'),
      info('c.cdsnap', '2026-12-02T10:00:00.000Z'),
      info('a.cdsnap', '2026-12-01T10:00:00.000Z'),
    ];
    expect(newestFirst(list).map((s) => s.id)).toEqual(['c.cdsnap', 'a.cdsnap', 'b.cdsnap']);
  });

  it('offers a pair to compare only when exactly two are selected', () => {
    const list = [info('a.cdsnap', '1'), info('b.cdsnap', '2'), info('c.cdsnap', '3')];
    expect(selectedPair(list, new Set(['a.cdsnap']))).toBeNull();
    expect(selectedPair(list, new Set(['a.cdsnap', 'c.cdsnap']))?.map((s) => s.id)).toEqual([
      'a.cdsnap',
      'c.cdsnap',
    ]);
    expect(selectedPair(list, new Set(['a.cdsnap', 'b.cdsnap', 'c.cdsnap']))).toBeNull();
    // A selected snapshot removed meanwhile does not count.
    expect(selectedPair(list, new Set(['a.cdsnap', 'gone.cdsnap']))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { changedPlanNote } from './cluster-plan';

describe('changedPlanNote', () => {
  const hash = 'b'.repeat(64);

  it('says nothing when no plan was expected or the preview is that plan', () => {
    expect(changedPlanNote(undefined, hash)).toBeNull();
    expect(changedPlanNote(null, hash)).toBeNull();
    expect(changedPlanNote(hash, hash)).toBeNull();
  });

  it('warns when the repair plan differs from the one the drift check found', () => {
    expect(changedPlanNote('a'.repeat(64), hash)).toMatch(/changed since the drift check/);
    expect(changedPlanNote('a'.repeat(64), undefined)).not.toBeNull();
  });
});

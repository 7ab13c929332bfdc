import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/api/errors';
import type { Issue } from '../../../../../shared/model/cluster-issues';
import { checkStep, type ValidateCluster } from './setup-check';
import { EMPTY_DRAFT, type SetupDraft } from './setup-draft';

const draft: SetupDraft = {
  ...EMPTY_DRAFT,
  name: 'web',
  managerHostId: 'm1',
  publicIp: '192.0.2.2',
  quorumIp: '192.0.2.2',
  quorumPrefix: '24',
};

/** A fake engine answering with `issues`, recording what it was asked. */
function engine(issues: Issue[]): { validate: ValidateCluster; asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    validate: (input) => {
      asked.push(input);
      return Promise.resolve(issues);
    },
  };
}

const conflict: Issue = {
  field: 'manager.quorumIp',
  message: "must differ from the manager's public address",
  severity: 'error',
};

describe('checkStep', () => {
  it("holds the admin on the step with the engine's errors on its fields", async () => {
    const e = engine([
      conflict,
      { field: 'nodes.0.publicIp', message: 'later step', severity: 'error' },
      { field: 'manager.publicIp', message: 'only a warning', severity: 'warning' },
    ]);
    expect(await checkStep(draft, 1, e.validate)).toEqual({
      issues: [{ field: 'manager.quorumIp', message: conflict.message }],
    });
    expect(e.asked).toHaveLength(1);
    // The same answer leaves the layout step free: its fields have no error.
    expect(await checkStep(draft, 0, e.validate)).toEqual({ issues: [] });
  });

  it('reports format errors without asking the engine', async () => {
    const e = engine([]);
    const r = await checkStep({ ...draft, quorumIp: '10.0' }, 1, e.validate);
    expect(r).toEqual({ issues: [expect.objectContaining({ field: 'manager.quorumIp' })] });
    expect(e.asked).toEqual([]);
  });

  it("reads the engine's VALIDATION of a model incomplete on later steps by step", async () => {
    const refused: ValidateCluster = () =>
      Promise.reject(
        new AppError('VALIDATION', 'x', {
          issues: [{ field: 'cluster.storage.hostId', message: 'is required' }],
        }),
      );
    expect(await checkStep(draft, 1, refused)).toEqual({ issues: [] });
    expect(await checkStep(draft, 2, refused)).toEqual({
      issues: [{ field: 'storage.hostId', message: 'is required' }],
    });
  });

  it('gives back an error that names no field', async () => {
    const down: ValidateCluster = () =>
      Promise.reject(new AppError('HOST_UNREACHABLE', 'connection to the engine lost'));
    expect(await checkStep(draft, 1, down)).toEqual({
      error: expect.objectContaining({ code: 'HOST_UNREACHABLE' }),
    });
  });
});

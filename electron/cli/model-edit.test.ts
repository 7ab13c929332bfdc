import { describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import { AppError, isAppError } from '../../shared/api/errors';
import { lbCluster } from '../../shared/lb/testing/lb-fixtures';
import { parseCluster } from '../../shared/model/cluster';
import { CliContext } from './cli-context';
import { saveModel } from './model-edit';

const c = parseCluster(lbCluster([]));

function contextSaving(save: () => Promise<unknown>) {
  return new CliContext({ clusters: { save } } as unknown as Api, false, 'account add');
}

describe('saveModel', () => {
  it("names the engine's findings on fields the command line set by their options, keeping the path", async () => {
    const refusal = new AppError('VALIDATION', '...', {
      issues: [
        { field: 'cluster.accounts.0.quotaMiB', message: 'quota must be 0 (no limit) or more' },
        { field: 'manager.quorumIp', message: 'is taken' },
      ],
    });
    const ctx = contextSaving(() => Promise.reject(refusal));
    const optionOf = (f: string) => (f === 'accounts.0.quotaMiB' ? '--quota' : null);
    const e: unknown = await saveModel(ctx, {
      cluster: c,
      done: 'Added',
      command: 'account add',
      optionOf,
    }).catch((x: unknown) => x);
    expect(
      isAppError(e) && { code: e.code, message: e.message, hint: e.hint, details: e.details },
    ).toEqual({
      code: 'VALIDATION',
      message:
        '--quota: quota must be 0 (no limit) or more (cluster.accounts.0.quotaMiB); manager.quorumIp: is taken',
      hint: 'Correct it and run the command again; see: clusterdeck account add --help',
      details: {
        issues: [
          {
            field: '--quota',
            message: 'quota must be 0 (no limit) or more (cluster.accounts.0.quotaMiB)',
          },
          { field: 'manager.quorumIp', message: 'is taken' },
        ],
      },
    });
  });

  it('says what was done, its warnings and what to run next', async () => {
    const view = {
      cluster: c,
      applied: null,
      issues: [{ field: 'nodes.0.hostId', message: 'not probed', severity: 'warning' }],
      updatedAt: '',
    };
    const out = await saveModel(
      contextSaving(() => Promise.resolve(view)),
      { cluster: c, done: 'Added account alice', command: 'account add' },
    );
    expect(out).toEqual({
      data: view,
      text: 'Added account alice in the model of lab.\nwarning: nodes.0.hostId: not probed\nNothing changed on the hosts yet: review with "clusterdeck plan lab", then run "clusterdeck apply lab".\n',
    });
  });
});

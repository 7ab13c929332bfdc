import { describe, expect, it } from 'vitest';
import { hostQueue, queueItem, queueRun } from '../../testing/fixtures';
import {
  elapsedText,
  formatCountdown,
  formatDuration,
  outcomeText,
  queueProgress,
  retryText,
  runsByAttempt,
  runVerdict,
  sortQueues,
  statusLine,
} from './queue-logic';

describe('formatCountdown', () => {
  it('shows minutes and seconds, hours when needed, rounding up', () => {
    expect(formatCountdown(272_000)).toBe('4:32');
    expect(formatCountdown(271_001)).toBe('4:32');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-10)).toBe('0:00');
  });
});

describe('retryText', () => {
  const failed = queueItem({ state: 'failed', nextRetryAt: 1_000_000 });
  it('counts down to the retry of a failed item', () => {
    expect(retryText(failed, 1_000_000 - 300_000)).toBe('retrying in 5:00');
    expect(retryText(failed, 1_000_000 - 999)).toBe('retrying in 0:01');
  });
  it('says "now" once the time has come, and nothing for other items', () => {
    expect(retryText(failed, 1_000_000)).toBe('retrying now…');
    expect(retryText(queueItem({ state: 'running', nextRetryAt: 5 }), 0)).toBeNull();
    expect(retryText(queueItem({ state: 'failed', nextRetryAt: null }), 0)).toBeNull();
    expect(retryText(null, 0)).toBeNull();
  });
});

describe('queueProgress', () => {
  it('counts finished items of the current batch against the unfinished ones', () => {
    const current = queueItem({ id: 4, state: 'running' });
    const view = hostQueue({
      status: 'running',
      current,
      pending: 3,
      items: [
        queueItem({ id: 1, applyId: 'old', state: 'done' }),
        queueItem({ id: 2, state: 'done' }),
        queueItem({ id: 3, state: 'skipped' }),
        current,
        queueItem({ id: 5 }),
        queueItem({ id: 6 }),
      ],
    });
    expect(queueProgress(view)).toEqual({ done: 2, total: 5 });
  });
  it('is null for an idle queue', () => {
    expect(queueProgress(hostQueue())).toBeNull();
  });
});

describe('statusLine', () => {
  const current = queueItem({ title: 'Mount /home' });
  it('names the current step in each status', () => {
    expect(statusLine(hostQueue())).toBe('Nothing to do');
    expect(statusLine(hostQueue({ status: 'running', current }))).toBe('Running: Mount /home');
    expect(statusLine(hostQueue({ status: 'halted', current }))).toBe('Halted at: Mount /home');
    expect(statusLine(hostQueue({ status: 'waiting', current }))).toBe(
      'Mount /home is waiting for a step on another host',
    );
  });
  it('names the step and host a waiting queue waits for', () => {
    const waitingFor = { hostId: 'm1', stepId: 'nfs.export', title: 'Export /home' };
    const view = hostQueue({ status: 'waiting', current, waitingFor });
    const names: Record<string, string> = { m1: 'manager' };
    expect(statusLine(view, (id) => names[id] ?? id)).toBe(
      'Mount /home is waiting for “Export /home” on manager',
    );
    expect(statusLine({ ...view, waitingFor: { ...waitingFor, title: null } })).toBe(
      'Mount /home is waiting for “nfs.export” on m1',
    );
  });
});

describe('elapsedText', () => {
  it('counts the running time of a running item only', () => {
    const started = '2025-01-01T12:00:00.000Z';
    const now = Date.parse(started) + 65_000;
    expect(elapsedText(queueItem({ state: 'running', startedAt: started }), now)).toBe(
      'running for 1:05',
    );
    expect(elapsedText(queueItem({ state: 'failed', startedAt: started }), now)).toBeNull();
    expect(elapsedText(queueItem({ state: 'running', startedAt: null }), now)).toBeNull();
    expect(elapsedText(null, now)).toBeNull();
  });
});

describe('outcomeText', () => {
  it('explains "already done" and passes other outcomes through', () => {
    expect(outcomeText(queueItem({ outcome: 'already done' }))).toBe(
      'already done (no change needed)',
    );
    expect(outcomeText(queueItem({ outcome: 'applied' }))).toBe('applied');
    expect(outcomeText(queueItem())).toBeNull();
  });
});

describe('sortQueues', () => {
  it('orders by host name, falling back to the id', () => {
    const names: Record<string, string> = { a: 'web2', b: 'lb1' };
    const out = sortQueues(
      [hostQueue({ hostId: 'a' }), hostQueue({ hostId: 'zz' }), hostQueue({ hostId: 'b' })],
      (id) => names[id] ?? id,
    );
    expect(out.map((v) => v.hostId)).toEqual(['b', 'a', 'zz']);
  });
});

describe('formatDuration', () => {
  it('picks a unit by size', () => {
    expect(formatDuration(35)).toBe('35 ms');
    expect(formatDuration(2_440)).toBe('2.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('runVerdict', () => {
  it('treats a failing check as "to be applied", other non-zero exits as failures', () => {
    expect(runVerdict(queueRun({ phase: 'check', exitCode: 1 }))).toEqual({
      tone: 'neutral',
      text: 'exit 1 · to be applied',
    });
    expect(runVerdict(queueRun({ phase: 'check', exitCode: 0 })).tone).toBe('ok');
    expect(runVerdict(queueRun({ phase: 'command', exitCode: 2 }))).toEqual({
      tone: 'failed',
      text: 'exit 2',
    });
    expect(runVerdict(queueRun({ phase: 'verify', exitCode: null })).tone).toBe('failed');
  });
});

describe('runsByAttempt', () => {
  it('groups by attempt, latest first, keeping the run order', () => {
    const runs = [
      queueRun({ id: 1, attempt: 1 }),
      queueRun({ id: 2, attempt: 1 }),
      queueRun({ id: 3, attempt: 2 }),
      queueRun({ id: 4, attempt: 2 }),
    ];
    expect(runsByAttempt(runs).map((g) => [g.attempt, g.runs.map((r) => r.id)])).toEqual([
      [2, [3, 4]],
      [1, [1, 2]],
    ]);
  });
});

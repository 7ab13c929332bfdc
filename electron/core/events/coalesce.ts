import type { Timers } from '../ssh/types';

/**
 * Collects keys for a short window and then calls `flush` once per distinct key, so a burst
 * of changes (a queue running many quick steps) becomes one event per host per window.
 */
export function coalesceByKey(timers: Timers, windowMs: number, flush: (key: string) => void) {
  const pending = new Set<string>();
  let timer: { cancel(): void } | null = null;
  return {
    push(key: string): void {
      pending.add(key);
      timer ??= timers.setTimeout(() => {
        timer = null;
        const keys = [...pending];
        pending.clear();
        for (const k of keys) flush(k);
      }, windowMs);
    },
    cancel(): void {
      timer?.cancel();
      timer = null;
      pending.clear();
    },
  };
}

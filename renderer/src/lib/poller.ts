/** A repeating task that never overlaps itself. */
export interface Poller {
  /** Runs the task now, then `intervalMs` after each run ends; nothing if already running. */
  start: () => void;
  /** No further run is started; a run in flight finishes but schedules nothing. */
  stop: () => void;
  running: () => boolean;
}

/** The timer functions a poller uses (fake ones in tests). */
export interface PollerTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: PollerTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Polls `task`: the next run is scheduled only when the previous one has settled, so a slow
 * engine never gets a second request on top of the first. A failing task keeps polling (the
 * task itself records its error). Restarting while a run is in flight waits for that run.
 */
export function createPoller(
  task: () => Promise<void>,
  intervalMs: number,
  timers: PollerTimers = realTimers,
): Poller {
  let active = false;
  let generation = 0;
  let inFlight = false;
  let timer: unknown = null;

  const run = async (gen: number): Promise<void> => {
    timer = null;
    inFlight = true;
    try {
      await task();
    } catch {
      // The task reports its own errors; polling goes on.
    } finally {
      inFlight = false;
    }
    if (!active) return;
    // Stopped and started again during the run: the new generation starts now.
    timer = timers.setTimeout(() => void run(generation), gen === generation ? intervalMs : 0);
  };

  return {
    start() {
      if (active) return;
      active = true;
      generation += 1;
      if (!inFlight) void run(generation);
    },
    stop() {
      if (!active) return;
      active = false;
      generation += 1;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    running: () => active,
  };
}

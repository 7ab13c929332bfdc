import type { Transport } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/envelope';

/** Message of a request whose answer came after the app switched to or from a snapshot. */
export const VIEW_SWITCHED =
  'the app opened or closed a snapshot before this answer came; it was dropped';

/** A {@link Transport} whose requests go to the engine, or to another transport put in front. */
export interface SwitchableTransport extends Transport {
  /** Sends every request to `transport` from now on (null: back to the engine). */
  use(transport: Transport | null): void;
}

/**
 * Puts a second transport (an open snapshot) in front of the engine's. While one is in front,
 * the engine's events are not delivered (they describe the live cluster, not the one shown),
 * and an answer that arrives after a switch is dropped (resolved as ABORTED), so nothing read
 * from one source lands in a store filled from the other.
 */
export function createSwitchableTransport(engine: Transport): SwitchableTransport {
  let front: Transport | null = null;
  let generation = 0;
  return {
    async request(channel, input): Promise<Envelope<unknown>> {
      const mine = generation;
      const env = await (front ?? engine).request(channel, input);
      if (mine !== generation) {
        return { ok: false, error: { code: 'ABORTED', message: VIEW_SWITCHED } };
      }
      return env;
    },
    subscribe(listener) {
      return engine.subscribe((event, payload) => {
        if (front === null) listener(event, payload);
      });
    },
    use(transport) {
      front = transport;
      generation += 1;
    },
  };
}

/** At most this many events are held for a client that has not said it is ready; later ones are dropped. */
export const MAX_HELD_EVENTS = 10_000;

/**
 * The events of one client, held until it says it is ready (its stores are subscribed) and
 * then sent in order; from then on each is sent at once. Electron main and the headless server
 * hold events this way, so a renderer misses none pushed while it loads. Past
 * {@link MAX_HELD_EVENTS}, later events are dropped: a client that never gets ready must not
 * grow the engine's memory (it re-fetches everything once ready anyway).
 */
export class HeldEvents<T> {
  private ready = false;
  private readonly held: T[] = [];

  constructor(
    private readonly send: (message: T) => void,
    private readonly max = MAX_HELD_EVENTS,
  ) {}

  /** Sends the message now when the client is ready, else holds it. */
  push(message: T): void {
    if (this.ready) this.send(message);
    else if (this.held.length < this.max) this.held.push(message);
  }

  /** The client is ready: sends what was held, in order, and every later message at once. */
  release(): void {
    this.ready = true;
    for (const m of this.held.splice(0)) this.send(m);
  }
}

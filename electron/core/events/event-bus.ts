import type { EventChannel, EventPayload } from '../../../shared/api/contract';

/** A listener of every engine event. */
export type AnyEventListener = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Typed fan-out of engine events to the transports (IPC, WebSocket, CLI). */
export class EventBus {
  private readonly listeners = new Set<AnyEventListener>();

  /** Publishes one event to every listener; a throwing listener does not stop the others. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken transport must not break the engine or the other transports.
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function (always call it on close). */
  onEvent(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

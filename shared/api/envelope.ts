import type { ErrorInfo } from './errors';

/** The shape every response has on the wire. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** A request as it travels over a transport. */
export interface WireRequest {
  id: number;
  channel: string;
  input: unknown;
}

/** A response to a {@link WireRequest}. */
export type WireResponse = { id: number } & Envelope<unknown>;

/** An event as it travels over a transport. */
export interface WireEvent {
  event: string;
  payload: unknown;
}

import type { ErrorInfo } from './errors';

/** The shape every response has on the wire. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

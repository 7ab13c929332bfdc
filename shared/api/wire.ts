import type { EventMessage, IpcRequest } from './bridge';
import type { Envelope } from './envelope';
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from './errors';

/**
 * The frames of the browser-mode WebSocket between the headless server and the renderer, and
 * how each side reads the other's. A response frame carries the envelope's fields beside its
 * id (`{ type, id, ok, value | error }`); an event frame carries an {@link EventMessage}.
 */

/** A frame the server sends, as the renderer reads it. */
export type ServerMessage =
  | { type: 'response'; id: number; envelope: Envelope<unknown> }
  | ({ type: 'event' } & EventMessage);

/** A frame the renderer sends. */
export type ClientMessage = ({ type: 'request'; id: number } & IpcRequest) | { type: 'ready' };

/**
 * A renderer frame as the server reads it. The channel and input stay unchecked here:
 * dispatch validates both and answers a bad request with an error envelope.
 */
export type ReceivedClientMessage =
  { type: 'request'; id: number; channel: unknown; input: unknown } | { type: 'ready' };

/** The text of the server's response frame to request `id`. */
export function responseFrame(id: number, envelope: Envelope<unknown>): string {
  return JSON.stringify({ type: 'response', id, ...envelope });
}

/** The text of the server's frame for one event. */
export function eventFrame(event: string, payload: unknown): string {
  return JSON.stringify({ type: 'event', event, payload });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

function errorInfoFrom(v: unknown): ErrorInfo {
  if (!isRecord(v)) return { code: 'INTERNAL', message: 'malformed error from the engine' };
  const code = isErrorCode(v.code) ? v.code : 'INTERNAL';
  const message = typeof v.message === 'string' ? v.message : 'unknown error';
  return isRecord(v.details) ? { code, message, details: v.details } : { code, message };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Parses one text frame from the server. Returns null for anything that is not a well-formed
 * response or event (it is ignored rather than trusted).
 */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  const msg = parseJson(data);
  if (!isRecord(msg)) return null;
  if (msg.type === 'event' && typeof msg.event === 'string') {
    return { type: 'event', event: msg.event, payload: msg.payload };
  }
  if (msg.type === 'response' && typeof msg.id === 'number') {
    if (msg.ok === true)
      return { type: 'response', id: msg.id, envelope: { ok: true, value: msg.value } };
    if (msg.ok === false) {
      return {
        type: 'response',
        id: msg.id,
        envelope: { ok: false, error: errorInfoFrom(msg.error) },
      };
    }
  }
  return null;
}

/** Parses one text frame from the renderer; null for anything else (it is ignored). */
export function parseClientMessage(text: string): ReceivedClientMessage | null {
  const msg = parseJson(text);
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as { type?: unknown; id?: unknown; channel?: unknown; input?: unknown };
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'request' && typeof m.id === 'number')
    return { type: 'request', id: m.id, channel: m.channel, input: m.input };
  return null;
}

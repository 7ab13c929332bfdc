import type { Envelope } from '../../../shared/api/envelope';
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '../../../shared/api/errors';

/** A message the headless server sends over the WebSocket. */
export type ServerMessage =
  | { type: 'response'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown };

/** A message the renderer sends over the WebSocket. */
export type ClientMessage =
  { type: 'request'; id: number; channel: string; input: unknown } | { type: 'ready' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}

function toErrorInfo(v: unknown): ErrorInfo {
  if (!isRecord(v)) return { code: 'INTERNAL', message: 'malformed error from the engine' };
  const code = isErrorCode(v.code) ? v.code : 'INTERNAL';
  const message = typeof v.message === 'string' ? v.message : 'unknown error';
  return isRecord(v.details) ? { code, message, details: v.details } : { code, message };
}

/**
 * Parses one text frame from the server. Returns null for anything that is not a well-formed
 * response or event (it is ignored rather than trusted).
 */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
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
        envelope: { ok: false, error: toErrorInfo(msg.error) },
      };
    }
  }
  return null;
}

/** The WebSocket URL of the engine API for a page served from `location`. */
export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}

import type { Transport } from '../../shared/api/client';
import { dispatch } from '../../shared/api/dispatch';
import type { Engine } from './engine';

/**
 * The contract in-process (the CLI): every request goes through the same validation and the
 * same handlers as the app's IPC and WebSocket, and values come back as they would over the
 * wire (JSON), so a client cannot do or see anything the app's renderer cannot.
 */
export function createLocalTransport(engine: Pick<Engine, 'handlers' | 'onEvent'>): Transport {
  return {
    async request(channel, input) {
      const res = await dispatch(engine.handlers, channel, input);
      if (!res.ok || res.value === undefined) return res;
      return { ok: true, value: JSON.parse(JSON.stringify(res.value)) as unknown };
    },
    subscribe: (listener) =>
      engine.onEvent((event, payload) =>
        listener(event, JSON.parse(JSON.stringify(payload)) as unknown),
      ),
  };
}

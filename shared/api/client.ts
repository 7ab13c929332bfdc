import type { Envelope } from './envelope';
import { AppError } from './errors';
import {
  requests,
  type EventChannel,
  type EventPayload,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from './contract';

/** How requests and events travel: Electron IPC through the preload, or the headless WebSocket. */
export interface Transport {
  request(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

type Domain = RequestChannel extends `${infer D}:${string}` ? D : never;
type DomainApi<D extends string> = {
  [C in RequestChannel as C extends `${D}:${infer V}` ? V : never]: (
    input: RequestInput<C>,
  ) => Promise<RequestOutput<C>>;
};

/** The one typed API object the renderer (and tests) use, whatever the transport. */
export type Api = { [D in Domain]: DomainApi<D> } & {
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Builds the {@link Api} from the contract over a transport. Errors are rethrown as AppError. */
export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of Object.keys(requests)) {
    const [domain, verb] = channel.split(':') as [string, string];
    const target = (api[domain] ??= {});
    target[verb] = async (input: unknown) => {
      const res = await transport.request(channel, input ?? {});
      if (!res.ok) throw AppError.fromInfo(res.error);
      return res.value;
    };
  }
  const on = (event: string, listener: (payload: unknown) => void) =>
    transport.subscribe((e, payload) => {
      if (e === event) listener(payload);
    });
  return Object.assign(api, { on }) as unknown as Api;
}

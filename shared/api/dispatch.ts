import type { Envelope } from './envelope';
import { AppError, toErrorInfo } from './errors';
import { parseOrThrow } from '../base/validation';
import {
  isRequestChannel,
  requests,
  type RequestChannel,
  type RequestOutput,
  type RequestParsedInput,
} from './contract';

export { parseOrThrow, validationError } from '../base/validation';

/** The engine's implementation of every request of the contract. */
export type Handlers = {
  [C in RequestChannel]: (
    input: RequestParsedInput<C>,
  ) => Promise<RequestOutput<C>> | RequestOutput<C>;
};

/**
 * Validates a request against the contract and runs its handler. Never throws: every failure
 * comes back as an error envelope with a stable code.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
): Promise<Envelope<unknown>> {
  try {
    if (!isRequestChannel(channel)) {
      throw new AppError('VALIDATION', `channel: unknown request ${JSON.stringify(channel)}`);
    }
    const parsed = parseOrThrow(requests[channel].input, input ?? {});
    const handler = handlers[channel] as (i: unknown) => unknown;
    const value = await handler(parsed);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) };
  }
}

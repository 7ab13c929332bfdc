import type { z } from 'zod';
import type { Envelope } from './envelope';
import { AppError, toErrorInfo } from './errors';
import { isRequestChannel, requests, type RequestChannel, type RequestOutput, type RequestParsedInput } from './contract';

/** The engine's implementation of every request of the contract. */
export type Handlers = {
  [C in RequestChannel]: (input: RequestParsedInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C>;
};

/** Turns zod issues into one VALIDATION error whose message names each field. */
export function validationError(error: z.ZodError, root?: string): AppError {
  const issues = error.issues.map((i) => ({
    field: [root, ...i.path.map(String)].filter(Boolean).join('.') || '(input)',
    message: i.message,
  }));
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new AppError('VALIDATION', message, { issues });
}

/** Parses a value with a schema, throwing a VALIDATION {@link AppError} naming the fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error, root);
  return r.data;
}

/**
 * Validates a request against the contract and runs its handler. Never throws: every failure
 * comes back as an error envelope with a stable code.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
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

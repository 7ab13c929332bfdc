import type { z } from 'zod';
import { AppError } from './errors';

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
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root?: string,
): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error, root);
  return r.data;
}

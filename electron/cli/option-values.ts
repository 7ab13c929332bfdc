import { usageError } from './cli-errors';
import type { CommandInput } from './command';

/** A string option's value, or undefined when it was not given. */
export function stringOption(opts: CommandInput['opts'], name: string): string | undefined {
  const v = opts[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole-number option, or undefined when not given; VALIDATION naming it when not a number. */
export function intOption(
  opts: CommandInput['opts'],
  name: string,
  command: string,
): number | undefined {
  const v = stringOption(opts, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim()))
    throw usageError(`--${name}`, `must be a whole number, not ${JSON.stringify(v)}`, command);
  return Number(v);
}

/** A required string option. */
export function requiredOption(
  opts: CommandInput['opts'],
  name: string,
  command: string,
  what: string,
): string {
  const v = stringOption(opts, name);
  if (v === undefined || v.trim() === '') throw usageError(`--${name}`, `give ${what}`, command);
  return v;
}

/** "a,b, c" -> ["a", "b", "c"]. */
export function listOption(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

import { expect } from 'vitest';
import { isAppError } from '../base/errors';
import { parseCluster } from '../model/cluster';

/** Marks every hostile value, so that each occurrence of one can be found in generated text. */
export const HOSTILE_MARK = 'PWNED';

/** Shell syntax, plus the config syntax of the files ClusterDeck writes (braces, comments). */
export const HOSTILE_VALUES: readonly string[] = [
  `; rm -rf / ${HOSTILE_MARK}`,
  `$(touch /tmp/${HOSTILE_MARK})`,
  `\`touch /tmp/${HOSTILE_MARK}\``,
  `a\n${HOSTILE_MARK}`,
  `it's ${HOSTILE_MARK}`,
  `"${HOSTILE_MARK}"`,
  `x' ${HOSTILE_MARK} '`,
  `x } ${HOSTILE_MARK} {`,
  `#${HOSTILE_MARK}`,
  `!${HOSTILE_MARK}`,
  `$${HOSTILE_MARK}`,
];

/** A model field and how to put a value into an otherwise valid model. */
export type HostileCase = readonly [field: string, make: (value: string) => unknown];

/** Every hostile value in every field is refused by parseCluster with VALIDATION naming the field. */
export function expectHostileRejected(
  cases: readonly HostileCase[],
  values: readonly string[] = HOSTILE_VALUES,
): void {
  for (const [field, make] of cases) {
    for (const v of values) {
      let error: unknown;
      try {
        parseCluster(make(v));
      } catch (e) {
        error = e;
      }
      expect(isAppError(error) && error.code, `${field} <- ${JSON.stringify(v)}`).toBe(
        'VALIDATION',
      );
      expect((error as Error).message, field).toContain(`${field}:`);
    }
  }
}

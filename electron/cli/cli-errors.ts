import {
  AppError,
  ERROR_HINTS,
  detailsOf,
  isAppError,
  type ErrorCode,
  type ErrorDetails,
} from '../../shared/api/errors';

/**
 * Errors of the command line. Every failure the CLI reports has an {@link AppError} code; where
 * the admin's next step is a command to type, the error carries that as its hint instead of the
 * code's general one.
 */
export class CliError<C extends ErrorCode = ErrorCode> extends AppError<C> {
  constructor(
    code: C,
    message: string,
    private readonly cliHint: string,
    details?: ErrorDetails<C>,
  ) {
    super(code, message, details);
  }

  override get hint(): string {
    return this.cliHint;
  }
}

/** A bad argument or option: VALIDATION naming it, with the command's help as the hint. */
export function usageError(
  field: string,
  message: string,
  command?: string,
): CliError<'VALIDATION'> {
  const hint = `See: clusterdeck ${command ? `${command} ` : ''}--help`;
  return new CliError('VALIDATION', `${field}: ${message}`, hint, { issues: [{ field, message }] });
}

/** A name that matches nothing: NOT_FOUND naming the field, with the command that lists names. */
export function notFound(
  field: string,
  what: string,
  name: string,
  listCommand: string,
): CliError<'NOT_FOUND'> {
  return new CliError(
    'NOT_FOUND',
    `${field}: no ${what} named ${JSON.stringify(name)}`,
    `See the names with: clusterdeck ${listCommand}`,
    {},
  );
}

/** What the CLI prints for an error: code, message, hint and the code's typed details. */
export interface ErrorReport {
  code: ErrorCode;
  message: string;
  hint: string;
  details?: Record<string, unknown>;
}

/** The report of any thrown value; what is not an AppError is INTERNAL. */
export function errorReport(e: unknown): ErrorReport {
  if (isAppError(e)) {
    return e.details === undefined
      ? { code: e.code, message: e.message, hint: e.hint }
      : { code: e.code, message: e.message, hint: e.hint, details: e.details };
  }
  return {
    code: 'INTERNAL',
    message: e instanceof Error ? e.message : String(e),
    hint: ERROR_HINTS.INTERNAL,
  };
}

/**
 * An error for people: the code and message, each field of a VALIDATION error on its own line
 * when there are several, then the hint.
 */
export function renderError(r: ErrorReport): string {
  const issues = detailsOf(r, 'VALIDATION')?.issues;
  const lines =
    issues !== undefined && issues.length > 1
      ? [
          `clusterdeck: ${r.code}: ${issues.length} problems`,
          ...issues.map((i) => `  ${i.field}: ${i.message}`),
        ]
      : [`clusterdeck: ${r.code}: ${r.message}`];
  return `${[...lines, `  hint: ${r.hint}`].join('\n')}\n`;
}

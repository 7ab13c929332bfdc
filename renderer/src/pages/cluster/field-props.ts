import type { TextFieldProps } from '@mui/material/TextField';

/**
 * Props of a TextField bound to a model path: its test id, and, when `errors` has a message
 * for the path, the error state with the message as helper text (`field-error`, `data-field`).
 * `hint` is the helper text otherwise.
 */
export function modelFieldProps(
  path: string,
  testId: string,
  errors: Readonly<Record<string, string>>,
  options: { hint?: string; native?: boolean; htmlInput?: Record<string, unknown> } = {},
): Partial<TextFieldProps> {
  const message = errors[path];
  const helper =
    message === undefined
      ? { helperText: options.hint ?? ' ' }
      : {
          error: true,
          helperText: message,
          slotProps: {
            formHelperText: { 'data-testid': 'field-error', 'data-field': path } as object,
          },
        };
  return {
    ...helper,
    slotProps: {
      ...(helper.slotProps ?? {}),
      htmlInput: { 'data-testid': testId, ...options.htmlInput },
      // A native select always shows an option, so its label stays above it, never over it.
      ...(options.native === true
        ? { select: { native: true }, inputLabel: { shrink: true } }
        : {}),
    },
    ...(options.native === true ? { select: true } : {}),
  };
}

import { requests, type RequestInput } from '../../../shared/api/contract';
import { detailsOf, type ErrorInfo } from '../../../shared/api/errors';

/** The add-host form as typed (every field a string). */
export interface AddHostForm {
  name: string;
  address: string;
  port: string;
  user: string;
  method: 'agent' | 'key' | 'password';
  keyPath: string;
}

/** A form field that can carry an error message. */
export type AddHostField = keyof AddHostForm;

/** Messages per field, plus those that name no field of the form. */
export interface FieldErrors {
  fields: Partial<Record<AddHostField, string>>;
  other: string[];
}

/** The form as the dialog opens. */
export const EMPTY_ADD_HOST_FORM: AddHostForm = {
  name: '',
  address: '',
  port: '22',
  user: 'root',
  method: 'agent',
  keyPath: '',
};

/** The `hosts:add` input the form describes (not yet validated). */
export function toHostInput(form: AddHostForm): RequestInput<'hosts:add'> {
  const name = form.name.trim();
  const auth =
    form.method === 'key'
      ? ({ method: 'key', keyPath: form.keyPath } as const)
      : ({ method: form.method } as const);
  return {
    ...(name === '' ? {} : { name }),
    address: form.address,
    // Empty means "default" (22); anything else goes to the schema, which coerces and checks it.
    ...(form.port.trim() === '' ? {} : { port: form.port.trim() }),
    ...(form.user.trim() === '' ? {} : { user: form.user }),
    auth,
  };
}

/** Maps a field path of the contract (`auth.keyPath`) to the form field showing it. */
export function formFieldOf(path: string): AddHostField | null {
  const p = path.replace(/^input\./, '');
  switch (p) {
    case 'name':
    case 'address':
    case 'port':
    case 'user':
      return p;
    case 'auth':
    case 'auth.method':
      return 'method';
    case 'auth.keyPath':
      return 'keyPath';
    default:
      return null;
  }
}

function collect(issues: { field: string; message: string }[]): FieldErrors {
  const out: FieldErrors = { fields: {}, other: [] };
  for (const { field, message } of issues) {
    const f = formFieldOf(field);
    if (f === null) out.other.push(`${field}: ${message}`);
    // The first message per field is the most useful one; zod reports in check order.
    else out.fields[f] ??= message;
  }
  return out;
}

/** Validates the form with the contract's own schema; null when it is valid. */
export function validateAddHost(form: AddHostForm): FieldErrors | null {
  const r = requests['hosts:add'].input.safeParse(toHostInput(form));
  if (r.success) return null;
  const out = collect(
    r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
  );
  // The schema coerces the port, so "abc" reports as NaN; say it in the form's terms.
  if (out.fields.port !== undefined && !/^\s*\d+\s*$/.test(form.port))
    out.fields.port = 'port must be a whole number';
  return out;
}

/**
 * Field messages from a server error: VALIDATION's `details.issues: [{field, message}]`, and
 * NAME_TAKEN on the field it names (a host with that name, or that user@address:port, exists).
 */
export function serverFieldErrors(error: ErrorInfo): FieldErrors | null {
  const taken = detailsOf(error, 'NAME_TAKEN');
  if (taken !== null) {
    // The engine's message starts with the field ("name: a host named ... already exists").
    const message = error.message.replace(/^\w+: /, '');
    return { fields: { [taken.field]: message }, other: [] };
  }
  const issues = detailsOf(error, 'VALIDATION')?.issues ?? [];
  return issues.length === 0 ? null : collect(issues);
}

/** The helper text of the key file field: how a path that is not absolute is read. */
export const KEY_PATH_HINT =
  'An absolute path, ~/… or a path relative to your home directory; saved absolute.';

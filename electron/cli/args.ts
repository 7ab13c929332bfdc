import { parseArgs } from 'node:util';
import { usageError } from './cli-errors';
import {
  GLOBAL_OPTIONS,
  groupOf,
  type Command,
  type CommandInput,
  type OptionSpec,
} from './command';
import { commandHelp, groupHelp, topHelp } from './help';

/** What the command line asks for: a help text, or a command to run. */
export type ParsedLine =
  | { kind: 'help'; text: string }
  | {
      kind: 'run';
      command: Command;
      input: CommandInput;
      dataDir: string | undefined;
      json: boolean;
    };

type ParseArgsOptions = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
>;

function parseArgsOptions(specs: Record<string, OptionSpec>): ParseArgsOptions {
  return Object.fromEntries(
    Object.entries(specs).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short === undefined ? {} : { short: o.short }),
        ...(o.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}

/** Splits parsed values into single options and the lists of repeatable ones. */
function splitValues(values: Record<string, string | boolean | (string | boolean)[] | undefined>) {
  const opts: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) lists[k] = v.map(String);
    else opts[k] = v;
  }
  return { opts, lists };
}

/**
 * Every option of every command. The first pass reads the line with all of them, so that an
 * option's value is never taken for a command word; a test keeps their types consistent.
 */
export function allOptions(commands: readonly Command[]): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const c of commands) Object.assign(out, c.options);
  return out;
}

/** Whether the line asks for JSON (known before parsing can fail, so errors come out as JSON). */
export function wantsJson(argv: readonly string[]): boolean {
  const dash = argv.indexOf('--');
  return (dash < 0 ? argv : argv.slice(0, dash)).includes('--json');
}

function strictParse(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: parseArgsOptions({ ...GLOBAL_OPTIONS, ...command.options }),
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? 'option';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw usageError(option, `not an option of "clusterdeck ${command.name}"`, command.name);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw usageError(
        option,
        /does not take/.test(err.message)
          ? 'takes no value'
          : `needs a value (one that starts with "-" goes as ${option}=VALUE)`,
        command.name,
      );
    throw usageError('arguments', err.message, command.name);
  }
}

/**
 * Reads a command line: global options anywhere, the command's words first among the
 * positionals, then its arguments and options; what follows `--` is passed through untouched.
 * A group alone runs its `list` command (or prints its help), `help WORDS` is `WORDS --help`.
 * Throws VALIDATION errors that name the bad word or option.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly Command[],
): ParsedLine {
  const dash = argv.indexOf('--');
  const head = dash < 0 ? [...argv] : argv.slice(0, dash);
  const rest = dash < 0 ? [] : argv.slice(dash + 1);
  const first = parseArgs({
    args: head,
    options: parseArgsOptions(allOptions(commands)),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const words = first.tokens.flatMap((t) => (t.kind === 'positional' ? [t] : []));
  let help = first.values['help'] === true;
  if (words[0]?.value === 'help') {
    help = true;
    words.shift();
  }
  const [w0, w1] = words.map((w) => w.value);
  if (w0 === undefined) return { kind: 'help', text: topHelp(commands) };
  const group = commands.filter((c) => groupOf(c.name) === w0);
  let used = 2;
  let command = commands.find((c) => c.name === `${w0} ${w1}`);
  if (command === undefined) {
    used = 1;
    command = commands.find((c) => c.name === w0);
  }
  if (command === undefined && group.length > 0 && (w1 === undefined || w1.startsWith('-'))) {
    command = help ? undefined : commands.find((c) => c.name === `${w0} list`);
    if (command === undefined) return { kind: 'help', text: groupHelp(w0, group) };
  }
  if (command === undefined) {
    if (group.length > 0)
      throw usageError(
        'command',
        `"${w0} ${w1 ?? ''}" is not a command; ${w0} has: ${group.map((c) => c.name.split(' ')[1]).join(', ')}`,
        w0,
      );
    throw usageError('command', `unknown command "${w0}"`);
  }
  if (help) return { kind: 'help', text: commandHelp(command) };

  const skip = new Set(words.slice(0, used).map((w) => w.index));
  const { values, positionals } = strictParse(
    command,
    head.filter((_a, i) => !skip.has(i)),
  );
  const [min, max] = command.argCount ?? [0, 0];
  if (positionals.length < min)
    throw usageError('arguments', `expected ${command.args ?? 'more arguments'}`, command.name);
  if (positionals.length > max)
    throw usageError('arguments', `unexpected "${positionals[max] ?? ''}"`, command.name);
  if (rest.length > 0 && !(command.args ?? '').includes('--'))
    throw usageError('--', 'this command takes nothing after --', command.name);
  const dataDir = values['data-dir'];
  return {
    kind: 'run',
    command,
    input: { args: positionals, ...splitValues(values), rest },
    dataDir: typeof dataDir === 'string' ? dataDir : undefined,
    json: values['json'] === true,
  };
}

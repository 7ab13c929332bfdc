import { defaultDataDir } from '../core/paths';
import type { CliContext } from './cli-context';

/** One option of a command, as `--help` lists it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder of the value in help (`--file FILE`). */
  value?: string;
  help: string;
  /** A string option that may be given several times (`--alias a --alias b`): see `lists`. */
  multiple?: boolean;
}

/** What a command got from the command line. */
export interface CommandInput {
  /** Positional arguments after the command's words. */
  args: string[];
  opts: Record<string, string | boolean | undefined>;
  /** The values of each repeatable option given, in order (absent when it was not given). */
  lists?: Record<string, string[]>;
  /** What followed `--` (exec's remote command). */
  rest: string[];
}

/**
 * What a command returns: `data` is printed as one JSON value with --json, `text` for people
 * otherwise (nothing when absent). Exit 0 unless `exitCode` says otherwise.
 */
export interface Outcome {
  data?: unknown;
  text?: string;
  exitCode?: number;
}

/** A command of the CLI: its words, help and handler. */
export interface Command {
  /** The words that select it: "cluster show", "plan". */
  name: string;
  /** The positional arguments in the usage line: "CLUSTER", "[CLUSTER]", "-- COMMAND". */
  args?: string;
  /** Bounds on the number of positional arguments (default none). */
  argCount?: [min: number, max: number];
  /** One line for the command list. */
  summary: string;
  /** More for `--help`: paragraphs, examples, exit codes, the JSON output. */
  details?: string;
  options?: Record<string, OptionSpec>;
  /** False for commands that need no data dir (`cluster schema`). */
  needsEngine?: boolean;
  run(ctx: CliContext, input: CommandInput): Promise<Outcome>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    help: `the data dir shared with the app (default: ${defaultDataDir()})`,
  },
  json: { type: 'boolean', help: 'JSON on stdout (errors too), for scripts' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
};

/** The option shared by the commands that work on one cluster. */
export const CLUSTER_OPTION: Record<string, OptionSpec> = {
  cluster: {
    type: 'string',
    value: 'NAME',
    help: 'the cluster (needed only when there are several)',
  },
};

/** The group of a command name ("cluster show" -> "cluster"; "plan" -> "plan"). */
export function groupOf(name: string): string {
  return name.split(' ')[0] ?? name;
}

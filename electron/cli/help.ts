import { GLOBAL_OPTIONS, groupOf, type Command, type OptionSpec } from './command';
import { columns } from './table';

/** `clusterdeck NAME ARGS [options]`. */
export function usageLine(c: Command): string {
  const opts = Object.keys(c.options ?? {}).length > 0 ? ' [options]' : '';
  return `clusterdeck ${c.name}${c.args ? ` ${c.args}` : ''}${opts}`;
}

function optionRows(specs: Record<string, OptionSpec>): string[][] {
  return Object.entries(specs).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`,
    o.help,
  ]);
}

const indent = (lines: string[]): string[] => lines.map((l) => `  ${l}`);

/** The help of one command: usage, summary, its options, the global ones, then the details. */
export function commandHelp(c: Command): string {
  const out = [`Usage: ${usageLine(c)}`, '', c.summary];
  if (c.options && Object.keys(c.options).length > 0)
    out.push('', 'Options:', ...indent(columns(optionRows(c.options))));
  out.push('', 'Global options:', ...indent(columns(optionRows(GLOBAL_OPTIONS))));
  if (c.details) out.push('', c.details.replace(/\n$/, ''));
  return `${out.join('\n')}\n`;
}

function commandRows(commands: readonly Command[]): string[] {
  return indent(
    columns(commands.map((c) => [`${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary])),
  );
}

/** The commands of one group ("clusterdeck account"). */
export function groupHelp(group: string, commands: readonly Command[]): string {
  return `${[`Usage: clusterdeck ${group} COMMAND [options]`, '', ...commandRows(commands), '', `Each command's own help: clusterdeck ${group} COMMAND --help`].join('\n')}\n`;
}

/** Every command, grouped in the order they are registered. */
export function topHelp(commands: readonly Command[]): string {
  const out = ['Usage: clusterdeck [--data-dir DIR] [--json] COMMAND [options]', ''];
  const rows = commandRows(commands);
  // A blank line between groups; one column width for all.
  commands.forEach((c, i) => {
    const prev = commands[i - 1]?.name ?? '';
    // Single-word commands (plan, apply, status...) stay together.
    if (i > 0 && groupOf(c.name) !== groupOf(prev) && (c.name.includes(' ') || prev.includes(' ')))
      out.push('');
    out.push(rows[i] ?? '');
  });
  out.push(
    '',
    'HOST, NODE and CLUSTER are names (ids work too). With one cluster, --cluster may be left out.',
    'Human-readable output by default; --json prints JSON on stdout, errors included.',
    'Help on one command: clusterdeck COMMAND --help (e.g. clusterdeck service add --help).',
  );
  return `${out.join('\n')}\n`;
}

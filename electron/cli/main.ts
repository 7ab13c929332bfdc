import { resolve } from 'node:path';
import { createApi, type Transport } from '../../shared/api/client';
import { createEngine, type Engine } from '../core/engine';
import { createLocalTransport } from '../core/local-transport';
import { defaultDataDir } from '../core/paths';
import { parseCommandLine, wantsJson } from './args';
import { CliContext } from './cli-context';
import { errorReport, renderError } from './cli-errors';
import { COMMANDS } from './commands';
import { writeText } from './terminal-text';

/** The transport of commands that need no data dir (`cluster schema`): they never ask. */
const NO_ENGINE: Transport = {
  request: () => Promise.reject(new Error('this command has no engine')),
  subscribe: () => () => undefined,
};

/**
 * The `clusterdeck` command line: a client of the engine's contract like the app's renderer.
 * It only creates and closes the engine and builds the in-process transport; every command
 * goes through the `api`, validated and guarded where the app's requests are.
 */
async function main(argv: readonly string[]): Promise<number> {
  const json = wantsJson(argv);
  let engine: Engine | null = null;
  try {
    const line = parseCommandLine(argv, COMMANDS);
    if (line.kind === 'help') {
      process.stdout.write(line.text);
      return 0;
    }
    const needsEngine = line.command.needsEngine !== false;
    if (needsEngine)
      engine = createEngine({ dataDir: resolve(line.dataDir ?? defaultDataDir()), mode: 'cli' });
    const api = createApi(engine ? createLocalTransport(engine) : NO_ENGINE);
    const outcome = await line.command.run(
      new CliContext(api, json, line.command.name),
      line.input,
    );
    // Remote text reaches a terminal only stripped of its controls; --json stays exact.
    if (json && outcome.data !== undefined)
      process.stdout.write(`${JSON.stringify(outcome.data)}\n`);
    if (!json && outcome.text !== undefined) writeText(process.stdout, outcome.text);
    return outcome.exitCode ?? 0;
  } catch (e) {
    const report = errorReport(e);
    if (json) process.stdout.write(`${JSON.stringify({ error: report })}\n`);
    else writeText(process.stderr, renderError(report));
    return 1;
  } finally {
    await engine?.close();
  }
}

// stdout to a pipe is written asynchronously: exit only once everything written has been handed
// over, or a long --json answer is cut at 64 KiB.
void main(process.argv.slice(2)).then((code) => {
  process.stdout.write('', () => process.exit(code));
});

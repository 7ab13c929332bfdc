import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../core/engine';
import { defaultDataDir } from '../core/paths';
import { startHeadlessServer } from './server';

const USAGE = `Usage: clusterdeck-serve [--port N] [--data-dir DIR]
  Serves ClusterDeck to a browser on 127.0.0.1 and prints the URL (with its access token).`;

/** Browser mode: the engine in Node, the UI and the API on 127.0.0.1. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: expected a port number 0-65535, got ${JSON.stringify(values.port)}`);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const engine = createEngine({ dataDir, mode: 'browser' });
  const server = await startHeadlessServer({
    engine,
    rendererDir: resolve(__dirname, '..', 'renderer'),
    port,
    onError: (message) => console.error(`clusterdeck: ${message}`),
  });
  console.log(`ClusterDeck (browser mode) data: ${dataDir}`);
  // The one place the token is shown: the URL for the user to open (its fragment never
  // reaches a server). Nothing else prints or logs it.
  console.log(`Open: ${server.url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void server
      .close()
      .then(() => engine.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(`clusterdeck: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

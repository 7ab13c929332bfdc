#!/usr/bin/env node
// The `clusterdeck` command: builds on first use (like `npm start`), then runs the CLI.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, root } from '../scripts/bootstrap.mjs';

ensureBuilt();
createRequire(import.meta.url)(join(root, 'out/cli/index.cjs'));

import { accountCommands } from './account-commands';
import { applyCommands } from './apply-commands';
import { clusterCommands } from './cluster-commands';
import type { Command } from './command';
import { hostsCommands } from './hosts-commands';
import { lbCommands } from './lb-commands';
import { miscCommands } from './misc-commands';
import { nodeCommands } from './node-commands';
import { queueCommands } from './queue-commands';
import { serviceCommands } from './service-commands';
import { snapshotCommands } from './snapshot-commands';
import { snapshotReadCommands } from './snapshot-read-commands';
import { vipCommands } from './vip-commands';

/** Every command of the CLI, in the order `clusterdeck --help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...hostsCommands,
  ...clusterCommands,
  ...nodeCommands,
  ...accountCommands,
  ...vipCommands,
  ...serviceCommands,
  ...applyCommands,
  ...lbCommands,
  ...queueCommands,
  ...snapshotCommands,
  ...snapshotReadCommands,
  ...miscCommands,
];

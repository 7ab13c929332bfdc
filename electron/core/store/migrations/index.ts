import initial from './001-initial';
import clusterQueue from './002-cluster-queue';

/** A numbered schema migration. Applied migrations must never be edited: their hash is checked. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** All migrations, in order. Add new ones at the end with the next number. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: initial },
  { version: 2, name: '002-cluster-queue', sql: clusterQueue },
];

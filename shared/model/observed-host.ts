import type { HostFacts } from './facts';

/**
 * What the planner knows of a host now: its probed facts and the text of the files it reads
 * (null: the file does not exist). A path missing from `files` was not read.
 */
export interface ObservedHost {
  facts: HostFacts;
  files: Record<string, string | null>;
}

/**
 * Pauses and resumes lab VMs (QMP `stop` / `cont`): a paused host keeps its memory and disks but
 * answers nothing, so a test can show that the app reaches no host without paying for a cold
 * boot. `Lab.reset` resumes a paused VM before it loads the golden snapshot.
 */
import type { Lab } from './lab.js';
import { qmp } from './qmp.js';
import { vmFiles } from './vm.js';

async function each(lab: Lab, names: readonly string[], command: 'stop' | 'cont'): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      lab.host(name);
      const reply = await qmp(vmFiles(lab.paths, name).qmp, command);
      if (reply.error) throw new Error(`QMP ${command} on ${name}: ${reply.error.desc}`);
    }),
  );
}

/** Freezes the named VMs: their SSH ports accept nothing until {@link resumeHosts}. */
export function pauseHosts(lab: Lab, names: readonly string[]): Promise<void> {
  return each(lab, names, 'stop');
}

/** Lets paused VMs run again. */
export function resumeHosts(lab: Lab, names: readonly string[]): Promise<void> {
  return each(lab, names, 'cont');
}

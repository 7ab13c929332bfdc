import type { Cluster } from '../model/cluster';
import { sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import { allOf, fileMatches, plannedFile, step } from '../plan/step';
import type { PlanStep } from '../plan/types';
import { KEEPALIVED_DUMP_DIR } from './keepalived-data';
import { LB_PATHS } from '../base/remote-paths';

/** Step id of the drop-in, before the keepalived.conf step. */
export const KEEPALIVED_DROPIN_STEP = 'lb.manager.keepalived-unit';

const DIR_NAME = KEEPALIVED_DUMP_DIR.replace(/^\/run\//, '');

/**
 * The systemd drop-in for keepalived.service. keepalived 2.x takes the folder of its data
 * dumps from TMPDIR (lib/utils.c set_tmp_dir, else /tmp); systemd creates that folder at every
 * start, root-owned and 0700, and removes it at stop. The status read (keepalived-data.ts) then
 * reads a file nobody but root can have put there, and keepalived's other temporary files (an
 * SMTP alert log, netlink dumps) stay out of /tmp as well.
 */
export function renderKeepalivedDropIn(c: Cluster): string {
  return [
    `# Managed by ClusterDeck (cluster ${c.name}): keepalived's dumps go to a folder only root can enter, not /tmp. Changes are overwritten.`,
    '[Service]',
    `RuntimeDirectory=${DIR_NAME}`,
    'RuntimeDirectoryMode=0700',
    `Environment=TMPDIR=${KEEPALIVED_DUMP_DIR}`,
    '',
  ].join('\n');
}

const RELOADED = 'test "$(systemctl show -p NeedDaemonReload --value keepalived)" = no';
/** The running keepalived (if any) was started with the drop-in: systemd made its folder. */
const STARTED_WITH_IT = `{ ! systemctl is-active -q keepalived || test -d ${KEEPALIVED_DUMP_DIR}; }`;

/**
 * Writes the drop-in; a keepalived that runs without it is restarted once (a reload keeps the
 * old environment), which rebuilds its IPVS table: on a cluster set up before this step,
 * connections being set up at that moment may be refused once.
 */
export function keepalivedDropInStep(ctx: PlanContext): PlanStep {
  const m = ctx.desired.manager.hostId;
  const file = plannedFile(
    LB_PATHS.keepalivedDropIn,
    renderKeepalivedDropIn(ctx.desired),
    ctx.file(m, LB_PATHS.keepalivedDropIn),
  );
  return step({
    id: KEEPALIVED_DROPIN_STEP,
    title: `keepalived writes its check dump to ${KEEPALIVED_DUMP_DIR} (root only), not /tmp`,
    description:
      'A systemd drop-in sets TMPDIR for keepalived to a folder systemd creates for it (root, 0700): the live status reads the checker dump from there, never from the world-writable /tmp. A keepalived already running without it is restarted once.',
    files: [file],
    commands: [
      `${RELOADED} || systemctl daemon-reload`,
      `${STARTED_WITH_IT} || systemctl restart keepalived`,
    ],
    check: allOf(fileMatches(file), RELOADED, STARTED_WITH_IT),
    verify: allOf(fileMatches(file), RELOADED, STARTED_WITH_IT),
  });
}

/** Commands that remove the drop-in (the last service is gone), and the test that it is gone. */
export const KEEPALIVED_DROPIN_REMOVE = {
  commands: [sh`rm -f ${LB_PATHS.keepalivedDropIn}`, 'systemctl daemon-reload'],
  gone: sh`! test -e ${LB_PATHS.keepalivedDropIn}`,
};

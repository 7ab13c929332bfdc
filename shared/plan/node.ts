import { quote, sh } from '../shell/quote';
import type { PlanContext } from './context';
import { clientMountStep, homeLinkStep, nfsTrialStep } from './home';
import { STORAGE_STEP } from './storage';
import { allOf, failUnless, packagesStep, step } from './step';
import type { PlanStep } from './types';

/** Free space a node needs on / (packages, logs, caches), in KiB. */
const MIN_FREE_KIB = 2 * 1024 * 1024;

/** The storage steps a client mount waits for: exported to it and served. */
export function storageReady(ctx: PlanContext): PlanStep['waitFor'] {
  const hostId = ctx.storage.hostId;
  return [
    { hostId, stepId: STORAGE_STEP.homeRoot },
    { hostId, stepId: STORAGE_STEP.exports },
    { hostId, stepId: STORAGE_STEP.services },
  ];
}

/**
 * Tests that change nothing and must pass before a node is touched: the manager's OS
 * release and architecture, a kernel that can mount NFS (a container without kernel NFS
 * cannot), free disk space. The values come from the manager's probed facts and are quoted.
 */
export function pretestStep(ctx: PlanContext): PlanStep {
  const mf = ctx.facts(ctx.desired.manager.hostId);
  const os = `${mf.os.id}:${mf.os.versionId}`;
  const tests: [string, string][] = [
    [
      `. /etc/os-release && test "$ID:$VERSION_ID" = ${quote(os)}`,
      `this host does not run the manager's release (${mf.os.id} ${mf.os.versionId}): nodes must run the same OS version`,
    ],
    [sh`test "$(uname -m)" = ${mf.arch}`, `this host is not ${mf.arch} like the manager`],
    [
      'grep -qw nfs4 /proc/filesystems || grep -qw nfs /proc/filesystems || modprobe -nq nfs',
      'no kernel NFS client: containers such as OpenVZ cannot mount NFS; use a full virtual machine',
    ],
    [
      `test "$(df -Pk / | awk 'NR == 2 { print $4 }')" -ge ${MIN_FREE_KIB}`,
      'less than 2 GiB free on /',
    ],
  ];
  return step({
    id: 'node.pretest',
    title:
      'Pre-cluster tests: same OS release and architecture as the manager, kernel NFS, free disk',
    description:
      'Read-only tests; nothing on the host changes until they pass. Clock skew is checked from the probed facts when the model is validated.',
    commands: tests.map(([cond, msg]) => failUnless(cond, msg)),
    check: allOf(...tests.map(([cond]) => (cond.includes('&&') ? `{ ${cond}; }` : cond))),
    verify: null,
  });
}

/** The join steps of one node, before its accounts. */
export function nodeJoinSteps(ctx: PlanContext, hostId: string): PlanStep[] {
  const ready = storageReady(ctx);
  return [
    pretestStep(ctx),
    packagesStep('node.packages', ['nfs-common'], 'The NFS client.'),
    nfsTrialStep(ctx, 'node.pretest-nfs', ready),
    clientMountStep(ctx, hostId, 'node.mount', ready),
    homeLinkStep('node.home', false),
  ];
}

/** The steps of the manager when an external server holds the storage. */
export function managerClientSteps(ctx: PlanContext): PlanStep[] {
  const ready = storageReady(ctx);
  return [
    packagesStep(
      'manager.packages',
      ['nfs-common'],
      'The NFS client: the manager mounts the external storage like the nodes.',
    ),
    nfsTrialStep(ctx, 'manager.pretest-nfs', ready),
    clientMountStep(ctx, ctx.desired.manager.hostId, 'manager.mount', ready),
    homeLinkStep('manager.home', false),
  ];
}

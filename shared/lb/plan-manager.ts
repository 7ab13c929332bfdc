import type { Cluster } from '../model/cluster';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import { unifiedDiff } from '../plan/diff';
import {
  allOf,
  disableNow,
  enableUnit,
  failUnless,
  fileMatches,
  packagesStep,
  plannedFile,
  serviceUp,
  step,
} from '../plan/step';
import type { PlanStep } from '../plan/types';
import { fwmarkServices, isFtp, usesLb } from './cluster-lb';
import {
  FWMARK_NFT,
  FWMARK_TABLE,
  FWMARK_UNIT,
  renderFwmarkRules,
  renderFwmarkUnit,
} from './fwmark';
import { nftLoadStep, nftRemoveStep } from '../plan/nft-table';
import { ipvsMatchCommand, ipvsVerifyCommand } from './ipvs-compare';
import { KEEPALIVED_DROPIN_REMOVE, keepalivedDropInStep } from './keepalived-dropin';
import { renderKeepalivedConf } from './keepalived-conf';
import { LB_PATHS } from '../base/remote-paths';
import { kernelSteps, type KernelSettings } from './plan-kernel';
import { ipvsSyncStep } from './plan-ipvs-sync';
import { vipAddStep, vipRemoveStep } from './plan-vips';

/** Step ids of the manager's load balancer. */
export const LB_MANAGER_STEP = {
  packages: 'lb.manager.packages',
  fwmark: 'lb.manager.fwmark',
  fwmarkRemove: 'lb.manager.fwmark-remove',
  keepalived: 'lb.manager.keepalived',
  keepalivedRemove: 'lb.manager.keepalived-remove',
} as const;

const HEADER = '# Managed by ClusterDeck';
const {
  keepalivedConf: CONF,
  keepalivedNew: NEW,
  keepalivedBak: BAK,
  keepalivedOrig: ORIG,
} = LB_PATHS;

function managerKernel(c: Cluster | null): KernelSettings {
  const services = c?.services ?? [];
  const nat = services.filter((s) => s.method === 'nat');
  const out: KernelSettings = { sysctl: [], modules: [] };
  if (services.length > 0) {
    out.modules.push({
      name: 'ip_vs',
      why: 'IPVS itself, loaded at boot before the sysctl file is applied: its net.ipv4.vs keys exist only once it is loaded.',
    });
    out.sysctl.push({
      key: 'net.ipv4.vs.expire_nodest_conn',
      value: '1',
      why: 'A real server taken out of a service (failed check, removed, maintenance) has its connection entries expired at their next packet: a client that reuses a port of a refused connection is sent to a live server, not again to the one that is gone.',
    });
  }
  if (nat.length > 0)
    out.sysctl.push({
      key: 'net.ipv4.ip_forward',
      value: '1',
      why: 'LVS-NAT: replies of the real servers pass through the manager, which must forward them.',
    });
  if (nat.some(isFtp))
    out.modules.push({
      name: 'ip_vs_ftp',
      why: 'FTP over LVS-NAT: ip_vs_ftp reads PORT/PASV and sends the data connection to the node of the control connection.',
    });
  return out;
}

function fwmarkSteps(ctx: PlanContext): PlanStep[] {
  const c = ctx.desired;
  const m = c.manager.hostId;
  if (fwmarkServices(c).length === 0) {
    const existing = [LB_PATHS.fwmarkRules, LB_PATHS.fwmarkUnit].filter(
      (p) => ctx.file(m, p) !== null,
    );
    const remove = nftRemoveStep(FWMARK_NFT, existing, {
      id: LB_MANAGER_STEP.fwmarkRemove,
      title: 'Remove the packet-marking rules of the firewall-mark services',
      description: `Stops and disables ${FWMARK_UNIT}, drops the nftables table ${FWMARK_TABLE} (only ClusterDeck's table) and deletes its files.`,
    });
    return remove === null ? [] : [remove];
  }
  return [
    nftLoadStep(FWMARK_NFT, {
      id: LB_MANAGER_STEP.fwmark,
      title: `Mark the packets of ${fwmarkServices(c)
        .map((s) => s.id)
        .join(', ')} (nftables table ${FWMARK_TABLE})`,
      description:
        'IPVS balances a firewall-mark group as one service. The rules are checked with nft -c, then loaded in one transaction (no moment without marks), and loaded again at boot by a oneshot unit.',
      rules: plannedFile(
        LB_PATHS.fwmarkRules,
        renderFwmarkRules(c),
        ctx.file(m, LB_PATHS.fwmarkRules),
      ),
      unit: plannedFile(LB_PATHS.fwmarkUnit, renderFwmarkUnit(c), ctx.file(m, LB_PATHS.fwmarkUnit)),
      rejected: 'nft rejected the marking rules (see above); nothing was loaded',
    }),
  ];
}

/**
 * keepalived.conf from the model: written as a candidate, checked with `keepalived -t`, and
 * only then moved over the running file (which is kept as .clusterdeck-bak; the admin's own
 * file from before ClusterDeck also as .pre-clusterdeck, once). keepalived is enabled and
 * reloaded; the verify reads ipvsadm -Ln until it has every service of the model.
 */
function keepalivedStep(ctx: PlanContext, waitFor: PlanStep['waitFor']): PlanStep {
  const c = ctx.desired;
  const m = c.manager.hostId;
  const conf = renderKeepalivedConf(c, { hostName: (id) => ctx.hostName(id) });
  const candidate = plannedFile(NEW, conf, ctx.file(m, NEW), '0640');
  // A node-mode plan may be made while the manager does not answer: then it was not read.
  const running = CONF in ctx.files(m) ? ctx.file(m, CONF) : undefined;
  const installed = fileMatches({ ...candidate, path: CONF });
  const change = running === undefined ? '' : unifiedDiff(CONF, running, conf);
  return step({
    id: LB_MANAGER_STEP.keepalived,
    title: `keepalived: ${c.services.length} load-balanced service${c.services.length === 1 ? '' : 's'}, checked with keepalived -t, then reloaded`,
    description: [
      `The candidate ${NEW} replaces ${CONF} only if keepalived -t accepts it; the replaced file stays as ${BAK}.`,
      running === undefined
        ? `${CONF} could not be read when this was planned (the manager did not answer).`
        : running === null
          ? `${CONF} does not exist yet: the candidate becomes it.`
          : change === ''
            ? `${CONF} already has this content.`
            : `Change to the running file:\n${change}`,
    ].join('\n'),
    files: [candidate],
    commands: [
      failUnless(
        sh`keepalived -t -f ${NEW}`,
        `keepalived -t rejected the new configuration (messages above); ${CONF} was not changed`,
      ),
      `if [ -e ${CONF} ] && [ ! -e ${ORIG} ] && ! grep -q ${quote(`^${HEADER}`)} ${CONF}; then cp -p ${CONF} ${ORIG}; fi`,
      // The backup is the previous text: a file that did not change keeps the backup it has.
      `if [ -e ${CONF} ] && ! cmp -s ${NEW} ${CONF}; then cp -p ${CONF} ${BAK}; fi`,
      sh`mv -f ${NEW} ${CONF}`,
      enableUnit('keepalived'),
      // Always: whether keepalived runs the file's text cannot be seen from outside, and a
      // reload costs little (keepalived re-reads it and changes only what differs).
      'systemctl reload-or-restart keepalived',
      // A reload leaves alone what did not change in the file: a service deleted from IPVS by
      // hand stays deleted. Only then is keepalived restarted, which rebuilds its table.
      [
        'n=0; until',
        `${ipvsMatchCommand(c)};`,
        'do n=$((n+1)); if [ "$n" -ge 10 ]; then',
        "echo 'IPVS lacks services of the model 5 s after the reload: restarting keepalived' >&2;",
        'systemctl restart keepalived; break; fi; sleep 0.5; done',
      ].join(' '),
    ],
    check: allOf(installed, serviceUp('keepalived'), ipvsMatchCommand(c)),
    verify: allOf(installed, serviceUp('keepalived'), ipvsVerifyCommand(c)),
    waitFor,
  });
}

/**
 * The last service is gone: the admin's own keepalived.conf comes back (and keepalived runs
 * it), or, when there was none, keepalived.conf is removed and keepalived stopped and
 * disabled: what ClusterDeck enabled, it disables. The .clusterdeck-bak copy stays.
 */
function keepalivedRemoveStep(ctx: PlanContext): PlanStep | null {
  const m = ctx.desired.manager.hostId;
  const running = ctx.file(m, CONF);
  const ours = running !== null && running.startsWith(HEADER);
  if (!ours && !(ctx.applied && ctx.applied.services.length > 0)) return null;
  const notOurs = sh`! grep -qs ${`^${HEADER}`} ${CONF}`;
  return step({
    id: LB_MANAGER_STEP.keepalivedRemove,
    title: 'Stop load balancing: give keepalived back its previous configuration',
    description: `With ${ORIG} (the admin's own file) it is restored and keepalived restarted; otherwise ${CONF} is removed and keepalived stopped and disabled. ${BAK} stays. ClusterDeck's drop-in for keepalived goes too.`,
    commands: [
      ...KEEPALIVED_DROPIN_REMOVE.commands,
      `if [ -e ${ORIG} ]; then mv -f ${ORIG} ${CONF} && systemctl reload-or-restart keepalived; else rm -f ${CONF} && ${allOf(...disableNow('keepalived'))}; fi`,
      sh`rm -f ${NEW}`,
    ],
    check: allOf(notOurs, sh`! test -e ${NEW}`, KEEPALIVED_DROPIN_REMOVE.gone),
    verify: notOurs,
  });
}

/**
 * The manager's steps that carry node modes (drain, maintenance, return) into keepalived: the
 * keepalived step for `ctx.desired` and the IPVS sync after it. See plan-node-mode.ts.
 */
export function lbNodeModeSteps(ctx: PlanContext): PlanStep[] {
  const sync = ipvsSyncStep(ctx.desired);
  return [keepalivedStep(ctx, []), ...(sync === null ? [] : [sync])];
}

/**
 * The manager's load-balancer steps, in order: packages, VIPs, kernel settings, packet marks,
 * keepalived (after the real servers are ready: `realServersReady`), then what goes away
 * (marks, VIPs). Empty when neither the desired nor the applied model balances anything.
 */
export function lbManagerSteps(
  ctx: PlanContext,
  realServersReady: PlanStep['waitFor'],
): PlanStep[] {
  const c = ctx.desired;
  if (!usesLb(c) && !usesLb(ctx.applied)) return [];
  const m = c.manager.hostId;
  const kernel = kernelSteps(
    ctx,
    m,
    'lb.manager',
    managerKernel(c),
    managerKernel(ctx.applied),
    [],
  );
  const steps: (PlanStep | null)[] = [];
  if (c.services.length > 0) {
    const httpChecks = c.services.some((s) => s.check.kind === 'http' || s.check.kind === 'https');
    const pkgs = [
      'keepalived',
      'ipvsadm',
      ...(fwmarkServices(c).length > 0 ? ['nftables'] : []),
      // The drift step probes HTTP checks with curl, as keepalived would.
      ...(httpChecks ? ['curl'] : []),
    ];
    steps.push(
      packagesStep(
        LB_MANAGER_STEP.packages,
        pkgs,
        'keepalived runs the LVS services and their health checks; ipvsadm reads the table back.',
      ),
    );
  }
  steps.push(vipAddStep(ctx));
  steps.push(kernel.before);
  const marks = fwmarkSteps(ctx);
  steps.push(...marks.filter((s) => s.id === LB_MANAGER_STEP.fwmark));
  if (c.services.length > 0) steps.push(keepalivedDropInStep(ctx));
  steps.push(
    c.services.length > 0 ? keepalivedStep(ctx, realServersReady) : keepalivedRemoveStep(ctx),
  );
  if (c.services.length > 0) steps.push(ipvsSyncStep(c));
  steps.push(...marks.filter((s) => s.id === LB_MANAGER_STEP.fwmarkRemove));
  steps.push(kernel.after, vipRemoveStep(ctx, []));
  return steps.filter((s): s is PlanStep => s !== null);
}

import { quote, sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import { allOf, fileMatches, plannedFile, step } from '../plan/step';
import type { PlanStep } from '../plan/types';
import { LB_PATHS } from '../base/remote-paths';

/** One sysctl ClusterDeck sets, with why (written as a comment above it). */
export interface SysctlSetting {
  key: string;
  value: string;
  why: string;
}

/** The kernel settings a host needs for its load-balancer role. */
export interface KernelSettings {
  sysctl: SysctlSetting[];
  /** Modules loaded now and at every boot (modules-load.d). */
  modules: { name: string; why: string }[];
}

/**
 * The kernel's own values of the keys ClusterDeck may set: what a key goes back to when it
 * is no longer wanted, before `sysctl --system` re-applies whatever the host's other files
 * say (so an admin's own setting wins again).
 */
const KERNEL_DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.conf.all.arp_ignore': '0',
  'net.ipv4.conf.all.arp_announce': '0',
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.vs.expire_nodest_conn': '0',
};

const KEY = /^[a-z0-9_.]+$/;

/** Options of {@link kernelStep}. */
export interface KernelStepOptions {
  waitFor?: PlanStep['waitFor'];
  /** The settings an earlier step of the same plan leaves (instead of the observed files). */
  assume?: KernelSettings;
}

/** The sysctl file of some settings, or null when there is none to write. */
function sysctlText(clusterName: string, k: KernelSettings): string | null {
  return k.sysctl.length > 0 ? sysctlFile(clusterName, k.sysctl) : null;
}

function modulesText(clusterName: string, k: KernelSettings): string | null {
  return k.modules.length > 0 ? modulesFile(clusterName, k.modules) : null;
}

/** Both sets together (what must hold while the real servers change over). */
export function unionSettings(a: KernelSettings, b: KernelSettings): KernelSettings {
  return {
    sysctl: [...a.sysctl, ...b.sysctl.filter((x) => !a.sysctl.some((y) => y.key === x.key))],
    modules: [...a.modules, ...b.modules.filter((x) => !a.modules.some((y) => y.name === x.name))],
  };
}

/** Whether two sets hold the same keys and modules. */
export function sameSettings(a: KernelSettings, b: KernelSettings): boolean {
  const keys = (k: KernelSettings): string =>
    JSON.stringify([
      k.sysctl.map((s) => `${s.key}=${s.value}`).sort(),
      k.modules.map((m) => m.name).sort(),
    ]);
  return keys(a) === keys(b);
}

function sysctlFile(clusterName: string, s: SysctlSetting[]): string {
  const lines = [
    `# Managed by ClusterDeck (cluster ${clusterName}): load balancing. Changes are overwritten.`,
  ];
  for (const x of s) lines.push(`# ${x.why}`, `${x.key} = ${x.value}`);
  return `${lines.join('\n')}\n`;
}

function modulesFile(clusterName: string, m: KernelSettings['modules']): string {
  const lines = [
    `# Managed by ClusterDeck (cluster ${clusterName}): load balancing. Changes are overwritten.`,
  ];
  for (const x of m) lines.push(`# ${x.why}`, x.name);
  return `${lines.join('\n')}\n`;
}

/** The sysctl keys of a file ClusterDeck wrote (to put back when it goes). */
function keysOf(text: string | null): string[] {
  return (text ?? '')
    .split('\n')
    .map((l) => /^([a-z0-9_.]+)\s*=/.exec(l.trim())?.[1])
    .filter((k): k is string => k !== undefined && KEY.test(k));
}

function resetCommands(keys: string[]): string[] {
  const known = keys.filter((k) => KERNEL_DEFAULTS[k] !== undefined);
  if (known.length === 0) return [];
  return [
    // -e: a key of a module that is not loaded (after a reboot) has nothing to put back.
    sh`sysctl -q -e -w ${known.map((k) => `${k}=${KERNEL_DEFAULTS[k] ?? '0'}`)}`,
    // Every other sysctl file again: the host's own values of these keys come back.
    'sysctl -q --system >/dev/null',
  ];
}

const valueIs = (s: SysctlSetting): string => sh`test "$(sysctl -n ${s.key})" = ${s.value}`;
const loaded = (m: string): string => sh`test -d ${`/sys/module/${m}`}`;

/**
 * The step that gives a host its load-balancer kernel settings (sysctl file applied now,
 * modules loaded now and listed for boot), or takes them away again: when nothing is wanted
 * any more, ClusterDeck's files go and their keys return to the kernel default, then to the
 * host's own files. Null when there is nothing to do either way.
 */
export function kernelStep(
  ctx: PlanContext,
  hostId: string,
  idPrefix: string,
  want: KernelSettings,
  opts: KernelStepOptions = {},
): PlanStep | null {
  const name = ctx.desired.name;
  const waitFor = opts.waitFor ?? [];
  const curSysctl = opts.assume ? sysctlText(name, opts.assume) : ctx.file(hostId, LB_PATHS.sysctl);
  const curModules = opts.assume
    ? modulesText(name, opts.assume)
    : ctx.file(hostId, LB_PATHS.modules);
  if (want.sysctl.length === 0 && want.modules.length === 0) {
    if (curSysctl === null && curModules === null) return null;
    const gone = allOf(sh`! test -e ${LB_PATHS.sysctl}`, sh`! test -e ${LB_PATHS.modules}`);
    return step({
      id: `${idPrefix}.kernel-remove`,
      title: 'Remove the load-balancing kernel settings',
      description:
        "ClusterDeck's sysctl and modules-load files go; their keys return to the kernel default and then to what the host's other sysctl files say. Loaded modules stay loaded until the next boot (unused, they do nothing).",
      commands: [
        sh`rm -f ${LB_PATHS.sysctl} ${LB_PATHS.modules}`,
        ...resetCommands(keysOf(curSysctl)),
      ],
      check: gone,
      verify: gone,
      waitFor,
    });
  }
  const files = [];
  const commands: string[] = [];
  const checks: string[] = [];
  if (want.sysctl.length > 0) {
    const f = plannedFile(LB_PATHS.sysctl, sysctlFile(name, want.sysctl), curSysctl);
    files.push(f);
    checks.push(fileMatches(f), ...want.sysctl.map(valueIs));
  } else if (curSysctl !== null) {
    commands.push(sh`rm -f ${LB_PATHS.sysctl}`);
    checks.push(sh`! test -e ${LB_PATHS.sysctl}`);
  }
  const dropped = keysOf(curSysctl).filter((k) => !want.sysctl.some((s) => s.key === k));
  commands.push(...resetCommands(dropped));
  if (want.modules.length > 0) {
    const f = plannedFile(LB_PATHS.modules, modulesFile(name, want.modules), curModules);
    files.push(f);
    checks.push(fileMatches(f), ...want.modules.map((m) => loaded(m.name)));
    commands.push(...want.modules.map((m) => sh`modprobe ${m.name}`));
  } else if (curModules !== null) {
    commands.push(sh`rm -f ${LB_PATHS.modules}`);
    checks.push(sh`! test -e ${LB_PATHS.modules}`);
  }
  if (want.sysctl.length > 0) commands.push(`sysctl -q -p ${quote(LB_PATHS.sysctl)}`);
  const what = [
    ...want.sysctl.map((s) => `${s.key}=${s.value}`),
    ...want.modules.map((m) => `module ${m.name}`),
  ];
  return step({
    id: `${idPrefix}.kernel`,
    title: `Kernel settings for load balancing: ${what.join(', ')}`,
    description: [...want.sysctl.map((s) => s.why), ...want.modules.map((m) => m.why)].join(' '),
    files,
    commands,
    check: allOf(...checks),
    verify: allOf(...want.sysctl.map(valueIs), ...want.modules.map((m) => loaded(m.name))),
    waitFor,
  });
}

/**
 * The kernel steps of a host whose load-balancer role changes from `applied` to `desired`:
 * `before` sets both sets' settings (nothing is taken away while old VIPs may still be on the
 * host), `after` (once `waitFor` is done) trims them to the desired set, or removes them.
 */
export function kernelSteps(
  ctx: PlanContext,
  hostId: string,
  prefix: string,
  desired: KernelSettings,
  applied: KernelSettings,
  waitFor: PlanStep['waitFor'],
): { before: PlanStep | null; after: PlanStep | null } {
  const empty = desired.sysctl.length === 0 && desired.modules.length === 0;
  if (empty)
    return {
      before: null,
      after: kernelStep(ctx, hostId, `${prefix}.trim`, desired, { waitFor }),
    };
  const both = unionSettings(desired, applied);
  return {
    before: kernelStep(ctx, hostId, prefix, both),
    after: sameSettings(both, desired)
      ? null
      : kernelStep(ctx, hostId, `${prefix}.trim`, desired, {
          waitFor,
          assume: both,
        }),
  };
}

import { quote, sh } from '../shell/quote';
import { unifiedDiff } from './diff';
import type { PlannedFile, PlanStep } from './types';
import { isCompound } from '../shell/compound';

/** What a planner gives to {@link step}; defaults fill the rest. */
export interface StepSpec {
  id: string;
  title: string;
  description?: string;
  commands?: string[];
  files?: PlannedFile[];
  check: string | null;
  verify: string | null;
  timeoutSec?: number;
  waitFor?: { hostId: string; stepId: string }[];
}

/** Builds a plan step with the defaults of the contract (120 s, no files, no waits). */
export function step(s: StepSpec): PlanStep {
  const out: PlanStep = {
    id: s.id,
    title: s.title,
    commands: s.commands ?? [],
    files: s.files ?? [],
    check: s.check,
    verify: s.verify,
    timeoutSec: s.timeoutSec ?? 120,
    waitFor: s.waitFor ?? [],
  };
  if (s.description !== undefined) out.description = s.description;
  return out;
}

/** A file to write, with the unified diff from what the host has now. */
export function plannedFile(
  path: string,
  content: string,
  current: string | null,
  mode = '0644',
): PlannedFile {
  return {
    path,
    mode,
    owner: 'root',
    group: 'root',
    content,
    current,
    diff: unifiedDiff(path, current, content),
  };
}

/**
 * Joins shell conditions with &&, so that the whole fails when any part fails and no part runs
 * after a failed one. A part that is a list of its own (`a || b`, `n=0; until ...`) is grouped
 * in `{ ...; }`: unbraced, `x && a || b` means `(x && a) || b` and `x && n=0; until ...` runs the
 * loop whatever `x` said.
 */
export function allOf(...parts: string[]): string {
  return parts.map((p) => (isCompound(p) ? `{ ${p.replace(/[\s;]+$/, '')}; }` : p)).join(' && ');
}

/** A shell test that a file has exactly the planned content, mode and owner. */
export function fileMatches(f: PlannedFile): string {
  const mode = parseInt(f.mode, 8).toString(8);
  return allOf(
    sh`printf '%s' ${f.content} | cmp -s - ${f.path}`,
    sh`test "$(stat -c %a:%U:%G ${f.path})" = ${`${mode}:${f.owner}:${f.group}`}`,
  );
}

/** A shell test that every Debian package is installed. */
export function packagesInstalled(pkgs: readonly string[]): string {
  return allOf(
    ...pkgs.map(
      (p) => sh`dpkg-query -W -f=${'${Status}'} ${p} 2>/dev/null | grep -q 'install ok installed'`,
    ),
  );
}

/**
 * Installs Debian packages that are missing. apt-get runs only when the check fails, and
 * `apt-get update` only when the install fails (hosts without a mirror but with the packages
 * never reach apt at all).
 */
export function packagesStep(id: string, pkgs: readonly string[], why: string): PlanStep {
  const install = sh`DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${[...pkgs]}`;
  return step({
    id,
    title: `Install ${pkgs.join(', ')}`,
    description: why,
    commands: [`${install} || { apt-get update -q && ${install}; }`],
    check: packagesInstalled(pkgs),
    verify: packagesInstalled(pkgs),
    timeoutSec: 900,
  });
}

/** A command that fails with `message` on stderr unless `condition` holds. */
export function failUnless(condition: string, message: string): string {
  return `if ! { ${condition}; }; then echo ${quote(message)} >&2; exit 1; fi`;
}

/** The mount point of the filesystem holding `path`, as shell text (GNU stat). */
export function mountPointOf(path: string): string {
  return `"$(stat -c %m ${quote(path)})"`;
}

/** A test that a service is enabled and running. */
export function serviceUp(unit: string): string {
  return allOf(sh`systemctl is-enabled -q ${unit}`, sh`systemctl is-active -q ${unit}`);
}

/**
 * Enables a unit unless it is already enabled. `systemctl enable` always runs the SysV hooks
 * of a unit that also has an init script, and reloads systemd: 14 s on an emulated host, even
 * when nothing changes; `is-enabled` answers in a fraction of a second.
 */
export function enableUnit(unit: string): string {
  return sh`systemctl is-enabled -q ${unit} || systemctl enable ${unit}`;
}

/** Disables a unit unless it is already disabled (or absent); see {@link enableUnit}. */
export function disableUnit(unit: string): string {
  return sh`! systemctl is-enabled -q ${unit} 2>/dev/null || systemctl disable ${unit}`;
}

/** Starts a unit unless it is already running. */
export function startUnit(unit: string): string {
  return sh`systemctl is-active -q ${unit} || systemctl start ${unit}`;
}

/** Stops a unit unless it is already stopped. */
export function stopUnit(unit: string): string {
  return sh`! systemctl is-active -q ${unit} || systemctl stop ${unit}`;
}

/** Enables and starts a unit, each only when it is not so already. */
export function enableNow(unit: string): string[] {
  return [enableUnit(unit), startUnit(unit)];
}

/** Stops and disables a unit, each only when it is not so already. */
export function disableNow(unit: string): string[] {
  return [stopUnit(unit), disableUnit(unit)];
}

/**
 * Reloads systemd only when it reports a unit file of `units` changed on disk since it read it
 * (NeedDaemonReload; a unit it never loaded is read fresh and needs none).
 */
export function daemonReloadFor(units: readonly string[]): string {
  const fresh = units.map(
    (u) => sh`test "$(systemctl show -p NeedDaemonReload --value ${u})" = no`,
  );
  return `${allOf(...fresh)} || systemctl daemon-reload`;
}

/**
 * Reloads systemd when /etc/fstab changed since it last loaded its units (the mount units are
 * generated from it): the stamp file is systemd's own, the one mount(8) compares to give its
 * "fstab has been modified" hint. Without the stamp, it reloads.
 */
export const DAEMON_RELOAD_FOR_FSTAB =
  '[ ! /etc/fstab -nt /run/systemd/systemd-units-load ] || systemctl daemon-reload';

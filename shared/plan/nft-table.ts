import { quote, sh } from '../shell/quote';
import { allOf, daemonReloadFor, enableNow, failUnless, fileMatches, step } from './step';
import type { PlannedFile, PlanStep } from './types';

/**
 * An nftables table of ClusterDeck's own, loaded from a file by a oneshot unit of ours. Its own
 * table keeps the rules apart from the admin's: nothing else in the ruleset is touched. The
 * file starts with a "table; delete table" pair, so loading it replaces the table in one
 * transaction, with no moment without the rules.
 */
export interface NftTable {
  family: 'ip' | 'inet';
  name: string;
  /** The rules file the unit loads. */
  rulesPath: string;
  /** The unit's path under /etc/systemd/system. */
  unitPath: string;
}

/** The unit's name, from its path. */
export function nftUnitName(t: NftTable): string {
  return t.unitPath.slice(t.unitPath.lastIndexOf('/') + 1);
}

/** The first lines of a rules file: the shebang, the header and the table replacement pair. */
export function nftRulesHead(t: NftTable, header: string): string[] {
  return [
    '#!/usr/sbin/nft -f',
    header,
    `table ${t.family} ${t.name}`,
    `delete table ${t.family} ${t.name}`,
  ];
}

/** The oneshot unit that loads the table and deletes it when stopped. */
export function renderNftUnit(
  t: NftTable,
  o: { header: string; description: string; unitLines: string[]; wantedBy: string },
): string {
  return [
    o.header,
    '[Unit]',
    `Description=${o.description}`,
    ...o.unitLines,
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=/usr/sbin/nft -f ${t.rulesPath}`,
    `ExecStop=-/usr/sbin/nft delete table ${t.family} ${t.name}`,
    '',
    '[Install]',
    `WantedBy=${o.wantedBy}`,
    '',
  ].join('\n');
}

/** A shell test that the table is loaded. */
export function nftLoaded(t: NftTable): string {
  return sh`nft list table ${t.family} ${t.name} >/dev/null 2>&1`;
}

/**
 * The step that writes the rules and the unit, checks the rules with nft -c, loads them and
 * enables the unit for boot.
 */
export function nftLoadStep(
  t: NftTable,
  s: Pick<PlanStep, 'id' | 'title'> & {
    description: string;
    waitFor?: PlanStep['waitFor'];
    rules: PlannedFile;
    unit: PlannedFile;
    rejected: string;
  },
): PlanStep {
  const unit = nftUnitName(t);
  return step({
    id: s.id,
    title: s.title,
    description: s.description,
    files: [s.rules, s.unit],
    commands: [
      failUnless(sh`nft -c -f ${t.rulesPath}`, s.rejected),
      sh`nft -f ${t.rulesPath}`,
      daemonReloadFor([unit]),
      ...enableNow(unit),
    ],
    check: allOf(
      fileMatches(s.rules),
      fileMatches(s.unit),
      nftLoaded(t),
      sh`systemctl is-enabled -q ${unit}`,
    ),
    verify: nftLoaded(t),
    waitFor: s.waitFor,
  });
}

/**
 * The step that stops and disables the unit, deletes the table (only ours) and the files of
 * `existing` (those found on the host). Null when the host has none of them.
 */
export function nftRemoveStep(
  t: NftTable,
  existing: readonly string[],
  s: { id: string; title: string; description: string },
): PlanStep | null {
  if (existing.length === 0) return null;
  const unit = nftUnitName(t);
  const loaded = nftLoaded(t);
  const gone = allOf(`! ${loaded}`, ...existing.map((p) => sh`! test -e ${p}`));
  return step({
    id: s.id,
    title: s.title,
    description: s.description,
    commands: [
      sh`! systemctl is-enabled -q ${unit} || systemctl disable --now ${unit}`,
      `! ${loaded} || ${sh`nft delete table ${t.family} ${t.name}`}`,
      `rm -f ${existing.map(quote).join(' ')}`,
      'systemctl daemon-reload',
    ],
    check: gone,
    verify: gone,
  });
}

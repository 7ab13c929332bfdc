import type { Cluster } from '../model/cluster';
import { nftRulesHead, renderNftUnit, type NftTable } from '../plan/nft-table';
import { fwmarkServices } from './cluster-lb';
import { LB_PATHS } from '../base/remote-paths';

/** The nftables table ClusterDeck owns; nothing else in the host's ruleset is touched. */
export const FWMARK_TABLE = 'clusterdeck_lvs';
/** The unit that loads the marking rules at boot and after an nftables restart. */
export const FWMARK_UNIT = 'clusterdeck-lvs-fwmark.service';

/** The marking table, its rules file and its unit. */
export const FWMARK_NFT: NftTable = {
  family: 'ip',
  name: FWMARK_TABLE,
  rulesPath: LB_PATHS.fwmarkRules,
  unitPath: LB_PATHS.fwmarkUnit,
};

/**
 * The nftables rules that mark the packets of firewall-mark services, so that IPVS sees one
 * service for several ports. nftables rather than iptables: it is Debian's default firewall
 * since buster, a file loads as one transaction (the leading "table; delete table" pair
 * replaces the table atomically, with no moment without marks), and its own table keeps the
 * rules apart from the admin's. Marking happens in prerouting at mangle priority, before
 * IPVS looks at the packet on input.
 */
export function renderFwmarkRules(c: Cluster): string {
  const rules: string[] = [];
  for (const s of fwmarkServices(c)) {
    if (s.listen.kind !== 'fwmark') continue;
    const ports = [
      ...s.listen.ports.map(String),
      ...s.listen.ranges.map((r) => `${r.from}-${r.to}`),
    ];
    const set = ports.length === 1 ? (ports[0] ?? '') : `{ ${ports.join(', ')} }`;
    rules.push(
      `\t\t# service ${s.id}`,
      `\t\tip daddr ${s.vip} ${s.protocol} dport ${set} meta mark set ${s.listen.mark}`,
    );
  }
  return [
    ...nftRulesHead(
      FWMARK_NFT,
      `# Managed by ClusterDeck (cluster ${c.name}): packet marks of the firewall-mark services for IPVS. Changes are overwritten.`,
    ),
    `table ip ${FWMARK_TABLE} {`,
    '\tchain prerouting {',
    '\t\ttype filter hook prerouting priority mangle; policy accept;',
    ...rules,
    '\t}',
    '}',
    '',
  ].join('\n');
}

/**
 * The oneshot unit that loads the rules. PartOf nftables.service: restarting nftables flushes
 * the whole ruleset, and this unit then restarts with it and loads its table again.
 */
export function renderFwmarkUnit(c: Cluster): string {
  return renderNftUnit(FWMARK_NFT, {
    header: `# Managed by ClusterDeck (cluster ${c.name}). Changes are overwritten.`,
    description: 'ClusterDeck packet marks of the load-balanced firewall-mark services',
    unitLines: ['After=nftables.service', 'PartOf=nftables.service', 'Before=keepalived.service'],
    wantedBy: 'multi-user.target',
  });
}

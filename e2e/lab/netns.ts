/**
 * Cluster networks inside a network namespace the lab creates, so no lab traffic ever touches the
 * workstation's own interfaces. Two bridges: public 10.10.0.0/24 and private 10.20.0.0/24; no
 * addresses on the bridges, no uplink, no forwarding. qemu (in the root namespace) opens a tap per
 * cluster NIC; the tap is moved into the namespace and enslaved to its bridge before the VM runs.
 */
import { run } from './exec.js';

export const BRIDGES = { public: 'br-public', private: 'br-private' } as const;
export type Net = keyof typeof BRIDGES;

/** Tap name for a host's NIC on a network (<= 15 chars), e.g. cdl10pub. */
export const tapName = (octet: number, net: Net) =>
  `cdl${octet}${net === 'public' ? 'pub' : 'prv'}`;

export async function netnsExists(ns: string): Promise<boolean> {
  const r = await run('ip', ['netns', 'list'], { check: false });
  return r.stdout.split('\n').some((l) => l.split(' ')[0] === ns);
}

/** Create the namespace and its two bridges (idempotent). */
export async function ensureNetns(ns: string): Promise<void> {
  if (!(await netnsExists(ns))) await run('ip', ['netns', 'add', ns]);
  await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  await run(
    'ip',
    [
      'netns',
      'exec',
      ns,
      'sysctl',
      '-qw',
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
    ],
    {
      check: false,
    },
  );
  for (const br of Object.values(BRIDGES)) {
    const have = await run('ip', ['-n', ns, 'link', 'show', br], { check: false });
    if (have.code !== 0) await run('ip', ['-n', ns, 'link', 'add', br, 'type', 'bridge']);
    // no STP delay; multicast snooping off so VRRP adverts (224.0.0.18) always flood
    await run('ip', [
      '-n',
      ns,
      'link',
      'set',
      br,
      'type',
      'bridge',
      'stp_state',
      '0',
      'forward_delay',
      '0',
      'mcast_snooping',
      '0',
    ]);
    await run('ip', ['-n', ns, 'link', 'set', br, 'up']);
  }
}

/** Move a tap that qemu created in the root namespace into the lab namespace and onto a bridge. */
export async function attachTap(ns: string, tap: string, net: Net): Promise<void> {
  const inRoot = await run('ip', ['link', 'show', tap], { check: false });
  if (inRoot.code === 0) await run('ip', ['link', 'set', tap, 'netns', ns]);
  await run('ip', ['-n', ns, 'link', 'set', tap, 'master', BRIDGES[net]]);
  await run('ip', ['-n', ns, 'link', 'set', tap, 'up']);
}

/** Delete the namespace (its bridges and any taps left in it go with it). */
export async function removeNetns(ns: string): Promise<void> {
  if (await netnsExists(ns)) await run('ip', ['netns', 'del', ns], { check: false });
}

/** Taps of ours left in the root namespace (only possible if a start failed half way). */
export async function removeStrayTaps(): Promise<void> {
  const r = await run('ip', ['-o', 'link', 'show'], { check: false });
  for (const m of r.stdout.matchAll(/^\d+: (cdl\d+(?:pub|prv))[@:]/gm)) {
    if (m[1]) await run('ip', ['link', 'del', m[1]], { check: false });
  }
}

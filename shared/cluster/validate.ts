import { validateLb, type LbValidationContext } from '../lb/validate';
import { ACCOUNT_ID_END, ACCOUNT_ID_MIN, type Cluster } from '../model/cluster';
import { IssueList, type Issue, type ValidationContext } from '../model/cluster-issues';
import {
  broadcastOf,
  findAddress,
  interfaceFor,
  isPrivateIpv4,
  networkOf,
  reservedIpv4Reason,
  sameSubnet,
} from '../model/cluster-net';
import { validateHosts } from './validate-hosts';

/** Account names that belong to the system on Debian/Ubuntu (base-passwd and common daemons). */
const RESERVED_ACCOUNT_NAMES = new Set([
  'root',
  'daemon',
  'bin',
  'sys',
  'sync',
  'games',
  'man',
  'lp',
  'mail',
  'news',
  'uucp',
  'proxy',
  'www-data',
  'backup',
  'list',
  'irc',
  'gnats',
  'nobody',
  'nogroup',
  'systemd-network',
  'systemd-resolve',
  'systemd-timesync',
  'messagebus',
  'sshd',
  '_apt',
  'statd',
  'nginx',
  'mysql',
  'postfix',
  'admin',
  'staff',
  'users',
  'sudo',
  'adm',
  'operator',
  'halt',
  'shutdown',
]);

/** One address in the model, with who holds it, for duplicate and quorum checks. */
interface AddressUse {
  field: string;
  address: string;
  /** The host that owns the address; the quorum IP belongs to the manager. */
  hostId: string;
  what: string;
}

function addressUses(c: Cluster): AddressUse[] {
  const uses: AddressUse[] = [
    {
      field: 'manager.publicIp',
      address: c.manager.publicIp,
      hostId: c.manager.hostId,
      what: "the manager's public address",
    },
  ];
  if (c.manager.privateIp !== undefined) {
    uses.push({
      field: 'manager.privateIp',
      address: c.manager.privateIp,
      hostId: c.manager.hostId,
      what: "the manager's private address",
    });
  }
  c.nodes.forEach((n, i) => {
    uses.push({
      field: `nodes.${i}.publicIp`,
      address: n.publicIp,
      hostId: n.hostId,
      what: `node ${i + 1}'s public address`,
    });
    if (n.privateIp !== undefined) {
      uses.push({
        field: `nodes.${i}.privateIp`,
        address: n.privateIp,
        hostId: n.hostId,
        what: `node ${i + 1}'s private address`,
      });
    }
  });
  if (c.storage.kind === 'external') {
    uses.push({
      field: 'storage.address',
      address: c.storage.address,
      hostId: c.storage.hostId,
      what: "the storage host's address",
    });
  }
  return uses;
}

function checkReferences(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const known = (id: string): boolean => ctx.hosts[id] !== undefined;
  if (!known(c.manager.hostId))
    out.error('manager.hostId', 'is not a known host: add the host first');
  const seen = new Map<string, number>();
  c.nodes.forEach((n, i) => {
    const f = `nodes.${i}.hostId`;
    if (!known(n.hostId)) out.error(f, 'is not a known host: add the host first');
    if (n.hostId === c.manager.hostId)
      out.error(f, 'is the manager; the manager cannot also join as a node');
    const first = seen.get(n.hostId);
    if (first !== undefined) out.error(f, `is already node ${first + 1}`);
    else seen.set(n.hostId, i);
  });
  if (c.storage.kind === 'external') {
    const id = c.storage.hostId;
    if (!known(id)) out.error('storage.hostId', 'is not a known host: add the host first');
    if (id === c.manager.hostId)
      out.error('storage.hostId', 'is the manager: choose storage kind "manager" instead');
    if (seen.has(id))
      out.error('storage.hostId', 'is also a node; the storage host must be a separate server');
  }
}

function checkQuorum(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const { quorumIp: q, quorumPrefix: prefix } = c.manager;
  const reserved = reservedIpv4Reason(q);
  if (reserved !== null) out.error('manager.quorumIp', `${q} ${reserved}`);
  if (prefix <= 30 && (q === networkOf(q, prefix) || q === broadcastOf(q, prefix))) {
    out.error(
      'manager.quorumIp',
      `${q} is the ${q === networkOf(q, prefix) ? 'network' : 'broadcast'} address of ${networkOf(q, prefix)}/${prefix}`,
    );
  }
  if (q === c.manager.publicIp) {
    out.error(
      'manager.quorumIp',
      "must differ from the manager's public address: the quorum IP is never used for sites",
    );
  }
  for (const u of addressUses(c)) {
    if (u.address === q && u.hostId !== c.manager.hostId)
      out.error('manager.quorumIp', `${q} is already ${u.what} (${u.field})`);
  }
  if (c.layout === 'public' && !sameSubnet(q, c.manager.publicIp, prefix)) {
    out.error(
      'manager.quorumIp',
      `all-public layout: ${q} must be in the manager's public subnet ${networkOf(c.manager.publicIp, prefix)}/${prefix}`,
    );
  }
  if (c.layout === 'public-private' && c.manager.privateIp !== undefined) {
    if (!sameSubnet(q, c.manager.privateIp, prefix)) {
      out.error(
        'manager.quorumIp',
        `public-private layout: ${q} must be in the manager's private subnet ${networkOf(c.manager.privateIp, prefix)}/${prefix}`,
      );
    }
    if (sameSubnet(q, c.manager.publicIp, prefix)) {
      out.error(
        'manager.quorumIp',
        'public-private layout: the quorum IP belongs on the private network, not the public one',
      );
    }
  }
  if (c.layout === 'private-nat' && !isPrivateIpv4(q)) {
    out.error(
      'manager.quorumIp',
      'private-nat layout: the quorum IP must be a private (RFC 1918) address',
    );
  }
  // The quorum IP must be (or become) an address of the manager, and of no other host.
  const mf = ctx.facts[c.manager.hostId];
  if (mf !== undefined) {
    const iface = c.manager.quorumInterface;
    if (iface !== undefined && !mf.interfaces.some((i) => i.name === iface)) {
      out.error(
        'manager.quorumInterface',
        `the manager has no interface ${iface} (it has ${mf.interfaces.map((i) => i.name).join(', ')})`,
      );
    } else if (iface === undefined && interfaceFor(mf, q) === undefined) {
      out.error(
        'manager.quorumIp',
        `${q} is not on the manager: none of its interfaces is in that subnet; set quorumInterface or fix the address`,
      );
    }
  }
  for (const [hostId, f] of Object.entries(ctx.facts)) {
    if (f === undefined || hostId === c.manager.hostId) continue;
    if (findAddress(f, q) !== undefined) {
      out.error(
        'manager.quorumIp',
        `${q} is already configured on host ${ctx.hosts[hostId]?.name ?? hostId}`,
      );
    }
  }
}

/** The subnet prefix of a host's address from its facts, or the fallback. */
function prefixOf(ctx: ValidationContext, hostId: string, ip: string, fallback: number): number {
  const f = ctx.facts[hostId];
  return (f && findAddress(f, ip)?.prefix) ?? fallback;
}

function checkSegments(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const needPrivate = c.layout !== 'public';
  if (c.layout === 'public-private' && c.manager.privateIp === undefined) {
    out.error('manager.privateIp', 'is required in the public-private layout');
  }
  c.nodes.forEach((n, i) => {
    if (needPrivate && n.privateIp === undefined)
      out.error(`nodes.${i}.privateIp`, `is required in the ${c.layout} layout`);
    if (!needPrivate && n.privateIp !== undefined) {
      out.warn(
        `nodes.${i}.privateIp`,
        'is not used in the all-public layout (nodes talk over their public address)',
      );
    }
    if (c.layout === 'public-private' && n.privateIp === n.publicIp) {
      out.error(
        `nodes.${i}.privateIp`,
        'must differ from the public address in the public-private layout',
      );
    }
  });
  // LVS direct routing and the NFS exports need the hosts of a segment on one subnet.
  const pubPrefix = prefixOf(ctx, c.manager.hostId, c.manager.publicIp, 24);
  const segment = (
    label: string,
    ref: string,
    prefix: number,
    members: [string, string | undefined][],
  ): void => {
    for (const [field, ip] of members) {
      if (ip !== undefined && !sameSubnet(ip, ref, prefix)) {
        out.error(
          field,
          `${ip} is not in the ${label} subnet ${networkOf(ref, prefix)}/${prefix}: the ${c.layout} layout needs one segment`,
        );
      }
    }
  };
  if (c.layout === 'public' || c.layout === 'public-private') {
    segment(
      'public',
      c.manager.publicIp,
      pubPrefix,
      c.nodes.map((n, i) => [`nodes.${i}.publicIp`, n.publicIp]),
    );
  }
  const privRef =
    c.layout === 'public-private'
      ? c.manager.privateIp
      : c.layout === 'private-nat'
        ? c.manager.quorumIp
        : undefined;
  if (privRef !== undefined) {
    const members: [string, string | undefined][] = c.nodes.map((n, i) => [
      `nodes.${i}.privateIp`,
      n.privateIp,
    ]);
    if (c.layout === 'private-nat') members.push(['manager.publicIp', c.manager.publicIp]);
    segment('private', privRef, c.manager.quorumPrefix, members);
  }
  if (c.layout === 'private-nat') {
    for (const u of addressUses(c)) {
      if (!isPrivateIpv4(u.address))
        out.warn(
          u.field,
          `${u.address} is public; in the private-nat layout every host sits behind the NAT`,
        );
    }
  }
  if (
    c.storage.kind === 'external' &&
    !sameSubnet(c.storage.address, c.manager.quorumIp, c.manager.quorumPrefix)
  ) {
    out.warn(
      'storage.address',
      `${c.storage.address} is not on the quorum's subnet; the nodes must still be able to reach it`,
    );
  }
}

function checkAddresses(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const byAddress = new Map<string, AddressUse>();
  for (const u of addressUses(c)) {
    const reason = reservedIpv4Reason(u.address);
    if (reason !== null) out.error(u.field, `${u.address} ${reason}`);
    const prev = byAddress.get(u.address);
    // One host may use one address twice only where a single NIC is normal (private-nat).
    if (prev !== undefined && (prev.hostId !== u.hostId || c.layout !== 'private-nat')) {
      out.error(u.field, `${u.address} is already ${prev.what} (${prev.field})`);
    } else if (prev === undefined) {
      byAddress.set(u.address, u);
    }
    const f = ctx.facts[u.hostId];
    if (f !== undefined && findAddress(f, u.address) === undefined) {
      out.error(
        u.field,
        `${u.address} is not an address of host ${ctx.hosts[u.hostId]?.name ?? u.hostId}`,
      );
    }
  }
}

function checkAccounts(c: Cluster, out: IssueList): void {
  const names = new Map<string, number>();
  const uids = new Map<number, number>();
  const gids = new Map<number, number>();
  const domains = new Map<string, number>();
  const dup = <K>(map: Map<K, number>, key: K, i: number, field: string, what: string): void => {
    const first = map.get(key);
    if (first === undefined) map.set(key, i);
    else out.error(`accounts.${i}.${field}`, `${what} is already used by account ${first + 1}`);
  };
  c.accounts.forEach((a, i) => {
    if (RESERVED_ACCOUNT_NAMES.has(a.name))
      out.error(`accounts.${i}.name`, `"${a.name}" is a system account name`);
    for (const key of ['uid', 'gid'] as const) {
      const v = a[key];
      if (v < ACCOUNT_ID_MIN || v >= ACCOUNT_ID_END) {
        out.error(
          `accounts.${i}.${key}`,
          `must be between ${ACCOUNT_ID_MIN} and ${ACCOUNT_ID_END - 1} (below are system ids, above nobody and friends)`,
        );
      }
    }
    dup(names, a.name, i, 'name', `name ${a.name}`);
    dup(uids, a.uid, i, 'uid', `uid ${a.uid}`);
    dup(gids, a.gid, i, 'gid', `gid ${a.gid}`);
    dup(domains, a.domain, i, 'domain', `domain ${a.domain}`);
  });
}

/**
 * Checks a parsed cluster against the rules of the domain and the probed hosts: references,
 * the quorum IP (on the manager, used nowhere else, on the right subnet, not a network or
 * broadcast address), one segment per layout, duplicate addresses, names, UIDs, GIDs and
 * domains, OS and architecture equal to the manager's, kernel NFS (containers), quota-capable
 * storage, UID collisions with users already on the hosts, and the load balancer (shared/lb:
 * VIPs, port clashes, real servers, methods). Errors block a plan; warnings do not.
 */
export function validateCluster(cluster: Cluster, ctx: LbValidationContext): Issue[] {
  const out = new IssueList();
  checkReferences(cluster, ctx, out);
  checkQuorum(cluster, ctx, out);
  checkSegments(cluster, ctx, out);
  checkAddresses(cluster, ctx, out);
  checkAccounts(cluster, out);
  validateHosts(cluster, ctx, out);
  validateLb(cluster, ctx, out);
  return out.items;
}

import { resolve } from 'node:path';
import { detailsOf, isAppError } from '../../shared/api/errors';
import type { HostFacts } from '../../shared/model/facts';
import type { HostView } from '../../shared/model/host';
import type { CliContext } from './cli-context';
import { CliError, usageError } from './cli-errors';
import type { Command, CommandInput, Outcome } from './command';
import { runTask } from './tasks';
import { lines, table } from './table';

function hostRows(hosts: readonly HostView[]): string[] {
  return table(
    ['HOST', 'ADDRESS', 'AUTH', 'TRUSTED KEY', 'STATE'],
    hosts.map((h) => [
      h.name,
      `${h.user}@${h.address}:${h.port}`,
      h.auth.method === 'key' ? `key ${h.auth.keyPath}` : h.auth.method,
      h.trustedKey ? `${h.trustedKey.keyType} ${h.trustedKey.fingerprint}` : 'not yet',
      h.lastError ? `${h.state} (${h.lastError.code})` : h.state,
    ]),
    'No hosts yet (see: clusterdeck hosts add --help).',
  );
}

/** What `hosts probe` tells people: the system, addresses and the checks that matter. */
export function renderFacts(name: string, f: HostFacts): string[] {
  const addrs = f.interfaces.flatMap((i) =>
    i.ipv4.map((a) => `${a.address}/${a.prefix} (${i.name})`),
  );
  return [
    `${name}: ${f.os.prettyName}, kernel ${f.kernel}, ${f.arch}, ${f.virtualization.kind}`,
    `addresses: ${addrs.join(', ') || '-'}`,
    `default route: ${f.defaultRoutes.map((r) => `${r.gateway ?? '-'} via ${r.dev}`).join(', ') || '-'}`,
    ...f.checks
      .filter((c) => c.severity !== 'ok')
      .map((c) => `${c.severity}: ${c.title}: ${c.message}`),
    `probed at ${f.probedAt}`,
  ];
}

function authOf(opts: CommandInput['opts']) {
  const chosen = (['key', 'password', 'agent'] as const).filter((k) => opts[k] !== undefined);
  if (chosen.length > 1)
    throw usageError(
      `--${chosen[1] ?? ''}`,
      `give one of --agent, --key or --password, not ${chosen.map((c) => `--${c}`).join(' and ')}`,
      'hosts add',
    );
  if (typeof opts['key'] === 'string')
    return { method: 'key' as const, keyPath: resolve(opts['key']) };
  return opts['password'] === true ? { method: 'password' as const } : { method: 'agent' as const };
}

async function add(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const address = opts['address'];
  if (typeof address !== 'string')
    throw usageError('--address', 'give the host name or IP address', 'hosts add');
  // The contract validates the rest (and turns the port text into a number) as for the app's form.
  const host = await ctx.api.hosts.add({
    name: opts['name'] as string | undefined,
    address,
    port: opts['port'],
    user: opts['user'] as string | undefined,
    auth: authOf(opts),
  });
  return {
    data: host,
    text: lines(
      `Added host ${host.name} (${host.user}@${host.address}:${host.port}).`,
      `Next: clusterdeck hosts trust ${host.name} --fingerprint SHA256:... (after comparing the key on the server)`,
    ),
  };
}

async function trust(ctx: CliContext, { args, opts }: CommandInput): Promise<Outcome> {
  const host = await ctx.host(args[0]);
  const fingerprint = typeof opts['fingerprint'] === 'string' ? opts['fingerprint'] : '';
  const done = (h: HostView) => ({
    data: { host: h.name, trustedKey: h.trustedKey },
    text: lines(
      `${h.name}: trusts ${h.trustedKey?.keyType ?? ''} ${h.trustedKey?.fingerprint ?? ''}; connected.`,
    ),
  });
  try {
    return done(await ctx.api.hosts.connect({ hostId: host.id }));
  } catch (e) {
    const seen = isAppError(e) ? detailsOf(e, 'HOST_KEY_UNKNOWN') : null;
    if (seen === null) throw e;
    if (seen.fingerprint !== fingerprint) {
      throw new CliError(
        'HOST_KEY_UNKNOWN',
        `--fingerprint: ${host.name} presents ${seen.keyType} ${seen.fingerprint}${fingerprint ? `, not ${fingerprint}` : ''}`,
        `Compare it on the server (ssh-keygen -lf /etc/ssh/ssh_host_${seen.keyType.replace(/^ssh-/, '').replace(/-.*/, '')}_key.pub), then pass exactly that: clusterdeck hosts trust ${host.name} --fingerprint ${seen.fingerprint}`,
        seen,
      );
    }
    await ctx.api.hosts.trustKey({
      hostId: host.id,
      keyType: seen.keyType,
      fingerprint: seen.fingerprint,
    });
    return done(await ctx.api.hosts.connect({ hostId: host.id }));
  }
}

/** `clusterdeck hosts ...`. */
export const hostsCommands: Command[] = [
  {
    name: 'hosts list',
    summary: 'the hosts, their address, credentials, trusted key and connection',
    run: async (ctx) => {
      const hosts = await ctx.hosts();
      return { data: hosts, text: lines(hostRows(hosts)) };
    },
  },
  {
    name: 'hosts add',
    summary: 'adds a host (nothing is sent to it until it is trusted)',
    options: {
      address: { type: 'string', value: 'ADDRESS', help: 'host name or IP address (required)' },
      port: { type: 'string', value: 'PORT', help: 'SSH port (default 22)' },
      user: { type: 'string', value: 'USER', help: 'login (default root)' },
      name: {
        type: 'string',
        value: 'NAME',
        help: 'the name used everywhere else (default: the address)',
      },
      agent: { type: 'boolean', help: 'authenticate with ssh-agent (the default)' },
      key: { type: 'string', value: 'PATH', help: 'authenticate with this private key file' },
      password: { type: 'boolean', help: 'authenticate with a password (asked for at connect)' },
    },
    details:
      'Example: clusterdeck hosts add --name node1 --address 192.0.2.11 --key ~/.ssh/id_ed25519',
    run: add,
  },
  {
    name: 'hosts remove',
    args: 'HOST',
    argCount: [1, 1],
    summary: 'removes a host from this workstation (not from any cluster model)',
    run: async (ctx, { args }) => {
      const host = await ctx.host(args[0]);
      const r = await ctx.api.hosts.remove({ hostId: host.id });
      return { data: r, text: lines(`Removed host ${host.name}.`) };
    },
  },
  {
    name: 'hosts trust',
    args: 'HOST',
    argCount: [1, 1],
    summary: "trusts HOST's SSH key after you compared its fingerprint on the server",
    options: {
      fingerprint: { type: 'string', value: 'SHA256:...', help: 'the fingerprint you compared' },
    },
    details:
      'Without --fingerprint (or with another one) it prints the key the host presents and changes nothing.',
    run: trust,
  },
  {
    name: 'hosts probe',
    args: 'HOST',
    argCount: [1, 1],
    summary: 'connects and prints the host facts: system, addresses and what blocks a cluster',
    details: 'Progress goes to stderr; Ctrl-C cancels. With --json: every fact.',
    run: async (ctx, { args }) => {
      const host = await ctx.host(args[0]);
      const facts = await runTask(ctx, (taskId) =>
        ctx.api.hosts.probe({ hostId: host.id, taskId }),
      );
      return { data: facts, text: lines(renderFacts(host.name, facts)) };
    },
  },
];

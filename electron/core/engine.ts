import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../shared/api/dispatch';
import { EventBus, type AnyEventListener } from './events/event-bus';
import { HostKeyPolicy } from './hosts/host-key-policy';
import { HostService, type Prober, type SshSessions } from './hosts/host-service';
import { probeHost } from './probe/probe-host';
import { noSecretStore, type SecretStore } from './secrets/secret-store';
import { SshPool } from './ssh/ssh-pool';
import { AuditRepository } from './store/audit-repository';
import { openDatabase, type Db } from './store/database';
import { HostsRepository } from './store/hosts-repository';
import { APP_VERSION } from './version';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  secretStore?: SecretStore;
  /** known_hosts files whose entries count as trusted; default ~/.ssh/known_hosts. */
  knownHostsFiles?: readonly string[];
  /** Replaces the SSH pool (tests). */
  sessions?: SshSessions & { closeAll(): Promise<void> };
  probe?: Prober;
}

/** The engine as the transports see it. */
export interface Engine {
  handlers: Handlers;
  onEvent(listener: AnyEventListener): () => void;
  hosts: HostService;
  close(): Promise<void>;
}

/** Wires store, SSH pool and services into the handlers of every request of the contract. */
export function createEngine(opts: EngineOptions): Engine {
  const db: Db = openDatabase(join(opts.dataDir, 'clusterdeck.db'));
  const hostsRepo = new HostsRepository(db);
  const audit = new AuditRepository(db);
  const events = new EventBus();
  const secrets = opts.secretStore ?? noSecretStore;
  const keys = new HostKeyPolicy(hostsRepo, opts.knownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts')]);
  const sessions =
    opts.sessions ?? new SshPool({ verifier: (target, key) => keys.verify(target.hostId, target.host, target.port, key) });
  const hosts = new HostService({
    hosts: hostsRepo,
    audit,
    sessions,
    keys,
    secrets,
    events,
    probe: opts.probe ?? ((exec) => probeHost(exec)),
  });

  const handlers: Handlers = {
    'app:getInfo': () => ({
      version: APP_VERSION,
      mode: opts.mode,
      dataDir: opts.dataDir,
      secretStore: { available: secrets.available, backend: secrets.backend },
    }),
    'hosts:list': () => hosts.list(),
    'hosts:add': (input) => hosts.add(input),
    'hosts:remove': ({ hostId }) => hosts.remove(hostId),
    'hosts:connect': (input) => hosts.connect(input),
    'hosts:disconnect': ({ hostId }) => hosts.disconnect(hostId),
    'hosts:trustKey': (input) => hosts.trustKey(input),
    'hosts:forgetKey': ({ hostId }) => hosts.forgetKey(hostId),
    'hosts:probe': ({ hostId }) => hosts.probe(hostId),
    'hosts:getFacts': ({ hostId }) => hosts.getFacts(hostId),
    'audit:list': ({ limit }) => audit.list(limit),
  };

  return {
    handlers,
    onEvent: (l) => events.onEvent(l),
    hosts,
    async close() {
      hosts.dispose();
      await sessions.closeAll();
      db.close();
    },
  };
}

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { RequestParsedInput } from '../../../shared/api/contract';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { HostFacts } from '../../../shared/model/facts';
import type {
  ConnectionState,
  HostAuth,
  HostInputParsed,
  HostView,
} from '../../../shared/model/host';
import type { EventBus } from '../events/event-bus';
import type { SecretStore } from '../secrets/secret-store';
import { hostKeyChangedDetails } from '../ssh/host-key-check';
import type { ExecOptions, ExecResult, SshAuth, SshTarget, StateChange } from '../ssh/types';
import type { AuditRepository } from '../store/audit-repository';
import type { HostRecord, HostsRepository } from '../store/hosts-repository';
import type { HostKeyPolicy } from './host-key-policy';
import { checkKeyFile, resolveKeyPath } from './key-path';

/** What the host service needs of the SSH pool. */
export interface SshSessions {
  connect(target: SshTarget): Promise<void>;
  exec(hostId: string, command: string, opts: ExecOptions): Promise<ExecResult>;
  /** Short commands through the host's kept, framed shell (no new channel per command). */
  run?(hostId: string, command: string, opts: ExecOptions): Promise<ExecResult>;
  disconnect(hostId: string): Promise<void>;
  state(hostId: string): ConnectionState;
  onState(listener: (change: StateChange) => void): () => void;
}

/** Probes a host over an exec function. */
export type Prober = (
  exec: (command: string, opts: ExecOptions) => Promise<ExecResult>,
) => Promise<HostFacts>;

/** Dependencies of {@link HostService}, passed in so tests can swap any of them. */
export interface HostServiceDeps {
  hosts: HostsRepository;
  audit: AuditRepository;
  sessions: SshSessions;
  keys: HostKeyPolicy;
  secrets: SecretStore;
  events: EventBus;
  probe: Prober;
  /** The SSH agent socket; defaults to SSH_AUTH_SOCK. */
  agentSocket?: string | undefined;
  /** Where `~/` and relative key paths start; defaults to the user's home directory. */
  home?: string;
}

/** Hosts: add, trust, connect, probe. Secrets live in memory for this run unless stored safely. */
export class HostService {
  private readonly lastErrors = new Map<string, { code: string; message: string }>();
  /** Secrets entered this run, kept only in memory so the pool can reconnect. */
  private readonly sessionSecrets = new Map<string, string>();
  private readonly unsubscribe: () => void;

  private readonly home: string;

  constructor(private readonly d: HostServiceDeps) {
    this.home = d.home ?? homedir();
    this.unsubscribe = d.sessions.onState((c) => {
      if (c.state === 'connected') this.lastErrors.delete(c.hostId);
      if (c.error) this.lastErrors.set(c.hostId, c.error);
      d.events.emit('host:status', { hostId: c.hostId, state: c.state, error: c.error ?? null });
    });
  }

  /** Stops listening to the pool. */
  dispose(): void {
    this.unsubscribe();
  }

  /** Every host with its live state. */
  list(): HostView[] {
    return this.d.hosts.list().map((h) => this.view(h));
  }

  /**
   * Adds a host (no connection yet). A key path is stored absolute (`~/` and relative paths
   * start at the home directory) and must name a readable file: VALIDATION on `auth.keyPath`.
   */
  add(input: HostInputParsed): HostView {
    let auth: HostAuth = input.auth;
    if (input.auth.method === 'key') {
      const keyPath = resolveKeyPath(input.auth.keyPath, this.home);
      checkKeyFile(keyPath);
      auth = { method: 'key', keyPath };
    }
    const rec = this.d.hosts.add({ ...input, auth });
    this.d.audit.record({
      action: 'hosts:add',
      hostId: rec.id,
      result: 'ok',
      details: { address: rec.address, port: rec.port },
    });
    this.d.events.emit('hosts:changed', {});
    return this.view(rec);
  }

  /** Disconnects and removes a host with everything stored about it. */
  async remove(hostId: string): Promise<{ removed: boolean }> {
    this.d.hosts.get(hostId);
    await this.d.sessions.disconnect(hostId);
    this.sessionSecrets.delete(hostId);
    this.lastErrors.delete(hostId);
    const removed = this.d.hosts.remove(hostId);
    this.d.audit.record({ action: 'hosts:remove', hostId, result: 'ok' });
    this.d.events.emit('hosts:changed', {});
    return { removed };
  }

  /** Opens the kept session; see the contract for the errors that ask the user something. */
  async connect(input: RequestParsedInput<'hosts:connect'>): Promise<HostView> {
    const rec = this.d.hosts.get(input.hostId);
    try {
      const secret = input.secret ?? this.knownSecret(rec);
      await this.d.sessions.connect({
        hostId: rec.id,
        host: rec.address,
        port: rec.port,
        username: rec.user,
        auth: await this.authFor(rec, secret),
      });
      if (input.secret !== undefined) {
        this.sessionSecrets.set(rec.id, input.secret);
        if (input.rememberSecret && this.d.secrets.available) {
          this.d.hosts.saveSecret(
            rec.id,
            this.d.secrets.backend,
            this.d.secrets.encrypt(input.secret),
          );
        }
      }
      this.lastErrors.delete(rec.id);
      this.d.audit.record({ action: 'hosts:connect', hostId: rec.id, result: 'ok' });
      return this.view(this.d.hosts.get(rec.id));
    } catch (e) {
      const info = toErrorInfo(e);
      this.lastErrors.set(rec.id, { code: info.code, message: info.message });
      this.d.audit.record({
        action: 'hosts:connect',
        hostId: rec.id,
        result: 'error',
        details: { code: info.code },
      });
      throw e;
    }
  }

  /** Closes the kept session. */
  async disconnect(hostId: string): Promise<HostView> {
    const rec = this.d.hosts.get(hostId);
    await this.d.sessions.disconnect(hostId);
    return this.view(rec);
  }

  /** Trusts the key the host presented last; refuses anything else. */
  trustKey(input: RequestParsedInput<'hosts:trustKey'>): HostView {
    const rec = this.d.hosts.get(input.hostId);
    const seen = this.d.keys.lastSeen(rec.id);
    if (!seen || seen.fingerprint !== input.fingerprint || seen.keyType !== input.keyType) {
      throw new AppError(
        'VALIDATION',
        'fingerprint: does not match the key this host presented; connect again and compare',
        {
          issues: [{ field: 'fingerprint', message: 'does not match the key the host presented' }],
        },
      );
    }
    // A key that matches none of the known ones (ours, else known_hosts; of any type) was refused
    // as changed: trusting it here would undo that refusal.
    const known = this.d.keys.knownKeys(rec.id, rec.address, rec.port);
    if (known.length > 0 && !known.some((k) => k.fingerprint === input.fingerprint)) {
      const keys = known.map((k) => `${k.keyType} ${k.fingerprint}`).join(', ');
      throw new AppError(
        'HOST_KEY_CHANGED',
        known.some((k) => k.source === 'clusterdeck')
          ? `${rec.name} already has another trusted key (${keys}); forget it first if the server was really reinstalled`
          : `${rec.name} is known with another key in known_hosts (${keys}); remove that entry first if the server was really reinstalled`,
        hostKeyChangedDetails(input, known, false),
      );
    }
    this.d.hosts.trustKey(rec.id, { keyType: input.keyType, fingerprint: input.fingerprint });
    this.d.audit.record({
      action: 'hosts:trustKey',
      hostId: rec.id,
      result: 'ok',
      details: { ...seen },
    });
    this.d.events.emit('hosts:changed', {});
    return this.view(this.d.hosts.get(rec.id));
  }

  /** Forgets the trusted key (the next connection asks again) and closes the session. */
  async forgetKey(hostId: string): Promise<HostView> {
    const rec = this.d.hosts.get(hostId);
    await this.d.sessions.disconnect(hostId);
    this.d.hosts.forgetKey(hostId);
    this.d.audit.record({
      action: 'hosts:forgetKey',
      hostId,
      result: 'ok',
      details: { ...(rec.trustedKey ?? {}) },
    });
    this.d.events.emit('hosts:changed', {});
    return this.view(this.d.hosts.get(hostId));
  }

  /** Probes the host (connecting first if needed) and stores the facts; `signal` stops the probe. */
  async probe(hostId: string, signal?: AbortSignal): Promise<HostFacts> {
    this.d.hosts.get(hostId);
    if (this.d.sessions.state(hostId) !== 'connected') await this.connect({ hostId });
    try {
      const sessions = this.d.sessions;
      const facts = await this.d.probe((command, opts) => {
        const o = signal ? { ...opts, signal } : opts;
        return sessions.run ? sessions.run(hostId, command, o) : sessions.exec(hostId, command, o);
      });
      this.d.hosts.saveFacts(hostId, facts);
      this.d.audit.record({ action: 'hosts:probe', hostId, result: 'ok' });
      this.d.events.emit('host:facts', { hostId, facts });
      return facts;
    } catch (e) {
      this.d.audit.record({
        action: 'hosts:probe',
        hostId,
        result: 'error',
        details: { code: toErrorInfo(e).code },
      });
      throw e;
    }
  }

  /** The last stored facts. */
  getFacts(hostId: string): HostFacts | null {
    this.d.hosts.get(hostId);
    return this.d.hosts.getFacts(hostId);
  }

  private knownSecret(rec: HostRecord): string | undefined {
    const inMemory = this.sessionSecrets.get(rec.id);
    if (inMemory !== undefined) return inMemory;
    const stored = this.d.hosts.getSecret(rec.id);
    if (!stored || !this.d.secrets.available || stored.backend !== this.d.secrets.backend)
      return undefined;
    try {
      return this.d.secrets.decrypt(stored.ciphertext);
    } catch {
      return undefined;
    }
  }

  private async authFor(rec: HostRecord, secret: string | undefined): Promise<SshAuth> {
    switch (rec.auth.method) {
      case 'agent': {
        const socket = this.d.agentSocket ?? process.env['SSH_AUTH_SOCK'];
        if (!socket) {
          throw new AppError(
            'SSH_AUTH_FAILED',
            `${rec.name}: no ssh-agent is running (SSH_AUTH_SOCK is not set)`,
          );
        }
        return { method: 'agent', socket };
      }
      case 'key': {
        const path = resolveKeyPath(rec.auth.keyPath, this.home);
        let privateKey: Buffer;
        try {
          privateKey = await readFile(path);
        } catch (e) {
          throw new AppError(
            'VALIDATION',
            `auth.keyPath: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          );
        }
        return secret === undefined
          ? { method: 'key', privateKey }
          : { method: 'key', privateKey, passphrase: secret };
      }
      case 'password':
        if (secret === undefined) {
          throw new AppError(
            'SSH_CREDENTIAL_REQUIRED',
            `${rec.name}: a password is needed to connect`,
            { kind: 'password' },
          );
        }
        return { method: 'password', password: secret };
    }
  }

  private view(rec: HostRecord): HostView {
    return {
      id: rec.id,
      name: rec.name,
      address: rec.address,
      port: rec.port,
      user: rec.user,
      // Hosts added before key paths were resolved may hold `~/`: shown absolute too.
      auth:
        rec.auth.method === 'key'
          ? { method: 'key', keyPath: resolveKeyPath(rec.auth.keyPath, this.home) }
          : rec.auth,
      hasStoredSecret: rec.hasStoredSecret,
      trustedKey: rec.trustedKey,
      state: this.d.sessions.state(rec.id),
      lastError: this.lastErrors.get(rec.id) ?? null,
      createdAt: rec.createdAt,
    };
  }
}

import type { HostFacts } from '../../../shared/model/facts';
import type { HostView } from '../../../shared/model/host';
import type {
  HostQueueView,
  QueueApplyView,
  QueueItemView,
  QueueRunView,
} from '../../../shared/model/queue';
import type { Plan, PlanStep } from '../../../shared/plan/types';

/** A host as the engine returns it, for tests. */
export function hostView(overrides: Partial<HostView> = {}): HostView {
  return {
    id: 'h1',
    name: 'web1',
    address: '192.0.2.10',
    port: 22,
    user: 'root',
    auth: { method: 'agent' },
    hasStoredSecret: false,
    trustedKey: null,
    state: 'disconnected',
    lastError: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Facts of a Debian 12 VM, for tests and screenshots. */
export function hostFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    probedAt: '2025-01-01T12:00:00.000Z',
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] },
    kernel: '6.1.0-28-amd64',
    arch: 'x86_64',
    hostname: 'web1',
    virtualization: { kind: 'kvm', isContainer: false, isOpenVz: false },
    interfaces: [
      {
        name: 'lo',
        state: 'UNKNOWN',
        ipv4: [{ address: '127.0.0.1', prefix: 8 }],
        ipv6: [{ address: '::1', prefix: 128, scope: 'host' }],
      },
      {
        name: 'eth0',
        state: 'UP',
        mac: '52:54:00:12:34:56',
        ipv4: [{ address: '192.0.2.10', prefix: 24 }],
        ipv6: [{ address: 'fe80::5054:ff:fe12:3456', prefix: 64, scope: 'link' }],
      },
    ],
    defaultRoutes: [{ gateway: '192.0.2.1', dev: 'eth0' }],
    disks: [
      {
        path: '/',
        exists: true,
        mount: '/',
        fsType: 'ext4',
        sizeBytes: 20 * 1024 ** 3,
        availBytes: 12.5 * 1024 ** 3,
      },
      {
        path: '/home',
        exists: true,
        mount: '/',
        fsType: 'ext4',
        sizeBytes: 20 * 1024 ** 3,
        availBytes: 12.5 * 1024 ** 3,
      },
      { path: '/chroot', exists: false },
    ],
    tools: {
      ipvsadm: true,
      keepalived: false,
      exportfs: true,
      nfsServer: true,
      nfsClient: true,
      quota: false,
      rquotad: false,
    },
    modules: {
      ip_vs: { loaded: false, builtin: false, available: true },
      nfsd: { loaded: true, builtin: false, available: true },
      nfs: { loaded: false, builtin: false, available: false },
    },
    clock: { skewMs: 42, rttMs: 3 },
    checks: [
      {
        id: 'os.supported',
        severity: 'ok',
        title: 'Supported OS',
        message: 'Debian 12 is supported.',
      },
      {
        id: 'tools.keepalived',
        severity: 'warning',
        title: 'keepalived missing',
        message: 'It will be installed.',
      },
      {
        id: 'virt.openvz',
        severity: 'blocker',
        title: 'OpenVZ',
        message: 'ip_vs cannot load in a container.',
      },
    ],
    ...overrides,
  };
}

/** A queued step, for tests and screenshots. */
export function queueItem(overrides: Partial<QueueItemView> = {}): QueueItemView {
  return {
    id: 1,
    hostId: 'h1',
    applyId: 'a1',
    stepId: 'packages.install',
    title: 'Install packages',
    state: 'pending',
    attempts: 0,
    lastError: null,
    outcome: null,
    nextRetryAt: null,
    createdAt: '2025-01-01T12:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

/** A host's queue, for tests and screenshots. */
export function hostQueue(overrides: Partial<HostQueueView> = {}): HostQueueView {
  return {
    hostId: 'h1',
    status: 'idle',
    current: null,
    pending: 0,
    items: [],
    waitingFor: null,
    applies: [],
    ...overrides,
  };
}

/** An apply as the queue lists it, for tests and screenshots. */
export function queueApply(overrides: Partial<QueueApplyView> = {}): QueueApplyView {
  return {
    id: 'a1',
    title: 'Set up cluster web',
    createdAt: '2025-01-01T12:00:00.000Z',
    finishedAt: null,
    result: null,
    hosts: 1,
    counts: { pending: 0, running: 0, failed: 0, done: 0, skipped: 0, cancelled: 0 },
    ...overrides,
  };
}

/** A recorded run, for tests and screenshots. */
export function queueRun(overrides: Partial<QueueRunView> = {}): QueueRunView {
  return {
    id: 1,
    attempt: 1,
    phase: 'command',
    command: 'apt-get install -y ipvsadm',
    exitCode: 0,
    stdout: '',
    stderr: '',
    startedAt: '2025-01-01T12:00:01.000Z',
    durationMs: 1200,
    ...overrides,
  };
}

/** A plan step, for tests and screenshots. */
export function planStep(overrides: Partial<PlanStep> = {}): PlanStep {
  return {
    id: 'packages.install',
    title: 'Install packages',
    commands: ['apt-get install -y ipvsadm keepalived'],
    files: [],
    check: 'dpkg -s ipvsadm keepalived',
    verify: null,
    timeoutSec: 600,
    waitFor: [],
    ...overrides,
  };
}

/** A two-host plan, for tests and screenshots. */
export function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    title: 'Set up cluster web',
    hash: 'c0ffee00deadbeef1234567890abcdef',
    hosts: [
      { hostId: 'm1', hostName: 'lb1', role: 'manager', steps: [planStep()] },
      { hostId: 'n1', hostName: 'web1', role: 'node', steps: [] },
    ],
    ...overrides,
  };
}

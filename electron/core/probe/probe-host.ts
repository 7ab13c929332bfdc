import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { HostFacts } from '../../../shared/model/facts';
import { assessFacts, type HostRole } from '../../../shared/probe/assess';
import { factsFromSections } from '../../../shared/probe/collect-facts';
import { clockSkew, parseRemoteClock } from '../../../shared/probe/parse-clock';
import { probeCommand, probeStdin } from '../../../shared/probe/probe-script';
import { splitSections } from '../../../shared/probe/sections';
import type { ExecOptions, ExecResult } from '../ssh/types';

/** Runs one command on the probed host (the pool's exec bound to a host). */
export type ProbeExec = (command: string, opts: ExecOptions) => Promise<ExecResult>;

/** Options of {@link probeHost}; all optional. */
export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  role?: HostRole;
  /** Workstation clock in epoch ms (tests). */
  now?: () => number;
  /** Section marker (tests); random per run otherwise. */
  marker?: string;
}

/** The raw result of one probe run, before parsing: what capture-fixtures saves. */
export interface RawProbe {
  sections: Map<string, string>;
  marker: string;
  sentAtMs: number;
  /** When the clock section had fully arrived; undefined if it never did. */
  clockAtMs: number | undefined;
}

/** Runs the probe script in one round trip and returns its sections. */
export async function runProbe(exec: ProbeExec, opts: ProbeOptions = {}): Promise<RawProbe> {
  const now = opts.now ?? Date.now;
  const marker = opts.marker ?? `CDPROBE-${randomBytes(16).toString('hex')}`;
  // The clock reading is complete once the next section's header has arrived.
  const afterClock = `${marker} os-release`;
  let seen = '';
  let clockAtMs: number | undefined;
  const sentAtMs = now();
  const execOpts: ExecOptions = {
    timeoutMs: opts.timeoutMs ?? 60_000,
    stdin: probeStdin(marker),
    onStdout: (chunk) => {
      if (clockAtMs !== undefined) return;
      seen += chunk.toString('latin1');
      if (seen.includes(afterClock)) clockAtMs = now();
    },
  };
  if (opts.signal) execOpts.signal = opts.signal;
  const result = await exec(probeCommand(), execOpts);
  if (result.code !== 0) {
    throw new AppError(
      'COMMAND_FAILED',
      `the probe failed with exit code ${String(result.code)}: ${result.stderr.trim().slice(0, 500)}`,
      {
        code: result.code,
        stderr: result.stderr.slice(0, 2000),
      },
    );
  }
  return {
    sections: splitSections(result.stdout, marker),
    marker,
    sentAtMs,
    clockAtMs: clockAtMs ?? now(),
  };
}

/**
 * Probes a host in one round trip: OS, kernel, virtualization, network, disks, cluster tools,
 * kernel modules and clock skew, each then judged by {@link assessFacts}.
 */
export async function probeHost(exec: ProbeExec, opts: ProbeOptions = {}): Promise<HostFacts> {
  const raw = await runProbe(exec, opts);
  const remote = parseRemoteClock(raw.sections.get('clock') ?? '');
  const clock =
    remote === undefined
      ? { skewMs: 0, rttMs: 0 }
      : clockSkew(remote, raw.sentAtMs, raw.clockAtMs ?? raw.sentAtMs);
  let facts;
  try {
    facts = factsFromSections(raw.sections, {
      probedAt: new Date(raw.sentAtMs).toISOString(),
      clock,
    });
  } catch (e) {
    throw new AppError(
      'COMMAND_FAILED',
      `the probe output could not be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const assessOpts = opts.role === undefined ? {} : { role: opts.role };
  return { ...facts, checks: assessFacts(facts, assessOpts) };
}

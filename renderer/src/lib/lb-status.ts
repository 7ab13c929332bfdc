import type { LbStatus, RealServerState } from '../../../shared/lb/status';
import type { ClusterNode } from '../../../shared/model/cluster';
import { formatBytes } from './format';

/** How a real server's state is drawn: MUI chip colour and variant. */
export interface StateLook {
  color: 'success' | 'error' | 'warning' | 'default' | 'info';
  variant: 'filled' | 'outlined';
}

/**
 * up green, down red, drain amber, maintenance grey; extra, sorry and unknown outlined; pending
 * (saved, not applied) neutral: nobody asked the hosts for it yet, so nothing is wrong.
 */
export const STATE_LOOK: Record<RealServerState, StateLook> = {
  up: { color: 'success', variant: 'filled' },
  down: { color: 'error', variant: 'filled' },
  drain: { color: 'warning', variant: 'filled' },
  maintenance: { color: 'default', variant: 'filled' },
  extra: { color: 'warning', variant: 'outlined' },
  sorry: { color: 'info', variant: 'outlined' },
  pending: { color: 'default', variant: 'outlined' },
  unknown: { color: 'default', variant: 'outlined' },
};

/** A rate per second: "0", "0.5", "12", "1.2k". */
export function formatPerSec(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  if (n >= 10_000) return `${(Math.round(n / 100) / 10).toString()}k`;
  if (n >= 10) return Math.round(n).toString();
  return (Math.round(n * 10) / 10).toString();
}

/** Bytes per second in binary units: "1.5 KiB/s". */
export function formatBytesPerSec(n: number): string {
  return `${formatBytes(Math.max(0, n))}/s`;
}

/** Live weight against the model's: the text and whether they differ. */
export function weightText(
  live: number | null,
  model: number | null,
): { text: string; differs: boolean } {
  const show = (w: number | null) => (w === null ? '—' : String(w));
  return { text: `${show(live)} / ${show(model)}`, differs: live !== model };
}

/** What the node operations column says about a node's load-balancing mode. */
export type NodeLbPhase =
  /** Serving at its weights. */
  | 'active'
  /** Asked to drain in the model; not applied to the manager yet. */
  | 'drain-pending'
  /** Applied at weight 0, connections still open. */
  | 'draining'
  /** Applied at weight 0 and no active connection left. */
  | 'drained'
  | 'maintenance-pending'
  | 'maintenance'
  /** Back to active in the model, but the manager still has it drained or out. */
  | 'return-pending';

/**
 * The phase of a node from its desired mode, the mode the manager last had applied, and its
 * live active connections (null when unknown: a drain counts as drained only at a known 0).
 */
export function nodeLbPhase(
  desired: ClusterNode['lbMode'],
  applied: ClusterNode['lbMode'] | null,
  activeConns: number | null,
): NodeLbPhase {
  if (desired === 'active')
    return applied === null || applied === 'active' ? 'active' : 'return-pending';
  if (desired === 'maintenance')
    return applied === 'maintenance' ? 'maintenance' : 'maintenance-pending';
  if (applied !== 'drain') return 'drain-pending';
  return activeConns === 0 ? 'drained' : 'draining';
}

/** The reading to show: the latest one that reached the manager, else the latest at all. */
export function shownStatus(last: LbStatus | null, latest: LbStatus | null): LbStatus | null {
  return last ?? latest;
}

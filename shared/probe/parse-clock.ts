/**
 * Parses `date +%s%3N`: epoch milliseconds. Where %N is unsupported (busybox prints `%3N` or
 * `3N` literally) the seconds are used.
 */
export function parseRemoteClock(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{13}$/.test(t)) return Number(t);
  const secs = /^(\d{9,11})/.exec(t)?.[1];
  return secs === undefined ? undefined : Number(secs) * 1000;
}

/**
 * Clock skew of the host against the workstation. The remote clock was read somewhere between
 * sending the probe and receiving the reading; the midpoint is the best estimate, and the
 * error is at most half the round trip.
 */
export function clockSkew(
  remoteMs: number,
  sentAtMs: number,
  receivedAtMs: number,
): { skewMs: number; rttMs: number } {
  const rttMs = Math.max(0, receivedAtMs - sentAtMs);
  return { skewMs: Math.round(remoteMs - (sentAtMs + rttMs / 2)), rttMs };
}

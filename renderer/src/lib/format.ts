import type { HostAuth } from '../../../shared/model/host';
import type { InterfaceAddress, ModuleFact } from '../../../shared/model/facts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in binary units with up to one decimal: 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text =
    unit === 0 || value >= 100
      ? Math.round(value).toString()
      : (Math.round(value * 10) / 10).toString();
  return `${text} ${UNITS[unit] ?? 'B'}`;
}

/** `address:port`, with IPv6 literals in brackets as ssh and URLs write them. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** How a host authenticates, in words. */
export function formatAuth(auth: HostAuth): string {
  switch (auth.method) {
    case 'agent':
      return 'ssh-agent';
    case 'key':
      return `key file ${auth.keyPath}`;
    case 'password':
      return 'password';
  }
}

/** A clock offset as a signed duration: "+1.2 s", "-35 ms". */
export function formatSkew(skewMs: number): string {
  const sign = skewMs > 0 ? '+' : skewMs < 0 ? '−' : '±';
  const abs = Math.abs(skewMs);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 120_000) return `${sign}${(Math.round(abs / 100) / 10).toString()} s`;
  return `${sign}${Math.round(abs / 60_000)} min`;
}

/** An interface address in CIDR form: "192.0.2.10/24". */
export function formatCidr(a: InterfaceAddress): string {
  return `${a.address}/${a.prefix}`;
}

/** A kernel module's availability in words. */
export function formatModule(m: ModuleFact): 'loaded' | 'built in' | 'available' | 'missing' {
  if (m.builtin) return 'built in';
  if (m.loaded) return 'loaded';
  if (m.available) return 'available';
  return 'missing';
}

/** A timestamp in the user's locale, or the raw text if it does not parse. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}

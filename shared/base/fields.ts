import { z } from 'zod';

/**
 * Field schemas and checks that every layer shares: the bottom of shared/ (see shared/README.md).
 * This module imports nothing but zod, so the model, the load balancer and the planners can
 * all use one definition of an address, a host id or an interface name.
 */

/** An engine host id (a UUID in practice); ids never reach a shell. */
export const HostId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
    'host id must be letters, digits, ".", "_", ":" or "-"',
  );

/** A dotted-quad IPv4 address (the cluster's networks, NFS exports and LVS are IPv4). */
export const Ipv4 = z.string().trim().refine(isIPv4, 'must be an IPv4 address such as 10.20.0.2');

const INTERFACE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,14}$/;

/** Whether a string is a network interface name as Linux allows it (at most 15, no "/" or spaces). */
export function isInterfaceName(s: string): boolean {
  return INTERFACE_NAME.test(s);
}

/** A network interface name (see {@link isInterfaceName}); it lands in paths and files. */
export const InterfaceName = z
  .string()
  .regex(INTERFACE_NAME, 'must be an interface name such as eth1 (at most 15 characters)');

/** A TCP or UDP port held as a number (models, requests). */
export const Port = z
  .number({ error: 'port must be a number' })
  .int('port must be a whole number')
  .min(1, 'port must be between 1 and 65535')
  .max(65535, 'port must be between 1 and 65535');

/** A DNS name or an IPv4/IPv6 literal: what a user types as a host address. */
export const hostAddress = z
  .string()
  .trim()
  .min(1, 'address is required')
  .max(253, 'address is too long')
  .refine(
    (s) => isIPv4(s) || isIPv6(s) || isHostname(s),
    'address must be a host name or an IPv4/IPv6 address',
  );

/** A TCP port as a form sends it: a number or its text. */
export const port = z.coerce.number({ error: 'port must be a number' }).pipe(Port);

/** A POSIX user name as accepted by useradd on Debian and RHEL. */
export const unixUser = z
  .string()
  .trim()
  .regex(
    /^[a-z_][a-z0-9_-]{0,31}$/,
    'user must be a Unix user name (lower case letters, digits, _ and -)',
  );

/** An absolute path with no control characters. */
export const absolutePath = z
  .string()
  .trim()
  .min(1, 'path is required')
  .max(4096, 'path is too long')
  .refine(
    (s) => s.startsWith('/') || s.startsWith('~/'),
    'path must be absolute (or start with ~/)',
  )
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((s) => !/[\0-\x1f\x7f]/.test(s), 'path must not contain control characters');

/** Whether a string is a dotted-quad IPv4 address. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return (
    parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)
  );
}

/** Whether a string is an IPv6 address (RFC 4291 text forms, no zone id). */
export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(dbl[0] ?? '');
  const tail = dbl.length === 2 ? groups(dbl[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? count < 8 : count === 8;
}

/** Whether a string is a DNS host name (RFC 1123 labels). */
export function isHostname(s: string): boolean {
  if (s.length > 253) return false;
  return s
    .replace(/\.$/, '')
    .split('.')
    .every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

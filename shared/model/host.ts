import { z } from 'zod';
import { absolutePath, hostAddress, port, unixUser } from '../base/fields';

/** How ClusterDeck authenticates to a host. Secrets themselves are never part of the model. */
export const HostAuth = z.discriminatedUnion('method', [
  z.object({ method: z.literal('agent') }),
  z.object({ method: z.literal('key'), keyPath: absolutePath }),
  z.object({ method: z.literal('password') }),
]);
export type HostAuth = z.infer<typeof HostAuth>;

/**
 * A private key path as typed when adding a host: absolute, `~/…`, or relative to the home
 * directory. The engine resolves it (HostView always holds it absolute) and checks the file.
 */
export const TypedKeyPath = z
  .string()
  .trim()
  .min(1, 'path is required')
  .max(4096, 'path is too long')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((s) => !/[\0-\x1f\x7f]/.test(s), 'path must not contain control characters');

/** How to authenticate, as typed when adding a host (the key path not yet resolved). */
export const HostAuthInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('agent') }),
  z.object({ method: z.literal('key'), keyPath: TypedKeyPath }),
  z.object({ method: z.literal('password') }),
]);

/** What a user enters to add a host. */
export const HostInput = z.object({
  name: z
    .string()
    .trim()
    .max(64, 'name is too long')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name may contain letters, digits, ".", "_" and "-"')
    .optional(),
  address: hostAddress,
  port: port.default(22),
  user: unixUser.default('root'),
  auth: HostAuthInput,
});
export type HostInput = z.input<typeof HostInput>;
export type HostInputParsed = z.output<typeof HostInput>;

/** Live connection state of a host's kept SSH session. */
export const ConnectionState = z.enum([
  'disconnected',
  'connecting',
  'connected',
  'reconnecting',
  'error',
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** A trusted host key as the user accepted it. */
export const HostKeyInfo = z.object({
  keyType: z.string(),
  fingerprint: z.string(),
});
export type HostKeyInfo = z.infer<typeof HostKeyInfo>;

/** A host as the UI sees it: no secrets, only whether one is stored. */
export const HostView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  port: z.number(),
  user: z.string(),
  auth: HostAuth,
  hasStoredSecret: z.boolean(),
  trustedKey: HostKeyInfo.nullable(),
  state: ConnectionState,
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
});
export type HostView = z.infer<typeof HostView>;

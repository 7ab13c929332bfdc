import { z } from 'zod';
import { absolutePath, hostAddress, port, unixUser } from '../base/fields';

/** How ClusterDeck authenticates to a host. Secrets themselves are never part of the model. */
export const HostAuth = z.discriminatedUnion('method', [
  z.object({ method: z.literal('agent') }),
  z.object({ method: z.literal('key'), keyPath: absolutePath }),
  z.object({ method: z.literal('password') }),
]);
export type HostAuth = z.infer<typeof HostAuth>;

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
  auth: HostAuth,
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

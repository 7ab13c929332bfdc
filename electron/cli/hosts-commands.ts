import { resolve } from 'node:path';
import { requests } from '../../shared/api/contract';
import { parseOrThrow } from '../../shared/api/dispatch';
import { isAppError } from '../../shared/api/errors';
import { findHost, type CliContext } from './cli-context';

/** `clusterdeck hosts list|add|trust|probe`. */
export async function hostsCommand({ engine, flags }: CliContext, verb: string | undefined, arg: string | undefined): Promise<unknown> {
  switch (verb) {
    case 'list':
      return engine.hosts.list();
    case 'add': {
      const auth = flags['key']
        ? { method: 'key', keyPath: resolve(String(flags['key'])) }
        : flags['password']
          ? { method: 'password' }
          : { method: 'agent' };
      const input = parseOrThrow(requests['hosts:add'].input, {
        name: flags['name'],
        address: flags['address'],
        port: flags['port'],
        user: flags['user'],
        auth,
      });
      return engine.hosts.add(input);
    }
    case 'trust': {
      const host = findHost(engine, arg);
      const fingerprint = String(flags['fingerprint'] ?? '');
      try {
        await engine.hosts.connect({ hostId: host.id });
        return { host: host.name, trustedKey: engine.hosts.list().find((h) => h.id === host.id)?.trustedKey };
      } catch (e) {
        if (!isAppError(e) || e.code !== 'HOST_KEY_UNKNOWN') throw e;
        const seen = e.details as { keyType: string; fingerprint: string };
        if (seen.fingerprint !== fingerprint) {
          throw new Error(
            `fingerprint: ${host.name} presents ${seen.keyType} ${seen.fingerprint}; compare it on the server, then pass exactly that with --fingerprint`,
          );
        }
        engine.hosts.trustKey({ hostId: host.id, keyType: seen.keyType, fingerprint: seen.fingerprint });
        await engine.hosts.connect({ hostId: host.id });
        return { host: host.name, trustedKey: { keyType: seen.keyType, fingerprint: seen.fingerprint } };
      }
    }
    case 'probe':
      return engine.hosts.probe(findHost(engine, arg).id);
    default:
      throw new Error(`hosts: unknown command ${JSON.stringify(verb ?? '')}`);
  }
}

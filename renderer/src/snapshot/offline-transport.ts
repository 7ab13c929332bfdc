import type { Transport } from '../../../shared/api/client';
import {
  isRequestChannel,
  requests,
  type AppInfo,
  type RequestChannel,
  type RequestOutput,
  type RequestParsedInput,
} from '../../../shared/api/contract';
import { parseOrThrow } from '../../../shared/api/dispatch';
import type { Envelope } from '../../../shared/api/envelope';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { SnapshotBody, SnapshotHost } from '../../../shared/snapshot/format';

/** The requests a snapshot answers: the reads the pages make. Every other one is refused. */
type ReadChannel =
  | 'app:getInfo'
  | 'hosts:list'
  | 'hosts:getFacts'
  | 'clusters:list'
  | 'clusters:get'
  | 'lb:status'
  | 'lb:drift'
  | 'queue:list'
  | 'queue:get'
  | 'queue:runs'
  | 'audit:list'
  | 'tasks:list';

type ReadHandlers = {
  [C in ReadChannel]: (input: RequestParsedInput<C>) => RequestOutput<C>;
};

function readHandlers(body: SnapshotBody, appInfo: AppInfo): ReadHandlers {
  const clusterId = body.cluster.cluster.id;
  const host = (hostId: string): SnapshotHost => {
    const found = body.hosts.find((h) => h.host.id === hostId);
    if (found === undefined) {
      throw new AppError('NOT_FOUND', `host ${hostId} is not in this snapshot`, { hostId });
    }
    return found;
  };
  const ofCluster = (id: string) => {
    if (id !== clusterId) {
      throw new AppError('NOT_FOUND', `cluster ${id} is not in this snapshot`, {});
    }
  };
  return {
    'app:getInfo': () => appInfo,
    'hosts:list': () => body.hosts.map((h) => h.host),
    'hosts:getFacts': ({ hostId }) => host(hostId).facts,
    'clusters:list': () => [body.cluster],
    'clusters:get': (input) => {
      ofCluster(input.clusterId);
      return body.cluster;
    },
    'lb:status': (input) => {
      ofCluster(input.clusterId);
      if (body.lb === null) {
        throw new AppError('NOT_FOUND', 'this snapshot holds no load-balancing status', {});
      }
      return body.lb;
    },
    'lb:drift': (input) => {
      ofCluster(input.clusterId);
      if (body.drift === null) {
        throw new AppError(
          'INTERNAL',
          `the drift check failed when the snapshot was taken: ${body.driftError ?? 'no reason recorded'}`,
          {},
        );
      }
      return body.drift;
    },
    'queue:list': () => body.hosts.flatMap((h) => (h.queue === null ? [] : [h.queue])),
    'queue:get': ({ hostId }) => {
      const queue = host(hostId).queue;
      if (queue === null) {
        throw new AppError('NOT_FOUND', `the queue of host ${hostId} is not in this snapshot`, {
          hostId,
        });
      }
      return queue;
    },
    'queue:runs': ({ itemId }) => {
      for (const h of body.hosts) {
        const runs = h.runs[String(itemId)];
        if (runs !== undefined) return runs;
      }
      return [];
    },
    'audit:list': ({ limit }) => body.audit.slice(0, limit),
    'tasks:list': () => [],
  };
}

function isReadChannel(
  channel: RequestChannel,
  handlers: ReadHandlers,
): channel is ReadChannel & RequestChannel {
  return Object.prototype.hasOwnProperty.call(handlers, channel);
}

/**
 * A {@link Transport} that answers the API from a snapshot's body, with no connection at all:
 * the reads the pages make (hosts, facts, the cluster, load-balancing status and drift, queues
 * with their runs, audit, no tasks) come from what the snapshot recorded, their inputs validated
 * with the contract's schemas as the engine does. Every other request is refused with
 * SNAPSHOT_READ_ONLY naming it, before its input is looked at: a snapshot is a record, and
 * nothing may act on it or reach a host through it. It emits no events.
 *
 * `appInfo` answers app:getInfo (the engine's info as the app last knew it: a snapshot has no
 * engine of its own).
 */
export function createSnapshotTransport(body: SnapshotBody, appInfo: AppInfo): Transport {
  const handlers = readHandlers(body, appInfo);
  return {
    request(channel, input): Promise<Envelope<unknown>> {
      try {
        if (!isRequestChannel(channel)) {
          throw new AppError('VALIDATION', `channel: unknown request ${JSON.stringify(channel)}`);
        }
        if (!isReadChannel(channel, handlers)) {
          throw new AppError(
            'SNAPSHOT_READ_ONLY',
            `${channel} is not possible while a snapshot is open: it is a read-only record`,
            { channel },
          );
        }
        const parsed = parseOrThrow(requests[channel].input, input ?? {});
        const handler = handlers[channel] as (i: unknown) => unknown;
        return Promise.resolve({ ok: true, value: handler(parsed) });
      } catch (e) {
        return Promise.resolve({ ok: false, error: toErrorInfo(e) });
      }
    },
    subscribe: () => () => undefined,
  };
}

import { z } from 'zod';
import { HostId, Ipv4 } from '../base/fields';
import { Cluster } from './cluster';

/**
 * The JSON Schema (draft 2020-12) of a cluster model as `clusters:save` takes it, generated from
 * the zod schemas so that it cannot drift from what the engine accepts. It describes the input:
 * fields with a default may be left out, and `id` is absent for a new cluster. Rules that need
 * more than one field or the hosts' facts (subnets, free UIDs, ...) are the engine's, and show
 * up as VALIDATION errors naming the field.
 */
export function clusterJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Cluster.extend({ id: HostId.optional() }), {
    io: 'input',
    // Checks written as functions (an IPv4 address, a domain) have no JSON Schema form.
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === HostId)
        ctx.jsonSchema.description = 'a host id (the CLI also takes the host name)';
      if (ctx.zodSchema === Ipv4)
        Object.assign(ctx.jsonSchema, { format: 'ipv4', description: 'an IPv4 address' });
    },
  });
  const properties = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  if (properties?.['id'])
    properties['id']['description'] = 'the cluster id; absent when creating a cluster';
  return { title: 'ClusterDeck cluster model', ...schema };
}

import { describe, expect, it } from 'vitest';
import { clusterJsonSchema } from './cluster-schema';

type Node = Record<string, unknown>;
const props = (n: unknown): Node => ((n as Node)['properties'] ?? {}) as Node;
const items = (n: unknown): Node => (n as Node)['items'] as Node;

describe('clusterJsonSchema', () => {
  const schema = clusterJsonSchema();

  it('describes the model as clusters:save takes it: id optional, defaults optional', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['required']).toEqual(
      expect.arrayContaining(['name', 'layout', 'manager', 'storage']),
    );
    expect(schema['required']).not.toContain('id');
    expect(schema['required']).not.toContain('nodes');
    expect(props(schema)['layout']).toMatchObject({
      enum: ['public', 'public-private', 'private-nat'],
    });
  });

  it('reaches the real servers of services, and says that host fields take names too', () => {
    const service = items(props(schema)['services']);
    const realServer = props(items(props(service)['realServers']));
    expect(realServer['hostId']).toMatchObject({
      type: 'string',
      description: expect.stringContaining('host name'),
    });
    expect(props(props(schema)['manager'])['quorumIp']).toMatchObject({ format: 'ipv4' });
    expect(props(service)['scheduler']).toMatchObject({
      default: 'wlc',
      enum: expect.arrayContaining(['wlc', 'rr']),
    });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

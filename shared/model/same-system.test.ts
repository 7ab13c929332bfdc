import { describe, expect, it } from 'vitest';
import { debianFacts } from '../plan/testing/lab-fixtures';
import { systemDifferences } from './same-system';

describe('systemDifferences', () => {
  const manager = debianFacts('manager', { eth0: '203.0.113.10/24' });

  it('names OS release and architecture differences with the rule each breaks', () => {
    const other = {
      ...debianFacts('node1', { eth0: '203.0.113.21/24' }),
      os: { id: 'ubuntu', versionId: '22.04', prettyName: 'Ubuntu', idLike: ['debian'] },
      arch: 'aarch64',
    };
    expect(systemDifferences(other, manager)).toEqual([
      {
        what: 'runs ubuntu 22.04, the manager debian 12',
        rule: "nodes must run the manager's OS release",
      },
      {
        what: 'is aarch64, the manager x86_64',
        rule: "nodes must have the manager's architecture",
      },
    ]);
  });

  it('finds nothing when the systems match', () => {
    expect(systemDifferences(debianFacts('node1', {}), manager)).toEqual([]);
  });
});

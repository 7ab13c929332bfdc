import { describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import { isAppError } from '../../shared/api/errors';
import { applyPreset, formServices, newServiceForm } from '../../shared/lb/service-form';
import { formFieldOf } from '../../shared/lb/service-form-fields';
import { lbCluster } from '../../shared/lb/testing/lb-fixtures';
import { parseCluster } from '../../shared/model/cluster';
import { LAB, LAB_HOSTS } from '../../shared/plan/testing/lab-fixtures';
import { CliContext } from './cli-context';
import { optionOfFormField, presetOf, withOptions } from './service-options';

const c = parseCluster(lbCluster([]));
const hostList = Object.entries(LAB_HOSTS).map(([id, h]) => ({ id, name: h?.name ?? id }));
// Only host lookups reach the api here.
const ctx = new CliContext(
  { hosts: { list: () => Promise.resolve(hostList) } } as unknown as Api,
  false,
  'service add',
);

async function services(opts: Record<string, string>) {
  const form = applyPreset(c, newServiceForm(c), presetOf(opts));
  return formServices(c, await withOptions(ctx, c, form, opts, 'service add'), null);
}

describe('service add options over the wizard form', () => {
  it('makes with a preset alone exactly what the wizard makes with it', async () => {
    for (const preset of ['http', 'smtp', 'web-group', 'ftp'] as const) {
      const wizard = formServices(c, applyPreset(c, newServiceForm(c), preset), null);
      expect(await services({ preset }), preset).toEqual(wizard);
    }
    expect((await services({ preset: 'smtp' })).map((s) => s.id)).toEqual(['smtp-25', 'smtp-587']);
  });

  it('changes what the options name and nothing else', async () => {
    const [s] = await services({
      preset: 'http',
      scheduler: 'rr',
      persistence: '1800',
      check: 'http',
      'check-path': '/health',
      nodes: 'node2:3',
    });
    const [plain] = await services({ preset: 'http' });
    expect(s).toEqual({
      ...plain,
      scheduler: 'rr',
      persistence: { seconds: 1800, netmask: 32 },
      check: { ...plain?.check, kind: 'http', path: '/health', expectStatus: 200 },
      realServers: [{ hostId: LAB.node2, weight: 3 }],
    });
    const [custom] = await services({
      name: 'App',
      ports: '8080',
      method: 'nat',
      nodes: 'node1:2:8081',
      persistence: '45',
      manager: '5',
    });
    expect(custom).toMatchObject({
      id: 'app-8080',
      listen: { kind: 'port', port: 8080 },
      persistence: { seconds: 45 },
      realServers: [{ hostId: LAB.node1, weight: 2, port: 8081 }],
      includeManager: { weight: 5 },
    });
  });

  it('refuses a choice or a node that is not one, naming the option', async () => {
    const message = async (opts: Record<string, string>) => {
      try {
        await services(opts);
      } catch (e) {
        if (isAppError(e)) return e.message;
      }
      return null;
    };
    expect(await message({ preset: 'gopher' })).toMatch(
      /^--preset: must be one of http, https, web-group/,
    );
    expect(await message({ preset: 'http', method: 'dsr' })).toBe(
      '--method: must be one of dr, nat, tun',
    );
    expect(await message({ preset: 'http', nodes: 'manager' })).toBe(
      '--nodes: manager is not a node of cluster lab (see: clusterdeck node add --help)',
    );
    expect(await message({ preset: 'http', nodes: 'nobody' })).toBe(
      '--nodes: no host named "nobody"',
    );
  });

  it('names by option the model fields the engine finds wrong', () => {
    const form = newServiceForm(c);
    const option = (path: string) => {
      const f = formFieldOf(path, form);
      return f === null ? null : optionOfFormField(f);
    };
    expect(option('listen.port')).toBe('--ports');
    expect(option('check.timeoutSec')).toBe('--check-timeout');
    expect(option('persistence.seconds')).toBe('--persistence');
    expect(option('realServers.0.weight')).toBe('--nodes');
    expect(option('sorryServer.ip')).toBe('--sorry');
  });
});

import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { HostView } from '../../../shared/model/host';
import { createFactsStore } from '../stores/facts-store';
import { createHostsStore } from '../stores/hosts-store';
import type { PageError } from '../stores/ui-store';
import { hostFacts, hostView } from '../testing/fixtures';
import { createConnectFlow } from './connect-flow';

type Call = { channel: string; input: unknown };
type Reply = HostView | AppError;

/** A fake hosts API whose connect answers come from a script, recording every call. */
function setup(connectReplies: Reply[]) {
  const calls: Call[] = [];
  const reply = <T>(channel: string, input: unknown, value: T | AppError): Promise<T> => {
    calls.push({ channel, input });
    return value instanceof AppError ? Promise.reject(value) : Promise.resolve(value);
  };
  const connected = hostView({ state: 'connected' });
  const api = {
    hosts: {
      list: () => Promise.resolve([hostView()]),
      connect: (input: unknown) => reply('connect', input, connectReplies.shift() ?? connected),
      trustKey: (input: unknown) =>
        reply(
          'trustKey',
          input,
          hostView({ trustedKey: { keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' } }),
        ),
      forgetKey: (input: unknown) => reply('forgetKey', input, hostView()),
      probe: (input: unknown) => reply('probe', input, hostFacts()),
      getFacts: () => Promise.resolve(null),
    },
  } as unknown as Pick<Api, 'hosts'>;
  const hosts = createHostsStore(api);
  const facts = createFactsStore(api);
  const ui = { opened: [] as string[], errors: [] as (PageError | null)[] };
  const flow = createConnectFlow({
    api,
    hosts,
    facts,
    ui: {
      getState: () => ({
        openHost: (id: string) => void ui.opened.push(id),
        showError: (e: PageError | null) => void ui.errors.push(e),
      }),
    },
  });
  return { flow, calls, hosts, facts, ui };
}

const unknownKey = () =>
  new AppError('HOST_KEY_UNKNOWN', 'unknown key', {
    keyType: 'ssh-ed25519',
    fingerprint: 'SHA256:abc',
  });

describe('connect flow', () => {
  it('connects, probes, and opens the host', async () => {
    const { flow, calls, hosts, facts, ui } = setup([]);
    await hosts.getState().refresh();
    await flow.getState().connect('h1');
    expect(calls.map((c) => c.channel)).toEqual(['connect', 'probe']);
    expect(hosts.getState().hosts[0]?.state).toBe('connected');
    expect(facts.getState().byHost.h1?.facts?.hostname).toBe('web1');
    expect(ui.opened).toEqual(['h1']);
    expect(flow.getState().busy).toEqual({});
  });

  it('asks to trust an unknown key, trusts exactly what was shown, then connects', async () => {
    const { flow, calls } = setup([unknownKey()]);
    await flow.getState().connect('h1');
    expect(flow.getState().dialog).toEqual({
      kind: 'trust',
      hostId: 'h1',
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:abc',
    });
    await flow.getState().trustShownKey();
    expect(calls).toEqual([
      { channel: 'connect', input: { hostId: 'h1' } },
      {
        channel: 'trustKey',
        input: { hostId: 'h1', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
      },
      { channel: 'connect', input: { hostId: 'h1' } },
      { channel: 'probe', input: { hostId: 'h1' } },
    ]);
    expect(flow.getState().dialog).toBeNull();
  });

  it('refuses a changed key with no way to trust it, and forgets the old key only when asked', async () => {
    const { flow, calls } = setup([new AppError('HOST_KEY_CHANGED', 'changed'), unknownKey()]);
    await flow.getState().connect('h1');
    expect(flow.getState().dialog).toMatchObject({ kind: 'keyChanged', confirmForget: false });
    await flow.getState().trustShownKey();
    expect(calls.map((c) => c.channel)).toEqual(['connect']);
    flow.getState().confirmForget(true);
    await flow.getState().forgetKey();
    // After forgetting, the new key must be verified like any unknown key.
    expect(calls.map((c) => c.channel)).toEqual(['connect', 'forgetKey', 'connect']);
    expect(flow.getState().dialog).toMatchObject({ kind: 'trust' });
  });

  it('prompts for a password, sends it with "remember", and keeps the prompt open when it is wrong', async () => {
    const { flow, calls } = setup([
      new AppError('SSH_CREDENTIAL_REQUIRED', 'need', { kind: 'password' }),
      new AppError('SSH_AUTH_FAILED', 'denied'),
    ]);
    await flow.getState().connect('h1');
    expect(flow.getState().dialog).toEqual({
      kind: 'credential',
      hostId: 'h1',
      credential: 'password',
      error: null,
    });
    await flow.getState().submitCredential('wrong', true);
    expect(calls[1]).toEqual({
      channel: 'connect',
      input: { hostId: 'h1', secret: 'wrong', rememberSecret: true },
    });
    expect(flow.getState().dialog).toMatchObject({
      kind: 'credential',
      error: { code: 'SSH_AUTH_FAILED' },
    });
    await flow.getState().submitCredential('right', false);
    expect(calls.map((c) => c.channel)).toEqual(['connect', 'connect', 'connect', 'probe']);
    expect(flow.getState().dialog).toBeNull();
  });

  it('shows other errors on the page with the host and what was done', async () => {
    const { flow, hosts, ui } = setup([new AppError('HOST_UNREACHABLE', 'refused')]);
    await hosts.getState().refresh();
    await flow.getState().connect('h1');
    expect(flow.getState().dialog).toBeNull();
    expect(ui.errors.at(-1)).toEqual({
      context: 'Connecting to web1',
      error: { code: 'HOST_UNREACHABLE', message: 'refused' },
    });
    expect(ui.opened).toEqual([]);
  });
});

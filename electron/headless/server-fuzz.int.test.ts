import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import { until } from '../../e2e/support/wait';
import type { PlanStep } from '../../shared/plan/types';
import { createEngine, type Engine } from '../core/engine';
import { startHeadlessServer, type HeadlessServer } from './server';

/*
 * Throws a corpus of malformed input at every entry point of the browser-mode server (raw HTTP
 * request lines, paths, headers, cookies, Host and Origin values, WebSocket handshakes, frames
 * and messages) while a queued step runs on a real host, then checks that the server still
 * answers, the API still works, and the queue went on. Any exception that escapes a handler
 * would end the process in production; here vitest fails the run on it.
 */

const API = 'clusterdeck.v1';

/** A small seeded PRNG (mulberry32), so that every run throws the same input. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends raw bytes on a fresh connection and resolves with what came back (bounded in time). */
function raw(port: number, bytes: Buffer | string, lingerMs = 300): Promise<string> {
  return new Promise((done) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    const finish = (): void => {
      sock.destroy();
      done(got);
    };
    const timer = setTimeout(finish, lingerMs + 2000);
    sock.on('data', (d) => (got += d.toString('latin1')));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearTimeout(timer);
      done(got);
    });
    sock.write(bytes, () => setTimeout(() => sock.end(), lingerMs));
  });
}

/** A GET through Node's client, which sends what it is given; resolves with the status. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

/** A WebSocket frame from the client (masked, as clients must), or unmasked when asked. */
function frame(
  opcode: number,
  payload: Buffer,
  opts: { fin?: boolean; masked?: boolean; len?: Buffer } = {},
): Buffer {
  const first = ((opts.fin ?? true) ? 0x80 : 0) | opcode;
  const masked = opts.masked ?? true;
  const lenBytes =
    opts.len ??
    (payload.length < 126
      ? Buffer.from([payload.length])
      : payload.length < 65536
        ? Buffer.from([126, payload.length >> 8, payload.length & 255])
        : Buffer.concat([
            Buffer.from([127]),
            Buffer.from(BigInt(payload.length).toString(16).padStart(16, '0'), 'hex'),
          ]));
  lenBytes[0] = (lenBytes[0] ?? 0) | (masked ? 0x80 : 0);
  const mask = Buffer.from([1, 2, 3, 4]);
  const body = masked ? Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] ?? 0))) : payload;
  return Buffer.concat([Buffer.from([first]), lenBytes, masked ? mask : Buffer.alloc(0), body]);
}

function handshake(port: number, extra: string[] = [], path = '/api'): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    `Origin: http://127.0.0.1:${port}`,
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** Opens the API as the page does and sends `messages`; resolves with the responses' ids. */
function apiSession(
  port: number,
  protocols: string[],
  messages: (string | Buffer)[],
): Promise<unknown[]> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    const ids: unknown[] = [];
    const timer = setTimeout(() => ws.terminate(), 5000);
    ws.on('open', () => {
      for (const m of messages) ws.send(m);
      ws.send(JSON.stringify({ type: 'request', id: 424242, channel: 'app:getInfo', input: {} }));
    });
    ws.on('message', (d) => {
      try {
        const m = JSON.parse((d as Buffer).toString()) as { type?: string; id?: unknown };
        if (m.type === 'response') ids.push(m.id);
        if (m.id === 424242) ws.close();
      } catch {
        // not ours to judge here
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(timer);
      done(ids);
    });
  });
}

describe('browser-mode server under malformed input', () => {
  let sshd: SshdHandle;
  let dir: string;
  let engine: Engine;
  let server: HeadlessServer;
  const errors: string[] = [];
  let hostId = '';

  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'cd-fuzz-'));
    const rendererDir = join(dir, 'renderer');
    const knownHosts = join(dir, 'known_hosts');
    // The host is known from known_hosts, as an admin's hosts are: no trust prompt.
    writeFileSync(
      knownHosts,
      `[${sshd.host}]:${sshd.port} ${readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8')}`,
    );
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClusterDeck</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    engine = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
    });
    server = await startHeadlessServer({
      engine,
      rendererDir: resolve(rendererDir),
      onError: (m) => errors.push(m),
    });
    const host = engine.hosts.add({
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKeyPath },
    });
    hostId = host.id;
  });

  afterAll(async () => {
    await server?.close();
    await engine?.close();
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const step = (id: string, command: string): PlanStep => ({
    id,
    title: id,
    commands: [command],
    files: [],
    check: null,
    verify: null,
    timeoutSec: 60,
    waitFor: [],
  });

  const itemState = (stepId: string): string | undefined =>
    engine.queue.view(hostId).items.find((i) => i.stepId === stepId)?.state;

  it('keeps answering, and the queue keeps running, whatever it is sent', async () => {
    const { port, token } = server;
    const log = `${sshd.home}/fuzz-queue`;
    // A step that runs for a while, on the real host, through the whole barrage.
    engine.queueRepo.enqueue(hostId, null, [
      step(
        'fuzz.during',
        `rm -f ${log}; for i in 1 2 3 4 5 6 7 8; do echo $i >> ${log}; sleep 0.5; done`,
      ),
    ]);
    engine.queue.kick(hostId);

    const hostHeader = `127.0.0.1:${port}`;
    const paths = [
      '/',
      '/%',
      '/%E0%A4%A',
      '/%00',
      '/\u0000',
      '//[',
      '//evil.example/x',
      '/..%2f..%2fetc%2fpasswd',
      '/../../etc/passwd',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/index.html/..',
      `/${'a'.repeat(8000)}`,
      '/api?x=%',
      '/?token=%',
      `/?token=${token}`,
      '/#frag',
      '/assets/',
      '/assets/app.js%00.html',
      '*',
      'http://127.0.0.1/',
      '/%C0%AE%C0%AE/',
      '/\\..\\..\\etc\\passwd',
      '/%ff%fe',
    ];
    const lines: string[] = [];
    for (const p of paths)
      for (const m of ['GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE', 'G\u0000T'])
        lines.push(`${m} ${p} HTTP/1.1`);
    const headerSets: string[][] = [
      [],
      ['Host:'],
      ['Host: evil.example'],
      [`Host: ${hostHeader}`, `Host: ${hostHeader}`],
      ['Host: [::1'],
      [`Host: ${hostHeader}`, 'Cookie: =;;;%%%; a=%E0%A4%A'],
      [`Host: ${hostHeader}`, `Cookie: clusterdeck_${port}=%; token=${'%'.repeat(100)}`],
      [`Host: ${hostHeader}`, 'Origin: null'],
      [`Host: ${hostHeader}`, 'Origin: http://%zz'],
      [`Host: ${hostHeader}`, 'Content-Length: -1'],
      [`Host: ${hostHeader}`, 'Content-Length: 99999999999999999999'],
      [`Host: ${hostHeader}`, 'Transfer-Encoding: chunked', '', 'zz\r\n'],
      [`Host: ${hostHeader}`, `X-Big: ${'b'.repeat(20_000)}`],
      [`Host: ${hostHeader}`, 'Bad Header Without Colon'],
      [`Host: ${hostHeader}`, ' folded: header'],
      [`Host: ${hostHeader}`, 'Connection: Upgrade', 'Upgrade: websocket'],
    ];
    const requests: string[] = [];
    for (const [i, l] of lines.entries())
      requests.push(`${l}\r\n${(headerSets[i % headerSets.length] ?? []).join('\r\n')}\r\n\r\n`);
    requests.push(
      '\r\n\r\n',
      'garbage',
      '\u0000\u0001\u0002\u0003',
      'GET / HTTP/9.9\r\n\r\n',
      'GET\r\n\r\n',
    );

    // WebSocket handshakes, good and bad, each followed by frames that break the protocol.
    const handshakes = [
      handshake(port),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}`]),
      handshake(port, [`Sec-WebSocket-Protocol: ,,,${API},,,`]),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${'a'.repeat(5000)}`]),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.%E0`]),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}`, `Sec-WebSocket-Protocol: token.${token}`]),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`]).replace(
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Version: 99',
      ),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`]).replace(
        'dGhlIHNhbXBsZSBub25jZQ==',
        '!!!',
      ),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`], '/api/../api'),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`], '/%'),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`]).replace(
        `Origin: http://127.0.0.1:${port}`,
        'Origin: ',
      ),
      handshake(port, [`Sec-WebSocket-Protocol: ${API}, token.${token}`]).replace(
        `Host: ${hostHeader}`,
        'Host: evil.example',
      ),
    ];
    const badFrames = [
      frame(0x3, Buffer.from('reserved opcode')),
      frame(0x1, Buffer.from('unmasked'), { masked: false }),
      frame(0x9, Buffer.alloc(200), { fin: false }),
      frame(0x1, Buffer.from([0xff, 0xfe, 0xc0])),
      frame(0x8, Buffer.from([0x03])),
      frame(0x2, Buffer.alloc(0), {
        len: Buffer.from([127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      }),
      frame(0x1, Buffer.from('{"type":"request","id":1'), { fin: false }),
      Buffer.from('\u0000\u0000\u0000\u0000'),
    ];
    const authorized = `Sec-WebSocket-Protocol: ${API}, token.${token}`;
    for (const h of [...handshakes, handshake(port, [authorized])]) {
      for (const f of badFrames)
        requests.push(Buffer.concat([Buffer.from(h, 'latin1'), f]).toString('latin1'));
    }

    // Seeded mutations of a good request and of a good authorized handshake.
    const rnd = prng(20261203);
    const bases = [
      `GET /assets/app.js HTTP/1.1\r\nHost: ${hostHeader}\r\nCookie: a=b\r\n\r\n`,
      handshake(port, [authorized]),
    ];
    for (let i = 0; i < 150; i++) {
      const base = Buffer.from(bases[i % 2] ?? '', 'latin1');
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++)
        base[Math.floor(rnd() * base.length)] = Math.floor(rnd() * 256);
      requests.push(base.toString('latin1'));
    }

    // Sent a few at a time, so the server has many open at once without flooding the machine.
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map((r) => raw(port, Buffer.from(r, 'latin1'), 50)),
      );
    }

    // Messages on an authorized API socket: not JSON, wrong shapes, hostile channels and input.
    const nested = '['.repeat(200_000) + ']'.repeat(200_000);
    const messages: (string | Buffer)[] = [
      '',
      'null',
      '[]',
      '"x"',
      '1e309',
      '{',
      '{"type":"ready","x":',
      nested,
      '{"type":"request"}',
      '{"type":"request","id":"1","channel":"app:getInfo"}',
      '{"type":"request","id":1,"channel":"__proto__","input":{}}',
      '{"type":"request","id":2,"channel":"constructor","input":{}}',
      '{"type":"request","id":3,"channel":"hasOwnProperty","input":null}',
      '{"type":"request","id":4,"channel":"hosts:add","input":{"address":"x; rm -rf /","port":"22"}}',
      '{"type":"request","id":5,"channel":"hosts:add","input":{"__proto__":{"admin":true}}}',
      '{"type":"request","id":6,"channel":"queue:skip","input":{"hostId":{"$gt":""},"itemId":-1}}',
      '{"type":"request","id":1e309,"channel":"app:getInfo","input":{}}',
      '{"type":"request","id":7,"channel":"app:getInfo","input":[1,2,3]}',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
      JSON.stringify({
        type: 'request',
        id: 8,
        channel: 'hosts:list',
        input: { pad: 'p'.repeat(900_000) },
      }),
    ];
    const ids = await apiSession(port, [API, `token.${token}`], messages);
    // Every well-formed request got an envelope back (errors included), ours last.
    expect(ids).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, null, 424242]));
    // Over the size limit: the socket is closed, the server stays.
    const tooBig = await apiSession(port, [API, `token.${token}`], ['x'.repeat(2 * 1024 * 1024)]);
    expect(tooBig).not.toContain(424242);

    // Still answering: the page, an asset, the refusals, and the API with the token.
    expect(await get(port, '/')).toBe(200);
    expect(await get(port, '/assets/app.js')).toBe(200);
    expect(await get(port, '/', { Host: 'evil.example' })).toBe(421);
    expect(await apiSession(port, [API, `token.${token}`], [])).toEqual([424242]);
    expect(await apiSession(port, [API], [])).toEqual([]);

    // The queue went on: the step that ran through the barrage finished, and a new one runs.
    await until(() => itemState('fuzz.during') === 'done', {
      timeoutMs: 60_000,
      what: 'the step run during the fuzz',
    });
    engine.queueRepo.enqueue(hostId, null, [step('fuzz.after', `echo after >> ${log}`)]);
    engine.queue.kick(hostId);
    await until(() => itemState('fuzz.after') === 'done', {
      timeoutMs: 60_000,
      what: 'a step queued after the fuzz',
    });
    const out = (await engine.sessions.exec(hostId, `cat ${log}`, { timeoutMs: 20_000 })).stdout;
    expect(out).toBe('1\n2\n3\n4\n5\n6\n7\n8\nafter\n');

    // What the server reported never carries the token.
    expect(errors.join('\n')).not.toContain(token);
  }, 240_000);
});

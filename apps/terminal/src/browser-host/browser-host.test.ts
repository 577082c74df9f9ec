import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SocketMessage } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestHost } from '../../test/test-host';
import { startBrowserHost, type BrowserHost } from './browser-host';

let browserHost: BrowserHost;
let dispose: () => Promise<void>;
let rendererDir: string;

beforeEach(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>POS</title>');
  const test = await startTestHost('http://127.0.0.1:5984');
  browserHost = await startBrowserHost({
    host: test.host,
    rendererDir,
    port: 0,
  });
  dispose = async () => {
    await browserHost.close();
    await test.dispose();
    await rm(rendererDir, { recursive: true, force: true });
  };
});
afterEach(() => dispose());

function connect(token: string, origin = browserHost.origin): Promise<WebSocket> {
  const ws = new WebSocket(`${browserHost.origin.replace('http', 'ws')}/host?token=${token}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<SocketMessage> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as SocketMessage)),
  );
}

describe('startBrowserHost', () => {
  it('listens on 127.0.0.1 and serves the renderer with the CSP', async () => {
    expect(browserHost.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(browserHost.url).toBe(`${browserHost.origin}/#token=${browserHost.token}`);
    const res = await fetch(`${browserHost.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>POS</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(
      `connect-src 'self' ws://127.0.0.1:${new URL(browserHost.origin).port} http://127.0.0.1:5984`,
    );
    expect((await fetch(`${browserHost.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('answers contract calls over the socket with the right token and origin', async () => {
    const ws = await connect(browserHost.token);
    ws.send(JSON.stringify({ id: 1, method: 'app.info', payload: {} }));
    expect(await nextMessage(ws)).toMatchObject({
      kind: 'reply',
      id: 1,
      result: { ok: true, value: { terminalId: 'T1', mode: 'browser' } },
    });
    ws.send(JSON.stringify({ id: 2, method: 'journal.append', payload: { id: 'x' } }));
    expect(await nextMessage(ws)).toMatchObject({
      kind: 'reply',
      id: 2,
      result: { ok: false, error: { code: 'contract.invalid-request' } },
    });
    ws.close();
  });

  it('forwards host events to connected sockets', async () => {
    const ws = await connect(browserHost.token);
    const messages: SocketMessage[] = [];
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as SocketMessage));
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'journal.replayed',
        payload: { database: 'db-1', upToSeq: 0, restored: 2 },
      }),
    );
    await expect.poll(() => messages.length).toBe(2);
    expect(messages).toContainEqual({
      kind: 'event',
      event: 'journal.replay',
      payload: { total: 0, restored: 2, damaged: 0 },
    });
    ws.close();
  });

  it('refuses a socket without the token or from another origin', async () => {
    await expect(connect('wrong-token')).rejects.toThrow('HTTP 401');
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(browserHost.token, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = await connect(browserHost.token);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"method": 42}');
    expect(await closed).toBe(1008);
  });
});

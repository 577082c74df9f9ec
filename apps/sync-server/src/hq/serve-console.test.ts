import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../http/context';
import { CouchError } from '../http/couch-error';
import { serveConsole } from './serve-console';

// serve-console on its own: a plain node:http server hands it the segments after /_hq/, as route-hq does.
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>HQ</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, '..secret'), 'no');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const seg = url.pathname
      .split('/')
      .filter(Boolean)
      .slice(1)
      .map((s) => decodeURIComponent(s));
    const ctx = { req, res, url } as unknown as Ctx;
    serveConsole(ctx, seg, root).catch((e: unknown) => {
      res.writeHead(e instanceof CouchError ? e.status : 500, { 'Content-Type': 'text/plain' });
      res.end(e instanceof CouchError ? e.error : String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/_hq`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

describe('serveConsole', () => {
  it('serves hashed assets with their type, a year of immutable caching and the strict CSP', async () => {
    const js = await fetch(`${base}/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await fetch(`${base}/assets/index-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const csp = js.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers app routes with index.html, revalidated every time, and 304 for a known ETag', async () => {
    for (const path of ['', '/', '/sales', '/fleet/terminals']) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<title>HQ</title>');
    }
    const first = await fetch(`${base}/sales`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${base}/sales`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers a missing asset with 404, never with the HTML page', async () => {
    expect((await fetch(`${base}/assets/index-old999.js`)).status).toBe(404);
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
  });

  it('refuses traversal and hidden files, and anything but GET/HEAD', async () => {
    expect((await fetch(`${base}/%2e%2e%2fsecret`)).status).toBe(404);
    expect((await fetch(`${base}/..secret`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${base}/sales`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}/assets/index-abc123.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log(1)'.length));
  });

  it('says how to build the console when it is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-none-'));
    try {
      const res = {
        status: 0,
      };
      await expect(
        serveConsole({ req: { method: 'GET', headers: {} }, res } as unknown as Ctx, ['sales'], empty),
      ).rejects.toMatchObject({ status: 503, error: 'console_not_built' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';

describe('API keys and scopes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startApiServer();
    const hq = await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'hq1', password: 'hq-password-1', role: 'hq' },
    });
    expect(hq.status).toBe(201);
    await t.call('/_pos/stores', { method: 'POST', json: { id: 's1', name: 'S1' } });
    const it1 = await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'it1', password: 'it-password-1', role: 'it' },
    });
    expect(it1.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a key shown once, lists it without its secret, and stores only a hash', async () => {
    const created = await t.json<{ id: string; key: string; scopes: string[]; createdBy: string }>(
      '/_api/keys',
      {
        method: 'POST',
        as: { name: 'hq1', password: 'hq-password-1' },
        json: {
          integration: 'erp',
          scopes: ['sales:read', 'catalog:write'],
          description: 'Nightly ERP sync',
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sk_[a-f0-9]{20}_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ scopes: ['catalog:write', 'sales:read'], createdBy: 'hq1' });
    const list = await t.json<{ keys: Record<string, unknown>[] }>('/_api/keys');
    const listed = list.body.keys.find((k) => k.id === created.body.id);
    expect(listed).toMatchObject({ integration: 'erp', description: 'Nightly ERP sync' });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key.split('_')[2]);
    const row = t.server.services.store.sqlite
      .prepare<[string], { hash: string }>('SELECT hash FROM api_keys WHERE id = ?')
      .get(created.body.id);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.hash).not.toContain(created.body.key.split('_')[2]);
  });

  it('answers 401 for a missing, malformed or unknown key and 403 for a missing scope', async () => {
    const noKey = await api<{ type: string; status: number; detail: string }>(t, null, 'GET', '/_api/stock');
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('content-type')).toBe('application/problem+json');
    expect(noKey.headers.get('www-authenticate')).toContain('Bearer');
    expect(noKey.body).toMatchObject({ type: '/_api/problems/unauthorized', status: 401 });

    const bad = await api<{ status: number }>(
      t,
      'sk_0123456789abcdef0123_' + 'x'.repeat(43),
      'GET',
      '/_api/stock',
    );
    expect(bad.status).toBe(401);
    const garbage = await api<{ status: number }>(t, 'not-a-key', 'GET', '/_api/stock');
    expect(garbage.status).toBe(401);

    const salesOnly = await apiKey(t, ['sales:read'], 'reporting');
    const forbidden = await api<{ type: string; requiredScope: string; detail: string }>(
      t,
      salesOnly,
      'GET',
      '/_api/stock',
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ type: '/_api/problems/forbidden', requiredScope: 'stock:read' });
    const writeAttempt = await api(t, salesOnly, 'POST', '/_api/catalog', { docs: [] }, 'k1');
    expect(writeAttempt.status).toBe(403);
    const allowed = await api(t, salesOnly, 'GET', '/_api/sales');
    expect(allowed.status).toBe(200);
  });

  it('lets only admin and HQ people manage keys; an API key cannot mint keys', async () => {
    const asIt = await t.json('/_api/keys', { as: { name: 'it1', password: 'it-password-1' } });
    expect(asIt.status).toBe(403);
    const anonymous = await t.json('/_api/keys', { as: null });
    expect(anonymous.status).toBe(401);
    const key = await apiKey(t, ['webhooks:manage', 'orders:write']);
    const viaKey = await api(t, key, 'POST', '/_api/keys', { integration: 'x', scopes: ['orders:write'] });
    expect(viaKey.status).toBe(401);
    const badScope = await t.json<{ errors: { pointer: string }[] }>('/_api/keys', {
      method: 'POST',
      json: { integration: 'x', scopes: ['everything'] },
    });
    expect(badScope.status).toBe(422);
    expect(badScope.body.errors[0]?.pointer).toBe('/scopes/0');
  });

  it('revokes a key on the very next request', async () => {
    const key = await apiKey(t, ['stock:read']);
    expect((await api(t, key, 'GET', '/_api/stock')).status).toBe(200);
    const id = key.split('_')[1];
    const listed = await t.json<{ keys: { id: string; lastUsedAt?: string }[] }>('/_api/keys');
    expect(listed.body.keys.find((k) => k.id === id)?.lastUsedAt).toBeDefined();
    const revoked = await t.json<{ revokedAt: string }>(`/_api/keys/${id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expect((await api(t, key, 'GET', '/_api/stock')).status).toBe(401);
    expect((await t.json(`/_api/keys/ffffffffffffffffffff`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers unknown endpoints, wrong methods and non-JSON bodies as problems', async () => {
    const key = await apiKey(t, ['catalog:write']);
    const unknown = await api<{ type: string }>(t, key, 'GET', '/_api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('/_api/problems/not-found');
    const method = await api<{ type: string }>(t, key, 'PUT', '/_api/catalog');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
    const res = await fetch(`${t.url}/_api/catalog`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Idempotency-Key': 'x1', 'Content-Type': 'text/plain' },
      body: 'docs',
    });
    expect(res.status).toBe(415);
    const notJson = await fetch(`${t.url}/_api/catalog`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Idempotency-Key': 'x2',
        'Content-Type': 'application/json',
      },
      body: '{"docs": [',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { type: string }).type).toBe('/_api/problems/malformed-request');
  });
});

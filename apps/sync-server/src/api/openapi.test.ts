import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { API_SCOPES, checkRequest, WebOrderRequestSchema } from '@store-os/shared/integration';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';
import { allApiRoutes } from './route-api';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        requestBody?: { content: Record<string, { schema: object; example: unknown }> };
        parameters: { name: string; in: string }[];
      }
    >
  >;
  webhooks: Record<string, unknown>;
};

describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    t = await startApiServer();
    const res = await fetch(`${t.url}/_api/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'fulfillment.created',
      'fulfillment.updated',
      'order.created',
      'stock.changed',
    ]);
  });

  it('documents exactly the routes the router serves', async () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    const routed = allApiRoutes.map((r) => `${r.method} ${r.path} ${r.operationId}`);
    expect(documented.sort()).toEqual(routed.sort());
    // And the router answers each of them (not "unknown endpoint"): anonymous calls get 401 or 200.
    for (const route of allApiRoutes) {
      const path = route.path.replace(/\{[^}]+\}/g, route.path.startsWith('/problems') ? 'conflict' : 'x');
      const res = await fetch(`${t.url}/_api${path}`, { method: route.method });
      expect([200, 401], `${route.method} ${path}`).toContain(res.status);
    }
    // Every idempotent write documents its Idempotency-Key header.
    for (const route of allApiRoutes.filter((r) => r.idempotent)) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op?.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')).toBe(true);
    }
  });

  it('refuses every business write without an Idempotency-Key; only the documented exceptions take none', async () => {
    const posts = allApiRoutes.filter((r) => r.method === 'POST');
    // docs/specs/integration-api.md: key creation and webhook subscription answer a secret shown once,
    // and a redelivery only sets one delivery back to pending (the same state however often it is sent).
    expect(
      posts
        .filter((r) => !r.idempotent)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/keys', '/webhooks', '/webhooks/{webhookId}/deliveries/{deliveryId}/retry']);
    const key = await apiKey(t, [...API_SCOPES]);
    const writes = posts.filter((r) => r.idempotent);
    expect(writes.map((r) => r.path).sort()).toEqual([
      '/catalog',
      '/web-orders',
      '/web-orders/{orderId}/cancel',
    ]);
    for (const route of writes) {
      const path = `/_api${route.path.replace(/\{[^}]+\}/g, 'x')}`;
      const res = await api<{ type: string }>(t, key, 'POST', path, route.body?.example ?? {});
      expect(res.status, path).toBe(400);
      expect(res.body.type, path).toBe('/_api/problems/idempotency-key-missing');
    }
  });

  it('carries the schemas that validate requests, and every example validates against them', () => {
    const webOrders = doc.paths['/web-orders']?.post?.requestBody?.content['application/json'];
    expect(webOrders?.schema).toEqual(JSON.parse(JSON.stringify(WebOrderRequestSchema)));
    let checked = 0;
    for (const route of allApiRoutes) {
      if (!route.body) continue;
      const served =
        doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content['application/json'];
      expect(served, route.operationId).toBeDefined();
      if (!served) continue;
      const viaServed = checkRequest(served.schema as never, served.example);
      const viaRoute = checkRequest(route.body.schema, route.body.example);
      expect(viaServed, route.operationId).toMatchObject({ ok: true });
      expect(viaRoute, route.operationId).toMatchObject({ ok: true });
      checked += 1;
    }
    expect(checked).toBe(allApiRoutes.filter((r) => r.body).length);
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

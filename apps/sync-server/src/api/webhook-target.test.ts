import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';
import { webhookTargetRefusal } from './webhook-target';

describe('webhook targets', () => {
  it('takes https on public hosts only, loopback only under the development flag', () => {
    expect(webhookTargetRefusal('https://shop.example.com/hooks', false)).toBeUndefined();
    for (const url of [
      'http://shop.example.com/hooks',
      'https://127.0.0.1/x',
      'https://localhost/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://192.168.1.10/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/x',
      'https://0.0.0.0/x',
      'https://user:pw@shop.example.com/x',
      'ftp://shop.example.com/x',
    ])
      expect(webhookTargetRefusal(url, false), url).toBeDefined();
    expect(webhookTargetRefusal('http://127.0.0.1:8080/x', true)).toBeUndefined();
    expect(webhookTargetRefusal('http://localhost:8080/x', true)).toBeUndefined();
    // The flag opens loopback only, not the store network.
    expect(webhookTargetRefusal('http://192.168.1.10/x', true)).toBeDefined();
    expect(webhookTargetRefusal('https://10.0.0.5/x', true)).toBeDefined();
  });

  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('refuses an http or loopback subscription on a production server with a 422 naming /url', async () => {
    t = await startApiServer({ integrationApi: { allowLoopbackWebhooks: false } });
    const key = await apiKey(t, ['webhooks:manage']);
    for (const url of [
      'http://127.0.0.1:9/hooks',
      'https://127.0.0.1:9/hooks',
      'http://shop.example.com/h',
    ]) {
      const res = await api<{ type: string; errors: { pointer: string; code: string }[] }>(
        t,
        key,
        'POST',
        '/_api/webhooks',
        { url, events: ['order.created'] },
      );
      expect(res.status, url).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ pointer: '/url', code: 'webhook.target-not-allowed' }),
      ]);
    }
    expect((await api<{ webhooks: unknown[] }>(t, key, 'GET', '/_api/webhooks')).body.webhooks).toEqual([]);
    const ok = await api<{ id: string; secret: string }>(t, key, 'POST', '/_api/webhooks', {
      url: 'https://shop.example.com/hooks',
      events: ['order.created'],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.secret).toMatch(/^whsec_/);
    // The signing secret is shown once: neither the list nor the subscription returns it.
    const one = await api<Record<string, unknown>>(t, key, 'GET', `/_api/webhooks/${ok.body.id}`);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify((await api(t, key, 'GET', '/_api/webhooks')).body)).not.toContain(ok.body.secret);
  });
});

import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signatureHeaders } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  it('matches the reference implementation byte for byte and verifies with it', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'evt-1', type: 'order.created', data: { é: 'ü' } });
    const at = Date.UTC(2026, 10, 23, 14, 0, 0);
    const headers = signatureHeaders(secret, 'evt-1', body, at);
    expect(headers['webhook-timestamp']).toBe(String(at / 1000));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('evt-1', new Date(at), body));
    const fresh = signatureHeaders(secret, 'evt-1', body, Date.now());
    expect(new Webhook(secret).verify(body, fresh)).toEqual(JSON.parse(body));
  });

  it('does not verify with another secret, another id or a stale timestamp', () => {
    const secret = newWebhookSecret();
    const body = '{"a":1}';
    const now = Date.now();
    expect(() =>
      new Webhook(newWebhookSecret()).verify(body, signatureHeaders(secret, 'm1', body, now)),
    ).toThrow();
    const headers = signatureHeaders(secret, 'm1', body, now);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'm2' })).toThrow();
    expect(() =>
      new Webhook(secret).verify(body, signatureHeaders(secret, 'm1', body, now - 10 * 60 * 1000)),
    ).toThrow();
  });
});

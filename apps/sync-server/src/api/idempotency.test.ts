import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api-problem';
import { idempotencyKeyOf, requestFingerprint } from './idempotency';

describe('idempotency keys', () => {
  it('fingerprints content, not formatting: key order is irrelevant, values and route are not', () => {
    const a = requestFingerprint('POST /_api/web-orders', { x: 1, y: { b: [1, 2], a: 'z' } });
    expect(requestFingerprint('POST /_api/web-orders', { y: { a: 'z', b: [1, 2] }, x: 1 })).toBe(a);
    expect(requestFingerprint('POST /_api/web-orders', { x: 1, y: { b: [2, 1], a: 'z' } })).not.toBe(a);
    expect(requestFingerprint('POST /_api/catalog', { x: 1, y: { b: [1, 2], a: 'z' } })).not.toBe(a);
  });

  it('requires a printable key of at most 255 characters', () => {
    expect(idempotencyKeyOf('3f1c-uuid')).toBe('3f1c-uuid');
    expect(idempotencyKeyOf(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'with space', 'x'.repeat(256), 'naïve']) {
      let caught: unknown;
      try {
        idempotencyKeyOf(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ApiProblem);
      expect((caught as ApiProblem).status).toBe(400);
    }
  });
});

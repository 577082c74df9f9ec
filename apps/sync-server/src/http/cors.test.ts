// A browser terminal (RxDB in Chromium) on another origin: preflight, credentials, exposed headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';

let t: TestServer;
const origin = 'http://localhost:5173';

beforeAll(async () => {
  t = await startTestServer({ corsOrigins: [origin] });
});
afterAll(async () => {
  await t.close();
});

describe('CORS', () => {
  it('answers a preflight for an allowed origin with credentials allowed', async () => {
    const res = await fetch(`${t.url}/catalog/_bulk_docs`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('echoes the origin on real requests and ignores origins that are not allowed', async () => {
    const ok = await fetch(`${t.url}/catalog`, {
      headers: { Origin: origin, Authorization: basicAuth(TEST_ADMIN) },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    const other = await fetch(`${t.url}/catalog`, {
      headers: { Origin: 'https://evil.example', Authorization: basicAuth(TEST_ADMIN) },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';
import { checkWebhookTarget, type HostResolver, type TargetCheck } from './webhook-target';

/** A resolver answering from a table (a name not in it is NXDOMAIN), recording what it was asked. */
function fakeDns(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (host: string) => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses)
      return Promise.reject(Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const),
    );
  };
  return Object.assign(resolve, { asked });
}

const refusalOf = (check: TargetCheck) => (check.ok ? 'accepted' : check.refusal);

const DNS = {
  'shop.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'internal.example.com': ['10.0.0.5'],
  'metadata.example.com': ['169.254.169.254'],
  'cgnat.example.com': ['100.64.1.1'],
  'ula.example.com': ['fd12:3456::1'],
  'mapped.example.com': ['::ffff:192.168.0.1'],
  'loop.example.com': ['127.0.0.1'],
  'zero.example.com': ['0.0.0.0'],
  'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
  'empty.example.com': [],
  'hooks.test': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
};

describe('webhook targets', () => {
  it('takes https on public hosts only, loopback only under the development flag', async () => {
    const dns = fakeDns(DNS);
    const prod = { allowLoopback: false, resolve: dns };
    const dev = { allowLoopback: true, resolve: dns };
    expect(await checkWebhookTarget('https://shop.example.com/hooks', prod)).toMatchObject({ ok: true });
    for (const url of [
      'http://shop.example.com/hooks',
      'https://127.0.0.1/x',
      'https://localhost/x',
      'https://api.localhost/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://192.168.1.10/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://100.64.0.1/x',
      'https://0.0.0.0/x',
      'https://224.0.0.1/x',
      'https://printer.local/x',
      'https://erp.corp.internal/x',
      'https://user:pw@shop.example.com/x',
      'ftp://shop.example.com/x',
      'not a url',
    ])
      expect((await checkWebhookTarget(url, prod)).ok, url).toBe(false);
    // None of these needed a look-up to be refused: the text alone says enough.
    expect(dns.asked).toEqual(['shop.example.com']);
    expect(await checkWebhookTarget('http://127.0.0.1:8080/x', dev)).toMatchObject({ ok: true });
    expect(await checkWebhookTarget('http://localhost:8080/x', dev)).toMatchObject({ ok: true });
    // The flag opens loopback only, not the store network.
    expect((await checkWebhookTarget('http://192.168.1.10/x', dev)).ok).toBe(false);
    expect((await checkWebhookTarget('https://10.0.0.5/x', dev)).ok).toBe(false);
  });

  it('resolves the host and refuses it when any address it resolves to is internal, naming the class', async () => {
    const dns = fakeDns(DNS);
    const policy = { allowLoopback: false, resolve: dns };
    const refusals: [string, RegExp][] = [
      ['internal.example.com', /resolves to 10\.0\.0\.5, a private \(RFC 1918\) address/],
      ['metadata.example.com', /169\.254\.169\.254, a link-local address .*metadata/],
      ['cgnat.example.com', /100\.64\.1\.1, a carrier-grade NAT address/],
      ['ula.example.com', /fd12:3456::1, a unique-local IPv6 address/],
      ['mapped.example.com', /192\.168\.0\.1, a private \(RFC 1918\) address, written IPv4-mapped/],
      ['loop.example.com', /127\.0\.0\.1, a loopback address .*only on a development server/],
      ['zero.example.com', /0\.0\.0\.0, the unspecified address/],
      // One internal address among public ones is enough: the connection could use any of them.
      ['mixed.example.com', /10\.0\.0\.5, a private/],
      ['nowhere.example.com', /could not be resolved \(ENOTFOUND\)/],
      ['empty.example.com', /resolves to no address/],
    ];
    for (const [host, why] of refusals) {
      expect(refusalOf(await checkWebhookTarget(`https://${host}/hooks`, policy)), host).toMatch(why);
    }
    const ok = await checkWebhookTarget('https://shop.example.com/hooks', policy);
    expect(ok).toMatchObject({
      ok: true,
      target: {
        addresses: [
          { address: '93.184.215.14', family: 4 },
          { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
        ],
      },
    });
    // A literal address is checked as written, never looked up.
    dns.asked.length = 0;
    expect(await checkWebhookTarget('https://93.184.215.14/x', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookTarget('https://[::ffff:169.254.169.254]/x', policy)).toMatchObject({
      ok: false,
    });
    expect(dns.asked).toEqual([]);
  });

  it('under the development flag takes a name that resolves to loopback only, still never the store network', async () => {
    const policy = { allowLoopback: true, resolve: fakeDns(DNS) };
    expect(await checkWebhookTarget('http://hooks.test:8080/x', policy)).toMatchObject({ ok: true });
    // http is for loopback only: a public name needs https, an internal one is refused whatever the scheme.
    const publicHttp = await checkWebhookTarget('http://shop.example.com/x', policy);
    expect(refusalOf(publicHttp)).toMatch(/must use https/);
    for (const url of ['https://internal.example.com/x', 'http://mixed.example.com/x']) {
      const check = await checkWebhookTarget(url, policy);
      expect(refusalOf(check), url).toMatch(/10\.0\.0\.5, a private/);
    }
    // localhost that resolves elsewhere (a poisoned hosts file) is not loopback.
    const odd = await checkWebhookTarget('http://localhost/x', {
      ...policy,
      resolve: fakeDns({ localhost: ['10.1.1.1'] }),
    });
    expect(odd.ok).toBe(false);
  });

  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('refuses an http or loopback subscription on a production server with a 422 naming /url', async () => {
    t = await startApiServer({ integrationApi: { allowLoopbackWebhooks: false, resolveHost: fakeDns(DNS) } });
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

  it('refuses a subscription whose host name resolves to an internal address, with the address and its class', async () => {
    const dns = fakeDns(DNS);
    t = await startApiServer({ integrationApi: { allowLoopbackWebhooks: false, resolveHost: dns } });
    const key = await apiKey(t, ['webhooks:manage']);
    const cases: [string, RegExp][] = [
      ['https://metadata.example.com/hooks', /169\.254\.169\.254, a link-local address/],
      ['https://internal.example.com/hooks', /10\.0\.0\.5, a private \(RFC 1918\) address/],
      ['https://nowhere.example.com/hooks', /could not be resolved/],
    ];
    for (const [url, why] of cases) {
      const res = await api<{ detail: string; errors: { pointer: string; code: string; detail: string }[] }>(
        t,
        key,
        'POST',
        '/_api/webhooks',
        { url, events: ['order.created'] },
      );
      expect(res.status, url).toBe(422);
      expect(res.body.detail, url).toMatch(why);
      expect(res.body.errors, url).toEqual([
        expect.objectContaining({ pointer: '/url', code: 'webhook.target-not-allowed' }),
      ]);
      expect(res.body.errors[0]?.detail, url).toMatch(why);
    }
    expect(dns.asked).toEqual(['metadata.example.com', 'internal.example.com', 'nowhere.example.com']);
    expect((await api<{ webhooks: unknown[] }>(t, key, 'GET', '/_api/webhooks')).body.webhooks).toEqual([]);
  });
});

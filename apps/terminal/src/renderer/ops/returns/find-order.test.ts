import type { OrderDoc } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { describe, expect, it } from 'vitest';
import { findOrdersOnServer } from './find-order';

const order = exampleOrder as unknown as OrderDoc;
type Seen = { url: string; auth: string | undefined }[];

/** A fetch that answers with one status and body, and records what it was asked. */
function fakeFetch(answer: { status: number; body?: unknown } | 'network-down', seen: Seen) {
  return ((url: string, init?: RequestInit) => {
    seen.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.['Authorization'] });
    if (answer === 'network-down') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(JSON.stringify(answer.body ?? {}), { status: answer.status }));
  }) as unknown as typeof fetch;
}

const online = { serverUrl: 'http://127.0.0.1:5984/', authorization: 'Basic dGlsbA==', online: true };
const what = 'orders of the web shop and of other stores';

describe('findOrdersOnServer', () => {
  it("asks /_omni/orders with the till's credential and returns the server's orders with their returns", async () => {
    const seen: Seen = [];
    const answer = await findOrdersOnServer(
      {
        ...online,
        fetch: fakeFetch({ status: 200, body: { orders: [{ order, earlierReturns: [] }] } }, seen),
      },
      '  tok_8f2a ',
    );
    expect(answer).toEqual({ ok: true, found: [{ order, earlierReturns: [], source: 'server' }] });
    expect(seen).toEqual([{ url: 'http://127.0.0.1:5984/_omni/orders?q=tok_8f2a', auth: 'Basic dGlsbA==' }]);
  });

  it('offline or without a server: says what needs the network, and asks nothing', async () => {
    const seen: Seen = [];
    const fetch = fakeFetch({ status: 200, body: { orders: [] } }, seen);
    expect(await findOrdersOnServer({ ...online, online: false, fetch }, 'tok_8f2a')).toEqual({
      ok: false,
      message: `Offline: ${what} needs the network.`,
    });
    expect(await findOrdersOnServer({ ...online, serverUrl: null, fetch }, 'tok_8f2a')).toEqual({
      ok: false,
      message: `This till has no sync-server: ${what} needs one.`,
    });
    expect(seen).toEqual([]);
  });

  it('server unreachable, not permitted (401/403) or failing: a sentence the cashier can act on', async () => {
    const seen: Seen = [];
    const ask = (answer: Parameters<typeof fakeFetch>[0]) =>
      findOrdersOnServer({ ...online, fetch: fakeFetch(answer, seen) }, 'tok_8f2a');
    expect(await ask('network-down')).toEqual({
      ok: false,
      message: `The server did not answer: ${what} needs the network.`,
    });
    for (const status of [401, 403])
      expect(await ask({ status })).toEqual({
        ok: false,
        message: `The server does not let this till ask for ${what}; ask HQ.`,
      });
    expect(await ask({ status: 502 })).toEqual({
      ok: false,
      message: `The server could not answer ${what} (HTTP 502).`,
    });
    expect(seen).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { deliveryAddress } from './delivery-address';

function fakeFetch(status: number, body: unknown, seen: { url?: string; auth?: string }[]) {
  return ((url: string, init?: RequestInit) => {
    seen.push({ url, auth: (init?.headers as Record<string, string> | undefined)?.['Authorization'] });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  }) as unknown as typeof fetch;
}

const online = { serverUrl: 'http://127.0.0.1:5984/', authorization: 'Basic dGlsbA==', online: true };

describe('deliveryAddress', () => {
  it("asks the server's routing record with the till's credential and reads the address", async () => {
    const seen: { url?: string; auth?: string }[] = [];
    const answer = await deliveryAddress(
      { ...online, fetch: fakeFetch(200, { status: 'routed', shipTo: '12 Rue de la Paix, Paris' }, seen) },
      { orderId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0Q' },
    );
    expect(answer).toEqual({ ok: true, shipTo: '12 Rue de la Paix, Paris' });
    expect(seen).toEqual([
      {
        url: 'http://127.0.0.1:5984/_omni/ship-orders/s001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0Q',
        auth: 'Basic dGlsbA==',
      },
    ]);
  });

  it('says what to do when the address is missing, refused, or the till is offline', async () => {
    const none = await deliveryAddress(
      { ...online, fetch: fakeFetch(200, { status: 'routed' }, []) },
      { orderId: 'o1' },
    );
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toMatch(/ask the selling store/);
    const refused = await deliveryAddress({ ...online, fetch: fakeFetch(403, {}, []) }, { orderId: 'o1' });
    expect(!refused.ok && refused.message).toMatch(/does not let this till/);
    const seen: { url?: string }[] = [];
    const offline = await deliveryAddress(
      { ...online, online: false, fetch: fakeFetch(200, {}, seen) },
      { orderId: 'o1' },
    );
    expect(offline).toEqual({ ok: false, message: 'Offline: the delivery address needs the network.' });
    expect(seen).toEqual([]);
  });

  it('reads the address the server wrote on the replicated fulfillment (v2 shipTo), offline, asking nothing', async () => {
    const seen: { url?: string }[] = [];
    const answer = await deliveryAddress(
      { ...online, online: false, fetch: fakeFetch(200, {}, seen) },
      { orderId: 'o1', shipTo: '12 Rue de la Paix, Paris' },
    );
    expect(answer).toEqual({ ok: true, shipTo: '12 Rue de la Paix, Paris' });
    expect(seen).toEqual([]);
  });
});

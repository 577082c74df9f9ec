import { fixedClock } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { Connectivity } from './connectivity';
import { createTrackingFetch } from './tracking-fetch';

function setup(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const clock = fixedClock(1000);
  const connectivity = new Connectivity(clock);
  const pushes: { accepted: readonly string[]; rejected: readonly { id: string; reason: string }[] }[] = [];
  const seen: (readonly string[])[] = [];
  const headers: (string | null)[] = [];
  const fetch = createTrackingFetch({
    base: (input, init) => {
      headers.push(new Headers(init?.headers).get('Authorization'));
      return answer(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init);
    },
    authorization: 'Basic dDp0',
    connectivity,
    observer: {
      pushed: (accepted, rejected) => {
        pushes.push({ accepted, rejected });
        return Promise.resolve();
      },
      seen: (ids) => {
        seen.push(ids);
        return Promise.resolve();
      },
    },
  });
  return { fetch, connectivity, pushes, seen, headers, clock };
}

const json = (body: unknown, status = 201) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('createTrackingFetch', () => {
  it('records refused documents with the server reason and reports them to RxDB as written', async () => {
    const { fetch, pushes, headers } = setup(() =>
      json([
        { id: 'a', ok: true, rev: '1-a' },
        { id: 'b', error: 'forbidden', reason: 'storeId does not match', rev: '1-b' },
        { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
      ]),
    );
    const res = await fetch('http://s/store-s1/_bulk_docs?', { method: 'POST' });
    expect(await res.json()).toEqual([
      { id: 'a', ok: true, rev: '1-a' },
      { id: 'b', ok: true, rev: '1-b' },
      { id: 'c', error: 'conflict', reason: 'Document update conflict.' },
    ]);
    expect(pushes).toEqual([
      { accepted: ['a'], rejected: [{ id: 'b', reason: 'forbidden: storeId does not match' }] },
    ]);
    expect(headers).toEqual(['Basic dDp0']);
  });

  it('reports documents a pull brings back, and leaves the response readable for RxDB', async () => {
    const { fetch, seen } = setup(() => json({ results: [{ id: 'x' }, { id: 'y' }], last_seq: '2' }, 200));
    const res = await fetch('http://s/catalog/_changes?feed=longpoll');
    expect(await res.json()).toMatchObject({ last_seq: '2' });
    expect(seen).toEqual([['x', 'y']]);
  });

  it('tracks reachability: offline since the first failure, online again on any answer', async () => {
    let up = false;
    const { fetch, connectivity, clock } = setup(() =>
      up ? json({}, 200) : Promise.reject(new TypeError('fetch failed')),
    );
    await expect(fetch('http://s/catalog/')).rejects.toThrow('fetch failed');
    expect(connectivity.state).toMatchObject({ online: false, reason: 'fetch failed' });
    up = true;
    clock.advance(5000);
    await fetch('http://s/catalog/');
    expect(connectivity.state).toEqual({ online: true, since: 6000 });
    up = false;
    clock.advance(1000);
    await expect(fetch('http://s/catalog/')).rejects.toThrow();
    expect(connectivity.state).toEqual({ online: false, since: 7000, reason: 'fetch failed' });
  });

  it('passes a refused batch (HTTP error) through untouched so RxDB retries it', async () => {
    const { fetch, pushes } = setup(() =>
      json({ error: 'unauthorized', reason: 'Name or password is incorrect.' }, 401),
    );
    const res = await fetch('http://s/store-s1/_bulk_docs?', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(pushes).toEqual([]);
  });
});

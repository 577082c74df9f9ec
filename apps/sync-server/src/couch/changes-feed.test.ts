// Live `_changes` feeds as RxDB and the replicators use them: longpoll wake-up, continuous with
// heartbeats, `since=now`, timeouts and the `_selector` filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
type Changes = {
  results: { id: string; seq: number; doc?: Record<string, unknown>; deleted?: boolean }[];
  last_seq: number;
};

beforeAll(async () => {
  t = await startTestServer();
  await t.call('/feed', { method: 'PUT' });
  await t.call('/feed/_bulk_docs', {
    method: 'POST',
    json: {
      docs: [
        { _id: 'a', kind: 'x', n: 1 },
        { _id: 'b', kind: 'y', n: 2 },
      ],
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('_changes', () => {
  it('answers a longpoll as soon as a write commits', async () => {
    const poll = t.json<Changes>('/feed/_changes?feed=longpoll&since=now&include_docs=true&timeout=10000');
    await new Promise((r) => setTimeout(r, 100));
    await t.call('/feed/c', { method: 'PUT', json: { kind: 'x', n: 3 } });
    const res = await poll;
    expect(res.body.results.map((r) => r.id)).toEqual(['c']);
    expect(res.body.results[0]?.doc).toMatchObject({ _id: 'c', n: 3 });
    expect(res.body.last_seq).toBe(3);
  });

  it('ends an idle longpoll at its timeout with no results and the current seq', async () => {
    const res = await t.json<Changes>('/feed/_changes?feed=longpoll&since=now&timeout=150');
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
    expect(res.body.last_seq).toBe(3);
  });

  it('filters with a Mango selector, in normal and longpoll feeds', async () => {
    const normal = await t.json<Changes>('/feed/_changes?filter=_selector&include_docs=true', {
      method: 'POST',
      json: { selector: { kind: 'x' } },
    });
    expect(normal.body.results.map((r) => r.id)).toEqual(['a', 'c']);

    const poll = t.json<Changes>(
      `/feed/_changes?feed=longpoll&filter=_selector&since=${normal.body.last_seq}&timeout=10000`,
      {
        method: 'POST',
        json: { selector: { n: { $gte: 10 } } },
      },
    );
    await new Promise((r) => setTimeout(r, 50));
    await t.call('/feed/small', { method: 'PUT', json: { n: 1 } });
    await t.call('/feed/big', { method: 'PUT', json: { n: 11 } });
    expect((await poll).body.results.map((r) => r.id)).toEqual(['big']);
  });

  it('refuses an invalid selector with 400', async () => {
    const res = await t.json<{ error: string }>('/feed/_changes?filter=_selector', {
      method: 'POST',
      json: { selector: 'kind' },
    });
    expect(res).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('streams a continuous feed line by line with heartbeats', async () => {
    const res = await t.call('/feed/_changes?feed=continuous&since=0&heartbeat=50&timeout=400');
    const text = await res.text();
    const lines = text.split('\n');
    const rows = lines.filter((l) => l.startsWith('{"seq"')).map((l) => JSON.parse(l) as { id: string });
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'small', 'big']);
    expect(lines.filter((l) => l === '').length).toBeGreaterThan(2);
    expect(JSON.parse(lines.filter((l) => l.startsWith('{"last_seq"'))[0] ?? '{}')).toEqual({ last_seq: 5 });
  });

  it('pages with limit and since, and filters by doc ids', async () => {
    const first = await t.json<Changes>('/feed/_changes?limit=2');
    expect(first.body.results.map((r) => r.id)).toEqual(['a', 'b']);
    const next = await t.json<Changes>(`/feed/_changes?limit=2&since=${first.body.last_seq}`);
    expect(next.body.results.map((r) => r.id)).toEqual(['c', 'small']);
    const ids = await t.json<Changes>(
      `/feed/_changes?filter=_doc_ids&doc_ids=${encodeURIComponent('["big","a"]')}`,
    );
    expect(ids.body.results.map((r) => r.id)).toEqual(['a', 'big']);
  });

  it('lists every leaf of a conflicted document with style=all_docs, only the winner without it', async () => {
    await t.call('/styled', { method: 'PUT' });
    await t.call('/styled/_bulk_docs', {
      method: 'POST',
      json: {
        new_edits: false,
        docs: [
          { _id: 'c', _rev: '2-aaa', v: 'a', _revisions: { start: 2, ids: ['aaa', 'root'] } },
          { _id: 'c', _rev: '2-bbb', v: 'b', _revisions: { start: 2, ids: ['bbb', 'root'] } },
        ],
      },
    });
    type Revs = { results: { id: string; changes: { rev: string }[] }[] };
    const winner = await t.json<Revs>('/styled/_changes');
    expect(winner.body.results[0]?.changes).toEqual([{ rev: '2-bbb' }]);
    const all = await t.json<Revs>('/styled/_changes?style=all_docs');
    expect(all.body.results[0]?.changes.map((c) => c.rev).sort()).toEqual(['2-aaa', '2-bbb']);
  });

  it('sends heartbeats on an idle longpoll and still answers with valid JSON', async () => {
    const res = await t.call('/feed/_changes?feed=longpoll&since=now&heartbeat=50&timeout=400');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.startsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ results: [], last_seq: 5, pending: 0 });
  });

  it('reports deletions, and refuses an unreadable since or an unknown filter with 400', async () => {
    const gone = await t.json<{ rev: string }>('/feed/gone', { method: 'PUT', json: { n: 0 } });
    await t.call(`/feed/gone?rev=${gone.body.rev}`, { method: 'DELETE' });
    const res = await t.json<Changes>('/feed/_changes?since=5&include_docs=true');
    expect(res.body.results).toEqual([expect.objectContaining({ id: 'gone', deleted: true })]);
    expect(res.body.results[0]?.doc).toMatchObject({ _id: 'gone', _deleted: true });
    expect((await t.json('/feed/_changes?since=yesterday')).status).toBe(400);
    expect(await t.json('/feed/_changes?filter=app/by_type')).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect((await t.json('/feed/_changes?filter=_doc_ids&doc_ids=notjson')).status).toBe(400);
  });
});

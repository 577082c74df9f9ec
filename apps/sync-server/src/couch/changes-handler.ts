// `_changes`: normal, longpoll and continuous feeds served from the seq index; live feeds sleep until a
// commit touches their database (no polling).
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { flag, intParam, readableDb, settled } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendText } from '../http/respond';
import { docJson } from '../storage/doc-json';
import type { DbInfo } from '../storage/sqlite-store';
import { changesFilter, type ChangesFilter } from './changes-filter';

const SCAN_BATCH = 1000;
const DEFAULT_TIMEOUT_MS = 60_000;

interface FeedOptions {
  includeDocs: boolean;
  allDocsStyle: boolean;
  filter: ChangesFilter | undefined;
}

/** Reads changes after `since` until `limit` rows pass the filter; `lastSeq` is the last seq examined. */
function collect(
  ctx: Ctx,
  info: DbInfo,
  since: number,
  limit: number,
  o: FeedOptions,
): { rows: string[]; lastSeq: number } {
  const rows: string[] = [];
  let cursor = since;
  const withDocs = o.includeDocs || (o.filter?.needsDoc ?? false);
  while (rows.length < limit) {
    const batch = ctx.services.store.changes(
      info,
      cursor,
      Math.min(SCAN_BATCH, limit - rows.length),
      withDocs,
    );
    for (const r of batch) {
      cursor = r.seq;
      const deleted = r.deleted === 1;
      const json = withDocs ? docJson(r.id, r.winning_rev, deleted, r.body ?? '{}') : undefined;
      if (o.filter && !o.filter.accepts(r.id, () => JSON.parse(json ?? '{}') as Record<string, unknown>))
        continue;
      const revs = o.allDocsStyle ? (JSON.parse(r.leaves) as string[]) : [r.winning_rev];
      let row = `{"seq":${r.seq},"id":${JSON.stringify(r.id)},"changes":[${revs.map((rev) => `{"rev":${JSON.stringify(rev)}}`).join(',')}]`;
      if (deleted) row += ',"deleted":true';
      if (o.includeDocs) row += `,"doc":${json}`;
      rows.push(row + '}');
    }
    if (batch.length < SCAN_BATCH) break;
  }
  return { rows, lastSeq: cursor };
}

function parseSince(value: string | null, info: DbInfo): number {
  if (value === null || value === '' || value === '0') return 0;
  if (value === 'now') return info.updateSeq;
  const n = Number.parseInt(value.replace(/^"|"$/g, ''), 10);
  if (!Number.isSafeInteger(n) || n < 0)
    throw badRequest('`since` must be a sequence from this database or "now".');
  return n;
}

export async function changes(ctx: Ctx, dbName: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  const body = ctx.req.method === 'POST' ? await readJsonObject(ctx.req, ctx.services.maxBodyBytes) : {};
  // `since=now` and the rows below must not reflect a commit that is not yet durable.
  await settled(ctx, info.name);
  const feed = ctx.url.searchParams.get('feed') ?? 'normal';
  if (!['normal', 'longpoll', 'continuous'].includes(feed))
    throw badRequest(`feed=${feed} is not supported; use normal, longpoll or continuous.`);
  const o: FeedOptions = {
    includeDocs: flag(ctx, 'include_docs'),
    allDocsStyle: ctx.url.searchParams.get('style') === 'all_docs',
    filter: changesFilter(ctx, body),
  };
  const limit = intParam(ctx, 'limit', Number.MAX_SAFE_INTEGER) || Number.MAX_SAFE_INTEGER;
  const hb = ctx.url.searchParams.get('heartbeat');
  const heartbeatMs = hb === null ? 0 : hb === 'true' ? DEFAULT_TIMEOUT_MS : intParam(ctx, 'heartbeat', 0);
  const timeoutMs = intParam(
    ctx,
    'timeout',
    heartbeatMs > 0 && feed === 'continuous' ? Number.MAX_SAFE_INTEGER : DEFAULT_TIMEOUT_MS,
  );
  let since = parseSince(ctx.url.searchParams.get('since'), info);

  if (feed === 'normal') {
    const { rows, lastSeq } = collect(ctx, info, since, limit, o);
    sendText(ctx.res, 200, `{"results":[${rows.join(',\n')}],"last_seq":${lastSeq},"pending":0}`);
    return;
  }

  const { res } = ctx;
  const deadline = Date.now() + Math.min(timeoutMs, 2 ** 31 - 1);
  let ended = false;
  res.on('close', () => {
    ended = true;
  });
  let headersSent = false;
  const openStream = () => {
    if (headersSent) return;
    headersSent = true;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate' });
  };
  // A longpoll's headers wait for its first heartbeat: most answers come sooner and then go out as one
  // write with a Content-Length instead of a chunked stream (one syscall less per live answer).
  if (feed === 'continuous') openStream();

  let sent = 0;
  // A live client that is already up to date (the usual re-poll) goes straight to waiting.
  let upToDate = since >= info.updateSeq;
  for (;;) {
    const batch = upToDate ? { rows: [], lastSeq: since } : collect(ctx, info, since, limit - sent, o);
    upToDate = false;
    since = batch.lastSeq;
    if (feed === 'longpoll' && batch.rows.length > 0) {
      const out = `{"results":[${batch.rows.join(',\n')}],"last_seq":${since},"pending":0}\n`;
      if (headersSent) res.end(out);
      else sendText(res, 200, out.trimEnd());
      return;
    }
    if (feed === 'continuous') {
      for (const row of batch.rows) res.write(row + '\n');
      sent += batch.rows.length;
    }
    if (ended || sent >= limit || Date.now() >= deadline || ctx.services.stopping.value) break;
    await waitForChange(ctx, info.name, deadline, heartbeatMs, () => ended, openStream);
    // Woken by a durable commit this is immediate; woken by a heartbeat or the deadline it may not be.
    await settled(ctx, info.name);
  }
  if (ended) return;
  if (feed === 'longpoll') {
    const out = `{"results":[],"last_seq":${since},"pending":0}`;
    if (headersSent) res.end(out + '\n');
    else sendText(res, 200, out);
  } else {
    res.end(`{"last_seq":${since}}\n`);
  }
}

/** Sleeps until the database changes, the deadline passes or the client leaves; writes heartbeats. */
function waitForChange(
  ctx: Ctx,
  db: string,
  deadline: number,
  heartbeatMs: number,
  gone: () => boolean,
  openStream: () => void,
): Promise<void> {
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let cancel = () => {};
    const done = () => {
      cancel();
      for (const t of timers) clearTimeout(t);
      ctx.res.off('close', done);
      resolve();
    };
    cancel = ctx.services.store.notifier.once(db, done);
    ctx.res.on('close', done);
    timers.push(setTimeout(done, Math.max(0, deadline - Date.now())));
    if (heartbeatMs > 0) {
      timers.push(
        setInterval(() => {
          if (gone()) return;
          openStream();
          ctx.res.write('\n');
        }, heartbeatMs),
      );
    }
    if (ctx.services.stopping.value) done();
  });
}

// `GET/POST /{db}/_all_docs`: id ranges, or exactly the `keys` asked for (deleted ones reported as such).
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { flag, intParam, readableDb, settled } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendText } from '../http/respond';
import { docJson } from '../storage/doc-json';

function jsonParam(ctx: Ctx, name: string): unknown {
  const v = ctx.url.searchParams.get(name);
  if (v === null) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw badRequest(`Query parameter ${name} must be JSON (a quoted string for keys).`);
  }
}

function stringParam(ctx: Ctx, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = jsonParam(ctx, name);
    if (v === undefined) continue;
    if (typeof v !== 'string') throw badRequest(`${name} must be a JSON string (document ids are strings).`);
    return v;
  }
  return undefined;
}

export async function allDocs(ctx: Ctx, dbName: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  const body = ctx.req.method === 'POST' ? await readJsonObject(ctx.req, ctx.services.maxBodyBytes) : {};
  await settled(ctx, info.name);
  const includeDocs = body.include_docs === true || flag(ctx, 'include_docs');
  const keys = body.keys ?? jsonParam(ctx, 'keys');
  const store = ctx.services.store;
  const rows: string[] = [];
  if (keys !== undefined) {
    if (!Array.isArray(keys)) throw badRequest('`keys` must be an array of document ids.');
    for (const key of keys as unknown[]) {
      const row = typeof key === 'string' ? store.getWinner(info, key) : undefined;
      if (!row) {
        rows.push(`{"key":${JSON.stringify(key)},"error":"not_found"}`);
        continue;
      }
      const deleted = row.deleted === 1;
      const value = `{"rev":${JSON.stringify(row.winning_rev)}${deleted ? ',"deleted":true' : ''}}`;
      const doc = includeDocs
        ? `,"doc":${deleted ? 'null' : docJson(row.id, row.winning_rev, false, row.body ?? '{}')}`
        : '';
      rows.push(`{"id":${JSON.stringify(row.id)},"key":${JSON.stringify(row.id)},"value":${value}${doc}}`);
    }
    sendText(ctx.res, 200, `{"total_rows":${info.docCount},"offset":0,"rows":[${rows.join(',')}]}`);
    return;
  }
  const skip = intParam(ctx, 'skip', 0);
  const found = store.range(
    info,
    {
      startkey: stringParam(ctx, 'startkey', 'start_key'),
      endkey: stringParam(ctx, 'endkey', 'end_key'),
      inclusiveEnd: ctx.url.searchParams.get('inclusive_end') !== 'false',
      descending: flag(ctx, 'descending'),
      limit: intParam(ctx, 'limit', Number.MAX_SAFE_INTEGER),
      skip,
    },
    includeDocs,
  );
  for (const row of found) {
    const doc = includeDocs ? `,"doc":${docJson(row.id, row.winning_rev, false, row.body ?? '{}')}` : '';
    rows.push(
      `{"id":${JSON.stringify(row.id)},"key":${JSON.stringify(row.id)},"value":{"rev":${JSON.stringify(row.winning_rev)}}${doc}}`,
    );
  }
  sendText(ctx.res, 200, `{"total_rows":${info.docCount},"offset":${skip},"rows":[${rows.join(',')}]}`);
}

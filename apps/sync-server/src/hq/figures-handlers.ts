// `/_hq/api` handlers for sales, KPIs, stock and closes: parse, scope, query, answer.
import type { Ctx } from '../http/context';
import { notFound } from '../http/couch-error';
import { sendJson } from '../http/respond';
import { closeById, closes } from './close-queries';
import { storeScope } from './hq-access';
import { hqOf } from './hq-service';
import { kpis } from './kpi-queries';
import { dateRange, intQuery, oneOf } from './query-params';
import { SALES_GROUPS, salesSeries, salesSummary, tenderSummary } from './sales-queries';
import { movementHistory, stockLevels } from './stock-queries';

const channelOf = (ctx: Ctx) => oneOf(ctx, 'channel', ['store', 'web', ''] as const, '') || undefined;

export function getSalesSummary(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Sales figures');
  const range = dateRange(ctx);
  const groupBy = oneOf(ctx, 'groupBy', SALES_GROUPS, 'store');
  const { db } = hqOf(ctx.services).figures;
  const rows =
    groupBy === 'tender'
      ? tenderSummary(db, scope, range)
      : salesSummary(db, scope, range, groupBy, channelOf(ctx));
  sendJson(ctx.res, 200, { ...range, groupBy, rows });
}

export function getSalesSeries(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Sales figures');
  const range = dateRange(ctx);
  const interval = oneOf(ctx, 'interval', ['day', 'hour'] as const, 'day');
  const points = salesSeries(hqOf(ctx.services).figures.db, scope, range, interval, channelOf(ctx));
  sendJson(ctx.res, 200, { ...range, interval, points });
}

export function getKpis(ctx: Ctx): void {
  const scope = storeScope(ctx, 'KPIs');
  const range = dateRange(ctx);
  const hq = hqOf(ctx.services);
  const sla = intQuery(ctx, 'sla', hq.settings.pickupSlaMinutes, 60 * 24 * 30);
  sendJson(ctx.res, 200, kpis(hq.figures.db, scope, range, sla));
}

export function getStockLevels(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Stock levels');
  const p = ctx.url.searchParams;
  const hq = hqOf(ctx.services);
  const alert = oneOf(ctx, 'alert', ['low', 'negative', ''] as const, '');
  const result = stockLevels(hq.figures.db, scope, {
    ...(p.get('sku') ? { sku: p.get('sku') ?? '' } : {}),
    ...(p.get('location') ? { locationId: p.get('location') ?? '' } : {}),
    ...(alert ? { alert } : {}),
    low: intQuery(ctx, 'low', hq.settings.lowStockThreshold, 1_000_000),
    limit: intQuery(ctx, 'limit', 200, 5000),
    offset: intQuery(ctx, 'offset', 0, 10_000_000),
  });
  sendJson(ctx.res, 200, result);
}

export function getStockAlerts(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Stock alerts');
  const hq = hqOf(ctx.services);
  const low = intQuery(ctx, 'low', hq.settings.lowStockThreshold, 1_000_000);
  const q = { low, limit: 500, offset: 0 };
  sendJson(ctx.res, 200, {
    negative: stockLevels(hq.figures.db, scope, { ...q, alert: 'negative' }),
    low: stockLevels(hq.figures.db, scope, { ...q, alert: 'low' }),
  });
}

export function getMovements(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Movement history');
  const p = ctx.url.searchParams;
  const sku = p.get('sku');
  if (!sku) throw notFound('Name the sku: /_hq/api/stock/movements?sku=<sku>.');
  const rows = movementHistory(hqOf(ctx.services).figures.db, scope, sku, {
    ...(p.get('location') ? { locationId: p.get('location') ?? '' } : {}),
    ...(p.get('before') ? { before: p.get('before') ?? '' } : {}),
    limit: intQuery(ctx, 'limit', 100, 1000),
  });
  sendJson(ctx.res, 200, { sku, rows });
}

export function getCloses(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Closes');
  const range = dateRange(ctx);
  const page = { limit: intQuery(ctx, 'limit', 200, 5000), offset: intQuery(ctx, 'offset', 0, 10_000_000) };
  sendJson(ctx.res, 200, { ...range, ...closes(hqOf(ctx.services).figures.db, scope, range, page) });
}

export function getClose(ctx: Ctx, id: string): void {
  const scope = storeScope(ctx, 'Closes');
  const doc = closeById(hqOf(ctx.services).figures.db, scope, id);
  if (doc === undefined) throw notFound(`No close ${id} in the stores you may see.`);
  sendJson(ctx.res, 200, doc);
}

export async function getStatus(ctx: Ctx): Promise<void> {
  const hq = hqOf(ctx.services);
  const dbs = [...(await hq.source.storeDatabases()), 'stock-levels'];
  const databases = [];
  for (const db of dbs) {
    const seq = hq.figures.readCursor(db) ?? '0';
    const updateSeq = (await hq.source.updateSeq(db)) ?? '0';
    databases.push({ db, seq, updateSeq, lag: Math.max(0, Number(updateSeq) - Number(seq)) });
  }
  // After a failed fsync the store refuses writes until a restart (docs/specs/sync-server.md, Storage).
  const failure = ctx.services.store.failure;
  const storage = failure ? { status: 'storage_failed', reason: failure.message } : { status: 'ok' };
  sendJson(ctx.res, 200, { follower: { applied: hq.follower.applied, databases }, storage });
}

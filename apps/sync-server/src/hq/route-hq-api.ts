// Maps `/_hq/api/...` paths to their handlers (docs/specs/hq-api.md).
import type { Ctx } from '../http/context';
import { methodNotAllowed, notFound } from '../http/couch-error';
import { getCsv, postCsv } from './catalog-handlers';
import { getCustomer, getCustomers, getDuplicates, postMerge } from './customer-handlers';
import {
  getClose,
  getCloses,
  getKpis,
  getMovements,
  getSalesSeries,
  getSalesSummary,
  getStatus,
  getStockAlerts,
  getStockLevels,
} from './figures-handlers';
import {
  getFleet,
  getHeartbeats,
  getStaff,
  postEnrollment,
  postHeartbeat,
  postRevoke,
  postStaffPin,
} from './fleet-handlers';
import { requireRole } from './hq-access';
import { getMe } from './me-handler';
import { getReleases, getUpdateReports, postUpdateReport, putStoreGroups } from './update-handlers';
import { getLedgerReconciliation } from '../reconcile/reconcile-handler';

type Handler = () => void | Promise<void>;

function on(ctx: Ctx, table: Partial<Record<'GET' | 'POST' | 'PUT', Handler>>): void | Promise<void> {
  const method = ctx.req.method === 'HEAD' ? 'GET' : ctx.req.method;
  const handler = method === 'GET' || method === 'POST' || method === 'PUT' ? table[method] : undefined;
  if (!handler) throw methodNotAllowed(Object.keys(table).join(','));
  return handler();
}

export function routeHqApi(ctx: Ctx, seg: string[]): void | Promise<void> {
  const path = seg.join('/');
  const [a, b, c, d, e] = seg;
  switch (path) {
    case 'me':
      return on(ctx, { GET: () => getMe(ctx) });
    case 'heartbeat':
      return on(ctx, { POST: () => postHeartbeat(ctx) });
    case 'sales/summary':
      return on(ctx, { GET: () => getSalesSummary(ctx) });
    case 'sales/series':
      return on(ctx, { GET: () => getSalesSeries(ctx) });
    case 'kpis':
      return on(ctx, { GET: () => getKpis(ctx) });
    case 'stock/levels':
      return on(ctx, { GET: () => getStockLevels(ctx) });
    case 'stock/alerts':
      return on(ctx, { GET: () => getStockAlerts(ctx) });
    case 'stock/movements':
      return on(ctx, { GET: () => getMovements(ctx) });
    case 'closes':
      return on(ctx, { GET: () => getCloses(ctx) });
    case 'reconciliation/ledgers':
      return on(ctx, { GET: () => getLedgerReconciliation(ctx) });
    case 'customers':
      return on(ctx, { GET: () => getCustomers(ctx) });
    case 'customers/duplicates':
      return on(ctx, { GET: () => getDuplicates(ctx) });
    case 'customers/merge':
      return on(ctx, { POST: () => postMerge(ctx) });
    case 'fleet':
      return on(ctx, { GET: () => getFleet(ctx) });
    case 'update-report':
      return on(ctx, { POST: () => postUpdateReport(ctx) });
    case 'updates/releases':
      return on(ctx, { GET: () => getReleases(ctx) });
    case 'updates/reports':
      return on(ctx, { GET: () => getUpdateReports(ctx) });
    case 'catalog/products.csv':
      return on(ctx, { GET: () => getCsv(ctx, 'products'), POST: () => postCsv(ctx, 'products') });
    case 'catalog/prices.csv':
      return on(ctx, { GET: () => getCsv(ctx, 'prices'), POST: () => postCsv(ctx, 'prices') });
    case 'catalog/promotions.csv':
      return on(ctx, { GET: () => getCsv(ctx, 'promotions'), POST: () => postCsv(ctx, 'promotions') });
    case 'status':
      return on(ctx, {
        GET: () => {
          requireRole(ctx, ['admin', 'hq', 'it'], 'The follower status');
          return getStatus(ctx);
        },
      });
  }
  if (a === 'closes' && b && c === undefined) return on(ctx, { GET: () => getClose(ctx, b) });
  if (a === 'customers' && b && c === undefined) return on(ctx, { GET: () => getCustomer(ctx, b) });
  if (a === 'fleet' && b === 'terminals' && c && d === 'heartbeats' && e === undefined)
    return on(ctx, { GET: () => getHeartbeats(ctx, c) });
  if (a === 'fleet' && b === 'terminals' && c && d === 'revoke' && e === undefined)
    return on(ctx, { POST: () => postRevoke(ctx, c) });
  if (a === 'fleet' && b === 'stores' && c && d === 'terminals' && e === undefined)
    return on(ctx, { POST: () => postEnrollment(ctx, c) });
  if (a === 'fleet' && b === 'stores' && c && d === 'groups' && e === undefined)
    return on(ctx, { PUT: () => putStoreGroups(ctx, c) });
  if (a === 'fleet' && b === 'stores' && c && d === 'staff' && e === undefined)
    return on(ctx, { GET: () => getStaff(ctx, c) });
  if (a === 'fleet' && b === 'stores' && c && d === 'staff' && e && seg[5] === 'pin' && seg.length === 6)
    return on(ctx, { POST: () => postStaffPin(ctx, c, e) });
  throw notFound(`Unknown HQ API endpoint /_hq/api/${path}; see docs/specs/hq-api.md.`);
}

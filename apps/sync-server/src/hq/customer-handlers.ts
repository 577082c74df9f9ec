// `/_hq/api/customers` handlers: search, history, duplicates, merge.
import type { Ctx } from '../http/context';
import { badRequest, notFound } from '../http/couch-error';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { customerHistory, duplicateCustomers, searchCustomers } from './customer-queries';
import { mergeCustomers, parseMergeRequest } from './customer-merge';
import { requireRole, storeScope } from './hq-access';
import { hqOf } from './hq-service';
import { intQuery } from './query-params';

export function getCustomers(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Customers');
  const q = (ctx.url.searchParams.get('q') ?? '').trim();
  if (q.length < 2)
    throw badRequest('Send `q` with at least 2 characters: a name, an email or a phone number.');
  const rows = searchCustomers(hqOf(ctx.services).figures.db, scope, q, intQuery(ctx, 'limit', 50, 500));
  sendJson(ctx.res, 200, { q, rows });
}

export function getCustomer(ctx: Ctx, id: string): void {
  const scope = storeScope(ctx, 'Customers');
  const found = customerHistory(hqOf(ctx.services).figures.db, scope, id);
  if (!found) throw notFound(`No customer ${id} in the stores you may see.`);
  sendJson(ctx.res, 200, found);
}

export function getDuplicates(ctx: Ctx): void {
  const scope = storeScope(ctx, 'Customers');
  sendJson(ctx.res, 200, { groups: duplicateCustomers(hqOf(ctx.services).figures.db, scope) });
}

export async function postMerge(ctx: Ctx): Promise<void> {
  const principal = requireRole(ctx, ['admin', 'hq'], 'Merging customers');
  const request = parseMergeRequest(await readJsonObject(ctx.req, 64 * 1024));
  const hq = hqOf(ctx.services);
  const result = await mergeCustomers(ctx.services, hq, principal, request, new Date().toISOString());
  await hq.follower.idle();
  sendJson(ctx.res, 200, { ok: true, ...result });
}

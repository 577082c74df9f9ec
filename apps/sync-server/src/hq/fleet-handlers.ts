// `/_hq/api/heartbeat` and `/_hq/api/fleet/...`: terminals report in; IT sees the fleet, enrolls and
// revokes terminals (through the same directory as `/_pos`) and resets staff PINs.
import { isDomainError } from '@store-os/shared';
import { parseHeartbeat } from '@store-os/shared/fleet';
import { createTerminal, revokeTerminal } from '../auth/enrollment-handlers';
import type { Ctx } from '../http/context';
import { badRequest, forbidden } from '../http/couch-error';
import { readJson, readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { heartbeatHistory, latestHeartbeats, recordHeartbeat } from './heartbeat-store';
import { fleetView } from './fleet-view';
import { requireRole } from './hq-access';
import { groupsWithStores, storeGroupsOf } from './store-groups';
import { hqOf } from './hq-service';
import { intQuery } from './query-params';
import { parsePin, resetStaffPin } from './staff-pin';

/** POST /_hq/api/heartbeat: only the terminal itself, for its own store. */
export async function postHeartbeat(ctx: Ctx): Promise<void> {
  const p = requireRole(ctx, ['terminal'], 'Posting a heartbeat');
  let hb;
  try {
    hb = parseHeartbeat(await readJson(ctx.req, 64 * 1024));
  } catch (error) {
    if (isDomainError(error)) throw badRequest(error.message);
    throw error;
  }
  if (hb.terminalId !== p.name || hb.storeId !== p.storeId)
    throw forbidden(
      `You are terminal ${p.name} of store ${p.storeId ?? '?'}; this heartbeat is for ${hb.terminalId} of ${hb.storeId}.`,
    );
  const receivedAt = await recordHeartbeat(hqOf(ctx.services).figures, hb, new Date().toISOString());
  sendJson(ctx.res, 202, { ok: true, receivedAt });
}

/** The stores a fleet request covers: all for admin/hq/it, their own for a manager. */
function fleetStores(ctx: Ctx): string[] | undefined {
  const p = requireRole(ctx, ['admin', 'hq', 'it', 'manager'], 'The fleet view');
  if (p.role === 'manager') return p.storeId ? [p.storeId] : [];
  const requested = ctx.url.searchParams.get('store');
  return requested ? requested.split(',').filter(Boolean) : undefined;
}

export function getFleet(ctx: Ctx): void {
  const storeIds = fleetStores(ctx);
  const hq = hqOf(ctx.services);
  const staleAfterMinutes = intQuery(ctx, 'staleAfterMinutes', hq.settings.staleAfterMinutes, 60 * 24 * 365);
  const now = Date.now();
  const groups = storeGroupsOf(ctx.services);
  const stores = ctx.services.auth
    .listStores()
    .filter((s) => !storeIds || storeIds.includes(s.id))
    .map((s) => ({ ...s, groups: groups.get(s.id) ?? [] }));
  const view = fleetView(ctx.services.store.sqlite, latestHeartbeats(hq.figures), {
    now,
    staleAfterMinutes,
    ...(storeIds ? { storeIds } : {}),
  });
  const visible = new Map([...groups].filter(([id]) => stores.some((s) => s.id === id)));
  sendJson(ctx.res, 200, {
    now: new Date(now).toISOString(),
    staleAfterMinutes,
    stores,
    storeGroups: groupsWithStores(visible),
    ...view,
  });
}

export function getHeartbeats(ctx: Ctx, terminalId: string): void {
  const storeIds = fleetStores(ctx);
  const history = heartbeatHistory(hqOf(ctx.services).figures, terminalId, intQuery(ctx, 'limit', 50, 500));
  if (storeIds && history.some((h) => !storeIds.includes(h.storeId)))
    throw forbidden(`Terminal ${terminalId} is not in your store.`);
  sendJson(ctx.res, 200, { terminalId, rows: history });
}

export const postEnrollment = (ctx: Ctx, storeId: string) => createTerminal(ctx, storeId);
export const postRevoke = (ctx: Ctx, terminalId: string) => revokeTerminal(ctx, terminalId);

/** GET /_hq/api/fleet/stores/{id}/staff: the store's staff (without PIN hashes). */
export function getStaff(ctx: Ctx, storeId: string): void {
  const storeIds = fleetStores(ctx);
  if (storeIds && !storeIds.includes(storeId)) throw forbidden(`Store ${storeId} is not yours to see.`);
  const info = ctx.services.store.info(`store-${storeId}`);
  if (!info) throw badRequest(`Store ${storeId} does not exist.`);
  const rows = ctx.services.store
    .range(
      info,
      {
        startkey: 'staff:',
        endkey: 'staff:\uffff',
        inclusiveEnd: true,
        descending: false,
        limit: 10_000,
        skip: 0,
      },
      true,
    )
    .map((r) => JSON.parse(r.body ?? '{}') as Record<string, unknown>)
    .map(({ pin: _pin, ...rest }) => rest);
  sendJson(ctx.res, 200, { storeId, rows });
}

/** POST /_hq/api/fleet/stores/{id}/staff/{userId}/pin {pin}: admin, hq, it, or that store's manager. */
export async function postStaffPin(ctx: Ctx, storeId: string, userId: string): Promise<void> {
  const p = requireRole(ctx, ['admin', 'hq', 'it', 'manager'], 'Resetting a PIN');
  if (p.role === 'manager' && p.storeId !== storeId)
    throw forbidden(`Store ${storeId} is not yours to manage.`);
  const body = await readJsonObject(ctx.req, 4096);
  const rev = await resetStaffPin(
    ctx.services,
    p,
    storeId,
    userId,
    parsePin(body.pin),
    new Date().toISOString(),
  );
  sendJson(ctx.res, 200, { ok: true, storeId, userId, rev });
}

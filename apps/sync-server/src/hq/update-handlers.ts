// `/_hq/api/updates/...` and `/_hq/api/update-report`: the release history of the update channel and the
// results terminals report after each update check, for the console's Updates page; and store groups
// (`/_hq/api/fleet/stores/{id}/groups`), which rollout cohorts name.
import type { Ctx } from '../http/context';
import { forbidden } from '../http/couch-error';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { readReleaseHistory } from '../updates/release-history';
import { updatesDirOf } from '../updates/route-updates';
import { requireRole } from './hq-access';
import { hqOf } from './hq-service';
import { intQuery } from './query-params';
import { parseGroups, setStoreGroups } from './store-groups';
import {
  checkReporter,
  latestUpdateReports,
  parseUpdateReport,
  recordUpdateReport,
  updateReports,
} from './update-reports';

/** POST /_hq/api/update-report: the terminal itself, after an update check. */
export async function postUpdateReport(ctx: Ctx): Promise<void> {
  const p = requireRole(ctx, ['terminal'], 'Reporting an update check');
  const report = parseUpdateReport(await readJsonObject(ctx.req, 16 * 1024));
  const storeId = checkReporter(p, report);
  const receivedAt = new Date().toISOString();
  await recordUpdateReport(hqOf(ctx.services).figures, report, storeId, receivedAt);
  sendJson(ctx.res, 202, { ok: true, receivedAt });
}

/** The stores an updates request covers: all for admin/hq/it, their own for a manager. */
function updateStores(ctx: Ctx, what: string): string[] | undefined {
  const p = requireRole(ctx, ['admin', 'hq', 'it', 'manager'], what);
  if (p.role === 'manager') return p.storeId ? [p.storeId] : [];
  return undefined;
}

/** GET /_hq/api/updates/releases: every published manifest, newest first, with what it did. */
export async function getReleases(ctx: Ctx): Promise<void> {
  requireRole(ctx, ['admin', 'hq', 'it'], 'The release history');
  sendJson(ctx.res, 200, { releases: await readReleaseHistory(updatesDirOf(ctx.services)) });
}

/**
 * GET /_hq/api/updates/reports?terminal=&limit=: the latest report of every terminal (`latest`) and the
 * most recent reports (`rows`, newest first), or one terminal's history.
 */
export function getUpdateReports(ctx: Ctx): void {
  const storeIds = updateStores(ctx, 'Update reports');
  const figures = hqOf(ctx.services).figures;
  const terminalId = ctx.url.searchParams.get('terminal') ?? undefined;
  const rows = updateReports(figures, {
    ...(terminalId === undefined ? {} : { terminalId }),
    ...(storeIds ? { storeIds } : {}),
    limit: intQuery(ctx, 'limit', 100, 1000),
  });
  sendJson(ctx.res, 200, { latest: latestUpdateReports(figures, storeIds), rows });
}

/** PUT /_hq/api/fleet/stores/{id}/groups {groups}: admin, hq or it. */
export async function putStoreGroups(ctx: Ctx, storeId: string): Promise<void> {
  const p = requireRole(ctx, ['admin', 'hq', 'it'], 'Setting store groups');
  if (!ctx.services.auth.listStores().some((s) => s.id === storeId))
    throw forbidden(`Store ${storeId} does not exist on this server.`);
  const groups = parseGroups((await readJsonObject(ctx.req, 8 * 1024)).groups);
  const rev = await setStoreGroups(ctx.services, p, storeId, groups, new Date().toISOString());
  sendJson(ctx.res, 200, { ok: true, storeId, groups, rev });
}

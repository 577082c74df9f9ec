// `GET /_hq/api/me`: who is signed in and which parts of the console their role opens, so the console
// shows only what the API would answer.
import type { Role } from '../auth/principal';
import type { Ctx } from '../http/context';
import { requireUser } from '../http/guards';
import { sendJson } from '../http/respond';

/** Console sections and the roles that may use them (the API enforces the same). */
const SECTIONS: Readonly<Record<string, readonly Role[]>> = {
  sales: ['admin', 'hq', 'manager'],
  stock: ['admin', 'hq', 'manager'],
  closes: ['admin', 'hq', 'manager'],
  customers: ['admin', 'hq', 'manager'],
  customerMerge: ['admin', 'hq'],
  catalog: ['admin', 'hq'],
  fleet: ['admin', 'hq', 'it', 'manager'],
  enrollment: ['admin', 'it'],
};

export function getMe(ctx: Ctx): void {
  const p = requireUser(ctx);
  const sections = Object.entries(SECTIONS)
    .filter(([, roles]) => roles.includes(p.role))
    .map(([name]) => name);
  sendJson(ctx.res, 200, {
    name: p.name,
    role: p.role,
    ...(p.storeId ? { storeId: p.storeId } : {}),
    allStores: p.role === 'admin' || p.role === 'hq' || p.role === 'it',
    sections,
  });
}

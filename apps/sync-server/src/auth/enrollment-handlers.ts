// Store, user and terminal administration under `/_pos/`. A terminal gets its credential exactly once:
// the admin (or IT) creates it and receives a one-time enrollment code; the terminal exchanges the code
// for a generated password; revoking the terminal refuses its very next request.
import { storeDbName } from './access-policy';
import type { PosCtx } from '../http/context';
import { badRequest, CouchError, forbidden, notFound } from '../http/couch-error';
import { requireAdmin, requireUser } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { randomSecret } from './password';
import { isRole } from './principal';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function requireCode(value: unknown, what: string): string {
  if (typeof value !== 'string' || !CODE.test(value)) {
    throw badRequest(
      `${what} must be 1-64 characters of letters, digits, '_', '.', '-' (starting with a letter or digit).`,
    );
  }
  return value;
}

function requireEnroller(ctx: PosCtx): void {
  const p = requireUser(ctx);
  if (p.role !== 'admin' && p.role !== 'it') throw forbidden('Only the admin or IT may manage terminals.');
}

/** POST /_pos/stores {id, name}: creates the store and its `store-<id>` database. */
export async function createStore(ctx: PosCtx): Promise<void> {
  requireAdmin(ctx, 'store creation');
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  const id = requireCode(body.id, 'Store id').toLowerCase();
  const name = typeof body.name === 'string' && body.name ? body.name : id;
  const created = await ctx.services.directory.addStore(id, name);
  sendJson(ctx.res, created ? 201 : 200, { ok: true, id, db: storeDbName(id) });
}

/** POST /_pos/users {name, password, role, storeId?}: HQ, IT and store-manager credentials. */
export async function createUser(ctx: PosCtx): Promise<void> {
  requireAdmin(ctx, 'user creation');
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  const name = requireCode(body.name, 'User name');
  if (!isRole(body.role) || body.role === 'terminal') {
    throw badRequest('role must be admin, hq, it or manager (terminals are enrolled).');
  }
  if (typeof body.password !== 'string' || body.password.length < 8)
    throw badRequest('password must be at least 8 characters.');
  let storeId: string | undefined;
  if (body.role === 'manager') {
    storeId = requireCode(body.storeId, 'storeId').toLowerCase();
    if (!(await ctx.services.directory.hasStore(storeId)))
      throw notFound(`Store ${storeId} does not exist; create it first.`);
  }
  await ctx.services.directory.setPrincipal(
    { name, role: body.role, ...(storeId ? { storeId } : {}) },
    body.password,
    false,
  );
  sendJson(ctx.res, 201, { ok: true, name, role: body.role, ...(storeId ? { storeId } : {}) });
}

/** POST /_pos/stores/{id}/terminals {terminalId}: a one-time enrollment code. */
export async function createTerminal(ctx: PosCtx, storeId: string): Promise<void> {
  requireEnroller(ctx);
  if (!(await ctx.services.directory.hasStore(storeId)))
    throw notFound(`Store ${storeId} does not exist; create it first.`);
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  const terminalId = requireCode(body.terminalId, 'terminalId');
  if (await ctx.services.directory.getPrincipal(terminalId))
    throw new CouchError(409, 'conflict', `A credential named ${terminalId} already exists.`);
  const { code, expiresAt } = await ctx.services.directory.issueEnrollment(
    terminalId,
    storeId,
    ctx.services.enrollmentTtlMs,
  );
  sendJson(ctx.res, 201, {
    ok: true,
    terminalId,
    storeId,
    enrollmentCode: code,
    expiresAt: new Date(expiresAt).toISOString(),
  });
}

/** POST /_pos/enroll {code}: exchanges a one-time code for the terminal's credential (shown once). */
export async function enroll(ctx: PosCtx): Promise<void> {
  const body = await readJsonObject(ctx.req, 4096);
  if (typeof body.code !== 'string' || body.code.length === 0)
    throw badRequest('Send the enrollment `code` you were given.');
  const grant = await ctx.services.directory.consumeEnrollment(body.code);
  if (!grant)
    throw new CouchError(
      401,
      'unauthorized',
      'This enrollment code is unknown, expired or already used; ask IT for a new one.',
    );
  if (await ctx.services.directory.getPrincipal(grant.terminal))
    throw new CouchError(409, 'conflict', `Terminal ${grant.terminal} is already enrolled.`);
  const password = randomSecret(24);
  await ctx.services.directory.setPrincipal(
    { name: grant.terminal, role: 'terminal', storeId: grant.storeId },
    password,
    true,
  );
  sendJson(ctx.res, 201, {
    ok: true,
    name: grant.terminal,
    password,
    storeId: grant.storeId,
    databases: { store: storeDbName(grant.storeId), catalog: 'catalog', stockLevels: 'stock-levels' },
  });
}

/** POST /_pos/terminals/{name}/revoke: the credential stops working at once (also for open sessions). */
export async function revokeTerminal(ctx: PosCtx, name: string): Promise<void> {
  requireEnroller(ctx);
  const p = await ctx.services.directory.getPrincipal(name);
  if (!p || p.role !== 'terminal') throw notFound(`No terminal named ${name}.`);
  await ctx.services.directory.revoke(name);
  sendJson(ctx.res, 200, { ok: true, name, revoked: true });
}

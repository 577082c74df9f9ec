// `/_session`: cookie login (JSON or form body), who-am-I, and logout, as CouchDB's cookie auth works.
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { readRaw } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { Principal } from './principal';
import { SESSION_COOKIE, SESSION_TTL_MS } from './session-cookie';

/** CouchDB-style roles of a principal: `_admin` for the admin, the role and `store:<id>` otherwise. */
export function couchRoles(p: Principal): string[] {
  if (p.role === 'admin') return ['_admin'];
  return p.storeId ? [p.role, `store:${p.storeId}`] : [p.role];
}

export function getSession(ctx: Ctx): void {
  const p = ctx.principal;
  sendJson(ctx.res, 200, {
    ok: true,
    userCtx: { name: p?.name ?? null, roles: p ? couchRoles(p) : [] },
    info: {
      authentication_handlers: ['cookie', 'default'],
      ...(p ? { authenticated: ctx.req.headers.authorization ? 'default' : 'cookie' } : {}),
    },
  });
}

async function credentials(ctx: Ctx): Promise<{ name: string; password: string }> {
  const raw = (await readRaw(ctx.req, 64 * 1024)).toString('utf8');
  const type = ctx.req.headers['content-type'] ?? '';
  let fields: Record<string, unknown> = {};
  if (type.includes('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(raw));
  } else {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        fields = parsed as Record<string, unknown>;
    } catch {
      throw badRequest('Request body is not valid JSON.');
    }
  }
  const { name, password } = fields;
  if (typeof name !== 'string' || typeof password !== 'string')
    throw badRequest('Send `name` and `password` as strings.');
  return { name, password };
}

export async function postSession(ctx: Ctx): Promise<void> {
  const { name, password } = await credentials(ctx);
  const p = await ctx.services.authenticator.login(ctx.req, name, password);
  const expires = Date.now() + SESSION_TTL_MS;
  const token = ctx.services.authenticator.sessionToken(p.name, expires);
  sendJson(
    ctx.res,
    200,
    { ok: true, name: p.name, roles: couchRoles(p) },
    {
      'Set-Cookie': `${SESSION_COOKIE}=${token}; Version=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`,
    },
  );
}

export function deleteSession(ctx: Ctx): void {
  sendJson(
    ctx.res,
    200,
    { ok: true },
    { 'Set-Cookie': `${SESSION_COOKIE}=; Version=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  );
}

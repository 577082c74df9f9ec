// `/_api/...`: the integration API. Resolves the route from the table, authenticates (API key or an
// admin/HQ CouchDB credential), checks query and body against the route's schemas, enforces the
// Idempotency-Key on writes, and answers every failure as RFC 9457 problem details.
import type { TSchema } from 'typebox';
import { checkRequest } from '@store-os/shared/integration';
import type { Ctx } from '../http/context';
import { checkDepth, readRaw } from '../http/read-body';
import { sendJson } from '../http/respond';
import { callerOf, requireAdminPerson, requireScope } from './api-caller';
import {
  ApiProblem,
  PROBLEM_KINDS,
  sendProblem,
  toProblem,
  validationFailed,
  type ProblemKind,
} from './api-problem';
import type { ApiCall, ApiRoute } from './api-route';
import { apiRoutes } from './api-routes';
import { idempotencyKeyOf, requestFingerprint } from './idempotency';
import { integrationApiOf } from './integration-api';
import { buildOpenApi } from './openapi';

/** Routes that need no credential: the API's own documentation. */
export const publicRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI 3.1 document',
    tag: 'Meta',
    auth: 'public',
    responses: { 200: { description: 'The document.' } },
    handler: () => ({ status: 200, body: openApiDocument() }),
  },
  {
    method: 'GET',
    path: '/problems/{kind}',
    operationId: 'getProblemType',
    summary: 'What a problem type means',
    tag: 'Meta',
    auth: 'public',
    responses: { 200: { description: 'The problem type.' } },
    handler: (call) => {
      const kind = call.params.kind ?? '';
      if (!Object.hasOwn(PROBLEM_KINDS, kind))
        throw new ApiProblem(404, 'not-found', `No problem type ${kind}.`);
      return {
        status: 200,
        body: { type: `/_api/problems/${kind}`, description: PROBLEM_KINDS[kind as ProblemKind] },
      };
    },
  },
];

/** Every route the API answers. */
export const allApiRoutes: readonly ApiRoute[] = [...apiRoutes, ...publicRoutes];

let openApi: Record<string, unknown> | undefined;
/** The generated document (built once). */
export function openApiDocument(): Record<string, unknown> {
  openApi ??= buildOpenApi(allApiRoutes);
  return openApi;
}

const compiled = allApiRoutes.map((route) => ({
  route,
  parts: route.path.split('/').filter((p) => p.length > 0),
}));

function match(method: string, seg: string[]): { route: ApiRoute; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const { route, parts } of compiled) {
    if (parts.length !== seg.length) continue;
    const params: Record<string, string> = {};
    const fits = parts.every((p, i) => {
      const s = seg[i] ?? '';
      if (p.startsWith('{')) {
        params[p.slice(1, -1)] = s;
        return true;
      }
      return p === s;
    });
    if (!fits) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (allowed.length > 0) {
    throw new ApiProblem(
      405,
      'method-not-allowed',
      `Use ${allowed.join(' or ')} here.`,
      undefined,
      undefined,
      {
        Allow: allowed.join(', '),
      },
    );
  }
  throw new ApiProblem(
    404,
    'not-found',
    `Unknown integration API endpoint /_api/${seg.join('/')}; see /_api/openapi.json.`,
  );
}

/** Query parameters as the route's schema expects them: arrays for array fields, numbers for integers. */
function readQuery(schema: TSchema | undefined, params: URLSearchParams): Record<string, unknown> {
  const shape: unknown = schema;
  const props = (shape as { properties?: Record<string, { type?: string }> } | undefined)?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    const type = props[name]?.type;
    const values = params.getAll(name);
    if (type === 'array') out[name] = values;
    else if (
      (type === 'integer' || type === 'number') &&
      values[0] !== undefined &&
      /^-?\d+(\.\d+)?$/.test(values[0])
    )
      out[name] = Number(values[0]);
    else out[name] = values[0];
  }
  return out;
}

async function readBody(ctx: Ctx): Promise<unknown> {
  const raw = await readRaw(ctx.req, ctx.services.maxBodyBytes);
  if (raw.length === 0) return {};
  const type = ctx.req.headers['content-type'] ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new ApiProblem(415, 'unsupported-media-type', `Send the body as application/json (got "${type}").`);
  const text = raw.toString('utf8');
  checkDepth(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiProblem(
      400,
      'malformed-request',
      `The body is not valid JSON: ${(error as Error).message}.`,
    );
  }
}

async function answer(ctx: Ctx, seg: string[]): Promise<void> {
  const api = integrationApiOf(ctx.services);
  if (!api) throw new ApiProblem(404, 'not-found', 'The integration API is not running on this server.');
  const { route, params } = match(ctx.req.method ?? 'GET', seg);
  const caller = callerOf(ctx.req.headers.authorization, ctx.principal, api.keys);
  if (caller && api.rateLimiter) {
    const waitSeconds = api.rateLimiter.take(caller.id);
    if (waitSeconds > 0) {
      throw new ApiProblem(
        429,
        'too-many-requests',
        `This ${caller.kind === 'key' ? 'API key' : 'account'} made more than ${api.rateLimiter.policy.burst} requests in a burst (limit ${api.rateLimiter.policy.perMinute} per minute); retry after ${waitSeconds} s. Nothing was applied.`,
        undefined,
        { retryAfterSeconds: waitSeconds },
        { 'Retry-After': String(waitSeconds) },
      );
    }
  }
  if (route.auth === 'admin-person') requireAdminPerson(ctx.principal);
  else if (route.auth !== 'public') requireScope(caller, route.auth.scope);

  const query = readQuery(route.query, ctx.url.searchParams);
  if (route.query) {
    const q = checkRequest(route.query, query);
    if (!q.ok) throw validationFailed('Some query parameters are invalid.', q.errors);
  } else if (Object.keys(query).length > 0) {
    throw validationFailed(
      'This endpoint takes no query parameters.',
      Object.keys(query).map((k) => ({
        pointer: `/${k}`,
        detail: 'unknown query parameter.',
        code: 'unknown-field',
      })),
    );
  }
  let body: unknown;
  if (ctx.req.method === 'POST') {
    const idemHeader = route.idempotent ? idempotencyKeyOf(ctx.req.headers['idempotency-key']) : undefined;
    body = await readBody(ctx);
    if (route.body) {
      const b = checkRequest(route.body.schema, body);
      if (!b.ok)
        throw validationFailed(
          `The request body has ${b.errors.length} invalid field(s); nothing was applied.`,
          b.errors,
        );
    }
    const call: ApiCall = { ctx, api, params, caller, body, query };
    if (idemHeader !== undefined) {
      const path = `${route.method} /_api/${seg.join('/')}`;
      call.idempotency = { key: idemHeader, route: path, fingerprint: requestFingerprint(path, body) };
    }
    return send(ctx, await route.handler(call));
  }
  return send(ctx, await route.handler({ ctx, api, params, caller, body, query }));
}

function send(ctx: Ctx, a: { status: number; body: unknown; headers?: Record<string, string> }): void {
  sendJson(ctx.res, a.status, a.body, { 'Cache-Control': 'no-store', ...a.headers });
}

export async function routeApi(ctx: Ctx, seg: string[]): Promise<void> {
  try {
    await answer(ctx, seg);
  } catch (error) {
    const problem = toProblem(error);
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    if (!problem) {
      const api = integrationApiOf(ctx.services);
      (api?.options.log ?? console.error)(
        `integration API error on ${ctx.req.method} ${ctx.req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    sendProblem(
      ctx.res,
      problem ??
        new ApiProblem(
          500,
          'internal-error',
          'The server failed to answer; nothing was applied. Retry with the same Idempotency-Key.',
        ),
      ctx.url.pathname,
    );
    if (!ctx.req.complete) ctx.req.resume();
  }
}

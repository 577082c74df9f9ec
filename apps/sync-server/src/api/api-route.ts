// The shape of one integration API endpoint. The router and the OpenAPI document both read the same
// route table, so a route cannot exist without being documented, or be documented with other schemas
// than the ones that check its requests.
import type { TSchema } from 'typebox';
import type { ApiScope } from '@store-os/shared/integration';
import type { Ctx } from '../http/context';
import type { ApiCaller } from './api-caller';
import type { ApiAnswer } from './idempotency';
import type { IntegrationApi } from './integration-api';

/** One request as a handler sees it: validated body and query, path parameters, the caller. */
export interface ApiCall {
  ctx: Ctx;
  api: IntegrationApi;
  params: Record<string, string>;
  caller: ApiCaller | undefined;
  body: unknown;
  query: Record<string, unknown>;
  /** For idempotent writes: the caller's key and the request's fingerprint. */
  idempotency?: { key: string; fingerprint: string; route: string };
}

/** Who may call a route. */
export type RouteAuth = { scope: ApiScope } | 'admin-person' | 'public';

/** One endpoint: its contract (for the router and the OpenAPI document) and its handler. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under `/_api`, with `{name}` parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: RouteAuth;
  /** Writes that need an Idempotency-Key header. */
  idempotent?: boolean;
  body?: { schema: TSchema; example: unknown };
  query?: TSchema;
  responses: Record<number, { description: string; schema?: TSchema; example?: unknown }>;
  handler: (call: ApiCall) => ApiAnswer | Promise<ApiAnswer>;
}

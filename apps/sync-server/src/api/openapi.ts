// The OpenAPI 3.1 document, generated from the route table and the TypeBox schemas that check requests
// (OpenAPI 3.1 schemas are JSON Schema 2020-12, which TypeBox emits), plus the webhooks we send.
import type { TSchema } from 'typebox';
import { ProblemDetailsSchema, WEBHOOK_EVENT_TYPES, WebhookEventSchema } from '@store-os/shared/integration';
import type { ApiRoute } from './api-route';
import { PROBLEM_KINDS } from './api-problem';

type Json = Record<string, unknown>;

/** A schema as plain JSON (TypeBox keeps bookkeeping outside the enumerable JSON fields). */
const plain = (schema: TSchema | object): Json => JSON.parse(JSON.stringify(schema)) as Json;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const STANDARD_PROBLEMS: Record<number, string> = {
  400: 'Malformed request (not JSON, missing Idempotency-Key).',
  401: 'No valid API key.',
  403: 'The key lacks the scope.',
  404: 'Unknown endpoint or resource.',
  413: 'Body larger than the server accepts.',
  415: 'Body not sent as application/json.',
  422: 'Validation failed (per-field `errors`), or Idempotency-Key reused with another body. Nothing was applied.',
  429: 'Too many requests from this key; wait the `Retry-After` seconds. Nothing was applied.',
};

function parameters(route: ApiRoute): Json[] {
  const out: Json[] = [];
  for (const m of route.path.matchAll(/\{([^}]+)\}/g))
    out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (route.query) {
    const q = plain(route.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      out.push({
        name,
        in: 'query',
        required: (q.required ?? []).includes(name),
        schema,
        ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      });
    }
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'Unique per logical request (a UUID); resend the same key when retrying.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  return out;
}

function operation(route: ApiRoute): Json {
  const responses: Json = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const code = Number(status);
    responses[status] =
      code >= 400
        ? problem(r.description)
        : {
            description: r.description,
            ...(r.schema
              ? {
                  content: {
                    'application/json': {
                      schema: plain(r.schema),
                      ...(r.example === undefined ? {} : { example: r.example }),
                    },
                  },
                }
              : {}),
          };
  }
  for (const [status, description] of Object.entries(STANDARD_PROBLEMS)) {
    if (responses[status] !== undefined) continue;
    if ((status === '413' || status === '415') && !route.body) continue;
    if (status === '429' && route.auth === 'public') continue;
    responses[status] = problem(description);
  }
  const security =
    route.auth === 'public'
      ? []
      : route.auth === 'admin-person'
        ? [{ basicAuth: [] }, { sessionCookie: [] }]
        : [{ apiKey: [] }, { basicAuth: [] }];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    security,
    ...(typeof route.auth === 'object' ? { 'x-required-scope': route.auth.scope } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: plain(route.body.schema), example: route.body.example },
            },
          },
        }
      : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document of `routes`. */
export function buildOpenApi(routes: readonly ApiRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  const webhooks: Record<string, Json> = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    webhooks[type] = {
      post: {
        summary: `${type} event`,
        description:
          'Signed per Standard Webhooks: verify `webhook-signature` (`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` keyed by the base64 part of your `whsec_` secret), reject timestamps older than 5 minutes, and deduplicate by `webhook-id`. Answer 2xx within 10 s; anything else is retried with exponential backoff.',
        parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
          name,
          in: 'header',
          required: true,
          schema: { type: 'string' },
        })),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: plain(WebhookEventSchema) } },
        },
        responses: { '200': { description: 'Received; any 2xx stops retries.' } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Store OS integration API',
      version: '1.0.0',
      description:
        'Web orders in (pickup and ship), stock availability, sales and returns out, catalog in, and outgoing webhooks. Errors are RFC 9457 problem details; every write takes an Idempotency-Key and is applied whole or not at all.',
    },
    servers: [{ url: '/_api' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    webhooks,
    components: {
      schemas: { Problem: plain(ProblemDetailsSchema) },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An integration API key `sk_<id>_<secret>`.' },
        basicAuth: { type: 'http', scheme: 'basic', description: 'An admin or HQ CouchDB credential.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'AuthSession' },
      },
    },
    'x-problem-types': Object.fromEntries(
      Object.entries(PROBLEM_KINDS).map(([k, v]) => [`/_api/problems/${k}`, v]),
    ),
  };
}

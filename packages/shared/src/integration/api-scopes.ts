import Type from 'typebox';
import type { Static } from 'typebox';

// What an integration's API key may do. A key carries the few scopes its integration needs (a web
// shop: orders:write, orders:read, stock:read), so a leaked key cannot, say, rewrite the catalog.

/** Every scope an API key can carry. */
export const API_SCOPES = [
  'orders:write',
  'orders:read',
  'stock:read',
  'sales:read',
  'catalog:write',
  'webhooks:manage',
] as const;

/** A permission an API key carries. */
export type ApiScope = (typeof API_SCOPES)[number];

/** JSON Schema of one scope. */
export const ApiScopeSchema = Type.Union([
  Type.Literal('orders:write'),
  Type.Literal('orders:read'),
  Type.Literal('stock:read'),
  Type.Literal('sales:read'),
  Type.Literal('catalog:write'),
  Type.Literal('webhooks:manage'),
]);

/** Narrows a string to an ApiScope. */
export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);
}

/** Request body of `POST /_api/keys`. */
export const ApiKeyCreateRequestSchema = Type.Object(
  {
    /** Which integration uses the key (web shop, ERP); shown in logs and the console. */
    integration: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }),
    scopes: Type.Array(ApiScopeSchema, { minItems: 1, maxItems: API_SCOPES.length, uniqueItems: true }),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
/** What an admin sends to create an API key. */
export type ApiKeyCreateRequest = Static<typeof ApiKeyCreateRequestSchema>;

/** An API key as listed: never its secret. */
export const ApiKeyInfoSchema = Type.Object(
  {
    id: Type.String(),
    integration: Type.String(),
    scopes: Type.Array(ApiScopeSchema),
    description: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
    revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
/** A stored API key's public facts. */
export type ApiKeyInfo = Static<typeof ApiKeyInfoSchema>;

/** Answer of `POST /_api/keys`: the only time the secret is shown. */
export const ApiKeyCreatedSchema = Type.Object(
  {
    ...ApiKeyInfoSchema.properties,
    key: Type.String({ description: 'Send as `Authorization: Bearer <key>`.' }),
  },
  { additionalProperties: false },
);
/** A created key with its secret. */
export type ApiKeyCreated = Static<typeof ApiKeyCreatedSchema>;

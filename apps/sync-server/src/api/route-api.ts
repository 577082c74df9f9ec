// `/_api/...`: the integration API (web orders in, stock and sales out, catalog in), authenticated by API
// keys rather than CouchDB credentials. Filled in by the integration-API work.
import type { Ctx } from '../http/context';
import { notFound } from '../http/couch-error';

export function routeApi(_ctx: Ctx, seg: string[]): void | Promise<void> {
  throw notFound(`Unknown integration API endpoint /_api/${seg.join('/')}.`);
}

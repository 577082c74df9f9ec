// Glue between the server's router and the update channel: releases live in <data>/updates, beside
// store.sqlite, so one --data folder holds everything a store server serves.
import { dirname, join } from 'node:path';
import type { Ctx } from '../http/context';
import { notFound } from '../http/couch-error';
import { handleUpdates } from './handle-updates';

/** The folder the update channel serves (and the release CLI publishes into with --dir). */
export function updatesDirOf(services: Ctx['services']): string {
  return join(dirname(services.store.sqlite.name), 'updates');
}

/** Routes `/_updates...` to the update channel. */
export async function routeUpdates(ctx: Ctx): Promise<void> {
  const handled = await handleUpdates(ctx.req, ctx.res, { dir: updatesDirOf(ctx.services) });
  if (!handled) throw notFound(`${ctx.url.pathname} is not part of the update channel.`);
}

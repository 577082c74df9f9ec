// `/_hq/...`: the HQ console (static web app) and its queries, and fleet heartbeats from terminals.
import type { Ctx } from '../http/context';
import { notFound } from '../http/couch-error';

export function routeHq(_ctx: Ctx, seg: string[]): void | Promise<void> {
  throw notFound(`Unknown HQ endpoint /_hq/${seg.join('/')}.`);
}

// `/_hq/...`: the HQ console (static web app, serve-console.ts) and its API under `/_hq/api/`.
import type { Ctx } from '../http/context';
import { routeHqApi } from './route-hq-api';
import { serveConsole } from './serve-console';

export function routeHq(ctx: Ctx, seg: string[]): void | Promise<void> {
  if (seg[0] === 'api') return routeHqApi(ctx, seg.slice(1));
  return serveConsole(ctx, seg);
}

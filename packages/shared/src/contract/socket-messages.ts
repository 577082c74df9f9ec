import type { HostResult } from './host-bridge';

/** A call from the browser-mode renderer to the host over the WebSocket; `id` pairs it with its reply. */
export interface SocketCall {
  readonly id: number;
  readonly method: string;
  readonly payload: unknown;
}

/** What the browser-mode host sends: the reply to a call, or an event. */
export type SocketMessage =
  | { readonly kind: 'reply'; readonly id: number; readonly result: HostResult<unknown> }
  | { readonly kind: 'event'; readonly event: string; readonly payload: unknown };

/** The path of the host socket on the browser-mode server; the per-start token travels as `?token=`. */
export const HOST_SOCKET_PATH = '/host';

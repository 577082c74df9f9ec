import type { HostEvent, HostEventPayload } from './host-events';
import type { HostMethod, HostRequest, HostResponse } from './host-methods';

/**
 * What the renderer sees as `window.pos`: the Electron preload and the browser-mode WebSocket client
 * both implement exactly this, and the renderer reaches the host through nothing else.
 */
export interface HostBridge {
  /** Calls a host method; rejects with a ContractError when either side of the boundary refuses it. */
  invoke<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>>;
  /** Subscribes to a host event; returns the function that unsubscribes. */
  on<E extends HostEvent>(event: E, listener: (payload: HostEventPayload<E>) => void): () => void;
}

/** How a call's outcome crosses the boundary (IPC or WebSocket): never a thrown Error object. */
export type HostResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

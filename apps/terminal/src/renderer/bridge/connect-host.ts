import type { HostBridge } from '@store-os/shared';
import { connectWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly pos?: HostBridge;
  }
}

/** The host as the renderer reaches it: Electron's preload bridge, or the browser host's WebSocket. */
export function connectHost(): Promise<HostBridge> {
  return window.pos ? Promise.resolve(window.pos) : connectWebSocketBridge(window.location);
}

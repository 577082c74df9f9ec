// The bridge between the sandboxed renderer and main: it exposes exactly the typed contract as window.pos,
// over two fixed channels, and nothing else (no ipcRenderer, no generic send).
import { createBridgeClient, type HostBridge, type HostResult } from '@store-os/shared/contract';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/channels';

const pos = createBridgeClient({
  call: (method, payload) =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, payload) as Promise<HostResult<unknown>>,
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
}) satisfies HostBridge;

contextBridge.exposeInMainWorld('pos', pos);

import {
  ContractError,
  createBridgeClient,
  HOST_SOCKET_PATH,
  type HostBridge,
  type HostResult,
  type SocketMessage,
} from '@store-os/shared';

/**
 * The browser-mode HostBridge: the contract over the browser host's WebSocket, authenticated with the
 * per-start token the launcher put in the page's URL fragment (never sent to any server by the browser).
 */
export async function connectWebSocketBridge(location: Location): Promise<HostBridge> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) {
    throw new ContractError(
      'contract.unauthorized',
      'This page was opened without its host token. Open the address the terminal printed at start (it ends with #token=…).',
    );
  }
  const socket = new WebSocket(`ws://${location.host}${HOST_SOCKET_PATH}?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new ContractError(
            'contract.disconnected',
            'The terminal host refused or dropped the connection; restart the terminal.',
          ),
        ),
      { once: true },
    );
  });
  let nextId = 1;
  const pending = new Map<number, (result: HostResult<unknown>) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as SocketMessage;
    if (data.kind === 'reply') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners) listener(data.event, data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) {
      settle({
        ok: false,
        error: {
          code: 'contract.disconnected',
          message: 'The terminal host connection closed; restart the terminal.',
        },
      });
    }
    pending.clear();
  });
  return createBridgeClient({
    call(method, payload) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: { code: 'contract.disconnected', message: 'The terminal host is not connected.' },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, payload }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}

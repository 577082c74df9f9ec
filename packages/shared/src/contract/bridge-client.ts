import { ContractError, type ContractErrorCode } from './contract-error';
import type { HostBridge, HostResult } from './host-bridge';
import type { HostEvent, HostEventPayload } from './host-events';
import type { HostMethod, HostRequest, HostResponse } from './host-methods';

/** The two primitives a transport (Electron IPC, a WebSocket) must provide to carry the contract. */
export interface BridgeTransport {
  call(method: string, payload: unknown): Promise<HostResult<unknown>>;
  /** Delivers every host event; returns the function that stops delivery. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** Builds the typed HostBridge over a transport; failures come back as ContractErrors with the host's code. */
export function createBridgeClient(transport: BridgeTransport): HostBridge {
  return {
    async invoke<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>> {
      const result = await transport.call(method, request);
      if (!result.ok) {
        throw new ContractError(result.error.code as ContractErrorCode, result.error.message, { method });
      }
      // The host validated this value against the method's response schema before sending it.
      return result.value as HostResponse<M>;
    },
    on<E extends HostEvent>(event: E, listener: (payload: HostEventPayload<E>) => void): () => void {
      return transport.subscribe((name, payload) => {
        // The host validated the payload against the event's schema before emitting it.
        if (name === event) listener(payload as HostEventPayload<E>);
      });
    },
  };
}

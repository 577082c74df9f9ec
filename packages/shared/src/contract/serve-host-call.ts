import { isDomainError } from '../errors';
import type { HostResult } from './host-bridge';
import type { HostHandlers, HostMethod, HostRequest, HostResponse } from './host-methods';
import { assertHostResponse, parseHostRequest } from './validate';

/**
 * The host side of one call, shared by Electron's IPC and the browser-mode WebSocket: validate the
 * untrusted request, run the handler, validate its answer, and turn any failure into a plain result so
 * no Error object (with its stack and host paths) crosses the boundary.
 */
export async function serveHostCall(
  handlers: HostHandlers,
  method: unknown,
  payload: unknown,
): Promise<HostResult<unknown>> {
  try {
    const parsed = parseHostRequest(method, payload);
    const value = await callHandler(handlers, parsed.method, parsed.request);
    return { ok: true, value: assertHostResponse(parsed.method, value) };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'contract.host-failed', message: `The host failed: ${message}` } };
  }
}

function callHandler<M extends HostMethod>(
  handlers: HostHandlers,
  method: M,
  request: HostRequest<M>,
): Promise<HostResponse<M>> {
  // The handler map is indexed by the same key as the request type, which TypeScript cannot correlate.
  const handler = handlers[method] as (request: HostRequest<M>) => Promise<HostResponse<M>>;
  return handler(request);
}

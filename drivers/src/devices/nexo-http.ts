import { DeviceError, describeCause } from '../model/device-error';
import { stringifyNexo } from '../protocols/nexo';
import { unwrapResponse } from '../protocols/nexo-response';

/** A nexo exchange that got no usable answer: the request may or may not have reached the terminal. */
export class LostResponseError extends DeviceError {}

/** One parsed nexo response with its raw text (amounts are read from the text, not from floats). */
export interface NexoReply {
  readonly kind: string;
  readonly header: Record<string, unknown>;
  readonly body: Record<string, unknown>;
  readonly raw: string;
}

/** POSTs one SaleToPOIRequest to the terminal's local endpoint on loopback or the store LAN. */
export async function postNexo(
  device: string,
  url: string,
  message: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<NexoReply | undefined> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  let raw: string;
  let status: number;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stringifyNexo(message),
      signal: AbortSignal.any(signals),
    });
    status = response.status;
    raw = await response.text();
  } catch (error) {
    throw new LostResponseError(
      'payment.lost-response',
      device,
      `no answer from ${url} (${describeCause(error)}).`,
      {},
      { cause: error },
    );
  }
  if (status >= 500)
    throw new LostResponseError('payment.terminal-error', device, `terminal answered HTTP ${status}.`, {
      status,
    });
  if (status >= 400)
    throw new DeviceError(
      'payment.rejected',
      device,
      `terminal rejected the request (HTTP ${status}: ${raw.slice(0, 200)}).`,
      { status },
    );
  if (raw.trim() === '') return undefined;
  try {
    const { kind, header, body } = unwrapResponse(JSON.parse(raw));
    return { kind, header, body, raw };
  } catch (error) {
    throw new LostResponseError(
      'payment.garbled',
      device,
      `unreadable answer (${describeCause(error)}).`,
      {},
      { cause: error },
    );
  }
}

import type { HostEventPayload, HostRequest, HostResponse } from '@store-os/shared';

/**
 * The host's port to the hardware: the drivers package implements it over its device registry, tests and
 * machines without devices use `noDevices()`. The contract's device methods map one to one.
 */
export interface DeviceHost {
  list(): Promise<HostResponse<'devices.list'>>;
  status(request: HostRequest<'devices.status'>): Promise<HostResponse<'devices.status'>>;
  print(job: HostRequest<'printer.print'>): Promise<HostResponse<'printer.print'>>;
  openDrawer(request: HostRequest<'drawer.open'>): Promise<HostResponse<'drawer.open'>>;
  paymentStart(request: HostRequest<'payment.start'>): Promise<HostResponse<'payment.start'>>;
  paymentStatus(request: HostRequest<'payment.status'>): Promise<HostResponse<'payment.status'>>;
  paymentAbort(request: HostRequest<'payment.abort'>): Promise<HostResponse<'payment.abort'>>;
  /** Reverses an approved card payment (found unfinished at start), asking the terminal for its reference first. */
  paymentReverse(transactionId: string): Promise<PaymentReversal>;
  displayText(request: HostRequest<'display.text'>): Promise<HostResponse<'display.text'>>;
  scaleRead(request: HostRequest<'scale.read'>): Promise<HostResponse<'scale.read'>>;
  /** Scanner data and status changes; returns the function that unsubscribes. */
  subscribe(listener: DeviceListener): () => void;
  close(): Promise<void>;
}

/** Receives scanner data and device status changes from a DeviceHost. */
export type DeviceListener = (
  event:
    | { type: 'scanner.data'; payload: HostEventPayload<'scanner.data'> }
    | { type: 'device.status'; payload: HostEventPayload<'device.status'> },
) => void;

/** What a reversal did: `not-charged` when the payment terminal holds no approval for the transaction. */
export interface PaymentReversal {
  readonly outcome: 'reversed' | 'not-charged' | 'failed';
  readonly detail?: string;
}

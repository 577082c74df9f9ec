import type { Money } from '@store-os/shared';
import type { PosDevice } from '../model/device';
import type { PaymentResult } from '../protocols/nexo';

/** A charge or refund; `transactionId` is the POS's payment id and the idempotency key. */
export interface PaymentRequest {
  readonly transactionId: string;
  readonly amount: Money;
}

/** Offline approvals held by the terminal and not yet forwarded to the acquirer. */
export interface OfflineExposure {
  readonly count: number;
  /** Minor units per currency. */
  readonly totals: Readonly<Record<string, number>>;
}

/** The semi-integrated payment terminal port: amounts go out, references come back, never card data. */
export interface PaymentTerminal extends PosDevice {
  readonly kind: 'payment-terminal';
  /** Idempotent per transactionId: a repeat returns the first outcome, and never charges twice. */
  pay(request: PaymentRequest): Promise<PaymentResult>;
  refund(request: PaymentRequest): Promise<PaymentResult>;
  /** Cancels an approved payment by its PSP reference. */
  reverse(transactionId: string, pspReference: string): Promise<PaymentResult>;
  /** Asks the terminal to stop waiting for the card; the pending pay() then resolves as aborted. */
  abort(transactionId: string): Promise<void>;
  /** What became of a transaction, asked of the terminal. */
  transactionStatus(transactionId: string): Promise<PaymentResult>;
  offlineExposure(): OfflineExposure;
  /** Drops offline approvals the terminal has since forwarded; returns how many. */
  reconcileOffline(): Promise<number>;
}

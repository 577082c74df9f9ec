import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError, isDeviceError } from '../model/device-error';
import {
  abortRequest,
  paymentRequest,
  reversalRequest,
  transactionStatusRequest,
  type NexoCategory,
  type PaymentResult,
} from '../protocols/nexo';
import { parsePaymentResponse, parseTransactionStatus } from '../protocols/nexo-response';
import { LostResponseError, postNexo } from './nexo-http';
import type { OfflineExposure, PaymentRequest, PaymentTerminal } from './payment-terminal';

/** Where the terminal is and how long to wait for what. */
export interface NexoTerminalOptions {
  readonly url: string;
  readonly saleId: string;
  readonly poiId: string;
  /** Cardholder time: how long a payment may wait for the card (default 120 s). */
  readonly requestTimeoutMs?: number;
  /** How long to keep asking for the status of a request whose answer was lost (default 30 s). */
  readonly recoveryTimeoutMs?: number;
  readonly statusPollMs?: number;
  /** Offline store-and-forward, when the terminal and acquirer contract allow it. */
  readonly offline?: { readonly allowed: boolean; readonly maxCount: number; readonly maxTotalMinor: number };
}

interface Attempt {
  serviceId: string;
  readonly category: NexoCategory;
  readonly request: PaymentRequest | undefined;
  promise: Promise<PaymentResult>;
  controller: AbortController;
  result?: PaymentResult;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let serviceCounter = 0;

/** nexo ServiceIDs are at most 10 characters and unique per SaleID for the day. */
function newServiceId(): string {
  serviceCounter = (serviceCounter + 1) % 1296;
  return (
    Date.now().toString(36).slice(-6) +
    serviceCounter.toString(36).padStart(2, '0') +
    Math.floor(Math.random() * 1296)
      .toString(36)
      .padStart(2, '0')
  ).slice(0, 10);
}

/**
 * The ServiceID of a payment is derived from the POS's transaction id (FNV-1a, two seeds), so a
 * host that crashed before the answer can still ask the terminal about it after a restart, without
 * having persisted anything but its own transaction id.
 */
export function serviceIdFor(saleId: string, transactionId: string, attempt: number): string {
  const text = `${saleId}:${transactionId}:${attempt}`;
  const hash = (seed: number): number => {
    let h = seed;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  return (
    hash(0x811c9dc5).toString(36).padStart(7, '0').slice(-5) +
    hash(0x050c5d1f).toString(36).padStart(7, '0').slice(-5)
  ).slice(0, 10);
}

/**
 * A nexo (Adyen Terminal API style) terminal over local HTTP. A lost answer is recovered by asking
 * for the transaction's status — never by sending the payment again, unless the terminal says it
 * never saw it (NotFound).
 */
export class NexoPaymentTerminal extends BaseDevice implements PaymentTerminal {
  readonly kind = 'payment-terminal';
  readonly capabilities: DeviceCapabilities = {
    powerReporting: false,
    statusReporting: true,
    refund: true,
    reversal: true,
    abort: true,
    offline: false,
  };
  readonly #attempts = new Map<string, Attempt>();
  readonly #offline = new Map<string, PaymentResult>();

  constructor(
    name: string,
    private readonly options: NexoTerminalOptions,
  ) {
    super(name);
    this.capabilities = { ...this.capabilities, offline: options.offline?.allowed ?? false };
  }

  protected doOpen(): Promise<void> {
    return Promise.resolve();
  }
  protected doClose(): Promise<void> {
    for (const attempt of this.#attempts.values()) attempt.controller.abort();
    return Promise.resolve();
  }
  protected async doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    try {
      const probe = transactionStatusRequest({
        serviceId: newServiceId(),
        saleId: this.options.saleId,
        poiId: this.options.poiId,
        ofServiceId: 'health',
        ofCategory: 'Payment',
      });
      await postNexo(this.name, this.options.url, probe, 3_000);
      return { ok: true, detail: 'reachable' };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  pay(request: PaymentRequest): Promise<PaymentResult> {
    return this.start('Payment', request.transactionId, request, false);
  }

  refund(request: PaymentRequest): Promise<PaymentResult> {
    return this.start('Payment', request.transactionId, request, true);
  }

  reverse(transactionId: string, pspReference: string): Promise<PaymentResult> {
    return this.start('Reversal', `${transactionId}:reversal`, undefined, false, pspReference);
  }

  private async start(
    category: NexoCategory,
    key: string,
    request: PaymentRequest | undefined,
    refund: boolean,
    pspReference?: string,
  ): Promise<PaymentResult> {
    const known = this.#attempts.get(key);
    if (known) {
      // An unresolved attempt is resolved by asking, never by charging again.
      if (known.result?.status === 'failed') {
        known.result = undefined;
        known.promise = this.recover(known, key);
      }
      return known.promise;
    }
    this.assertEnabled(category === 'Reversal' ? 'reverse' : refund ? 'refund' : 'pay');
    const attempt: Attempt = {
      serviceId: serviceIdFor(this.options.saleId, key, 0),
      category,
      request,
      controller: new AbortController(),
      promise: Promise.resolve(undefined as never),
    };
    attempt.promise = this.run(attempt, key, refund, pspReference);
    this.#attempts.set(key, attempt);
    return attempt.promise;
  }

  private offlineAllowed(request: PaymentRequest): boolean {
    const policy = this.options.offline;
    if (!policy?.allowed) return false;
    const exposure = this.offlineExposure();
    const total = exposure.totals[request.amount.currency] ?? 0;
    return exposure.count < policy.maxCount && total + request.amount.amount <= policy.maxTotalMinor;
  }

  private message(attempt: Attempt, refund: boolean, pspReference?: string): unknown {
    const base = {
      serviceId: attempt.serviceId,
      saleId: this.options.saleId,
      poiId: this.options.poiId,
      timestamp: new Date().toISOString(),
    };
    if (attempt.category === 'Reversal')
      return reversalRequest({ ...base, pspReference: pspReference ?? '' });
    const request = attempt.request as PaymentRequest;
    return paymentRequest({
      ...base,
      transactionId: request.transactionId,
      amount: request.amount,
      refund,
      offlineAllowed: this.offlineAllowed(request),
    });
  }

  private async run(
    attempt: Attempt,
    key: string,
    refund: boolean,
    pspReference?: string,
  ): Promise<PaymentResult> {
    this.setState('busy');
    try {
      let resent = false;
      for (;;) {
        try {
          const reply = await postNexo(
            this.name,
            this.options.url,
            this.message(attempt, refund, pspReference),
            this.options.requestTimeoutMs ?? 120_000,
            attempt.controller.signal,
          );
          if (!reply)
            throw new LostResponseError(
              'payment.lost-response',
              this.name,
              'empty answer to a payment request.',
            );
          return this.settle(attempt, parsePaymentResponse(reply.body, key, reply.raw));
        } catch (error) {
          if (!(error instanceof LostResponseError)) throw error;
          this.events.emit('status', {
            status: 'recovering',
            detail: { transactionId: key, cause: error.message },
          });
          // A timed-out card wait is aborted first, so the terminal stops before we ask what happened.
          if (error.cause instanceof Error && error.cause.name === 'TimeoutError')
            await this.sendAbort(attempt.serviceId);
          const recovered = await this.recoverOnce(attempt, key);
          if (recovered.status === 'not-found' && !resent) {
            resent = true;
            attempt.serviceId = serviceIdFor(this.options.saleId, key, 1);
            continue;
          }
          return this.settle(
            attempt,
            recovered.status === 'not-found' ? { ...recovered, status: 'failed' } : recovered,
          );
        }
      }
    } finally {
      if (![...this.#attempts.values()].some((a) => a !== attempt && a.result === undefined))
        this.setState('idle');
    }
  }

  private settle(attempt: Attempt, result: PaymentResult): PaymentResult {
    attempt.result = result;
    if (result.status === 'approved' && result.offline) this.#offline.set(result.transactionId, result);
    this.events.emit('outputComplete', { outputId: result.transactionId });
    return result;
  }

  private async recover(attempt: Attempt, key: string): Promise<PaymentResult> {
    const result = await this.recoverOnce(attempt, key);
    return this.settle(attempt, result.status === 'not-found' ? { ...result, status: 'failed' } : result);
  }

  /** Polls TransactionStatus until the outcome is known or the recovery window closes. */
  private async recoverOnce(attempt: Attempt, key: string): Promise<PaymentResult> {
    const deadline = Date.now() + (this.options.recoveryTimeoutMs ?? 30_000);
    let last: PaymentResult = {
      status: 'failed',
      transactionId: key,
      receiptLines: [],
      offline: false,
      errorCondition: 'Unreachable',
    };
    while (Date.now() < deadline) {
      try {
        const reply = await postNexo(
          this.name,
          this.options.url,
          transactionStatusRequest({
            serviceId: newServiceId(),
            saleId: this.options.saleId,
            poiId: this.options.poiId,
            ofServiceId: attempt.serviceId,
            ofCategory: attempt.category,
          }),
          5_000,
        );
        if (reply) {
          last = parseTransactionStatus(reply.body, key, reply.raw);
          if (last.status !== 'in-progress' && last.status !== 'failed') return last;
        }
      } catch (error) {
        if (!isDeviceError(error)) throw error;
      }
      await sleep(this.options.statusPollMs ?? 1_000);
    }
    return {
      ...last,
      status: last.status === 'not-found' ? 'not-found' : 'failed',
      errorCondition: last.errorCondition ?? 'Unresolved',
    };
  }

  private async sendAbort(ofServiceId: string): Promise<void> {
    try {
      await postNexo(
        this.name,
        this.options.url,
        abortRequest({
          serviceId: newServiceId(),
          saleId: this.options.saleId,
          poiId: this.options.poiId,
          ofServiceId,
        }),
        5_000,
      );
    } catch (error) {
      if (!isDeviceError(error)) throw error;
    }
  }

  async abort(transactionId: string): Promise<void> {
    const attempt = this.#attempts.get(transactionId);
    if (!attempt || attempt.result)
      throw new DeviceError(
        'payment.nothing-to-abort',
        this.name,
        `no payment ${transactionId} is waiting for a card.`,
        { transactionId },
      );
    await this.sendAbort(attempt.serviceId);
  }

  /**
   * What became of a transaction, asked of the terminal. Works after a restart too: the ServiceIDs of
   * a payment follow from its transaction id (first attempt, then the one resend after NotFound).
   */
  async transactionStatus(transactionId: string): Promise<PaymentResult> {
    this.assertOpen('ask for a transaction status');
    const attempt = this.#attempts.get(transactionId);
    const candidates = attempt
      ? [attempt.serviceId]
      : [0, 1].map((n) => serviceIdFor(this.options.saleId, transactionId, n));
    let result: PaymentResult | undefined;
    for (const ofServiceId of candidates) {
      const reply = await postNexo(
        this.name,
        this.options.url,
        transactionStatusRequest({
          serviceId: newServiceId(),
          saleId: this.options.saleId,
          poiId: this.options.poiId,
          ofServiceId,
          ofCategory: attempt?.category ?? 'Payment',
        }),
        5_000,
      );
      if (!reply)
        throw new DeviceError('payment.lost-response', this.name, 'empty answer to a status request.');
      result = parseTransactionStatus(reply.body, transactionId, reply.raw);
      if (result.status !== 'not-found') return result;
    }
    return result ?? { status: 'not-found', transactionId, receiptLines: [], offline: false };
  }

  offlineExposure(): OfflineExposure {
    const totals: Record<string, number> = {};
    for (const result of this.#offline.values()) {
      if (result.amount)
        totals[result.amount.currency] = (totals[result.amount.currency] ?? 0) + result.amount.amount;
    }
    return { count: this.#offline.size, totals };
  }

  async reconcileOffline(): Promise<number> {
    let forwarded = 0;
    for (const id of [...this.#offline.keys()]) {
      const status = await this.transactionStatus(id);
      if (status.status === 'approved' && !status.offline) {
        this.#offline.delete(id);
        forwarded += 1;
      }
    }
    return forwarded;
  }
}

import type { CardApproval, HostBridge, HostResponse } from '@store-os/shared';

type PaymentStatus = HostResponse<'payment.status'>;

/** The final or last-known answer about one card transaction, with the approval as the order records it. */
export interface CardOutcome {
  readonly transactionId: string;
  readonly state: PaymentStatus['state'];
  readonly detail?: string;
  readonly approval?: CardApproval;
}

/** How long and how often to ask the payment terminal; waiting is injected so tests need no timers. */
export interface CardPaymentOptions {
  readonly wait: (ms: number) => Promise<void>;
  readonly pollMs?: number;
  /** Questions asked before the UI takes over ("still waiting: check again or abort"). */
  readonly maxPolls?: number;
  readonly onUpdate?: (outcome: CardOutcome) => void;
}

const FINAL = new Set<PaymentStatus['state']>(['approved', 'declined', 'aborted']);

function outcomeOf(status: PaymentStatus): CardOutcome {
  const approval: CardApproval | undefined = status.approval
    ? {
        authCode: status.approval.authCode,
        maskedPan: status.approval.maskedPan,
        // The terminal may not name the scheme; the order needs a brand, and "card" is the honest answer.
        brand: status.approval.brand ?? 'card',
        token: status.approval.token,
      }
    : undefined;
  return {
    transactionId: status.transactionId,
    state: status.state,
    ...(status.detail !== undefined ? { detail: status.detail } : {}),
    ...(approval ? { approval } : {}),
  };
}

function failureOutcome(transactionId: string, error: unknown): CardOutcome {
  return {
    transactionId,
    state: 'unknown',
    detail: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Sends one card payment and follows it to an outcome. `payment.start` is called once per transaction
 * id; from then on the terminal is only asked (`payment.status`), so a lost answer, a reconnect or a
 * second click can never charge the card twice. Returns `unknown` or `pending` when the terminal has
 * not said in time: the caller asks again later with {@link checkCardPayment} or aborts.
 */
export async function startCardPayment(
  host: HostBridge,
  request: { transactionId: string; amount: number; currency: string },
  options: CardPaymentOptions,
): Promise<CardOutcome> {
  let outcome: CardOutcome;
  try {
    outcome = outcomeOf(await host.invoke('payment.start', request));
  } catch (error) {
    // The request may or may not have reached the terminal: from here on, only ask.
    outcome = failureOutcome(request.transactionId, error);
  }
  options.onUpdate?.(outcome);
  return FINAL.has(outcome.state) ? outcome : checkCardPayment(host, request.transactionId, options);
}

/** Asks the payment terminal about a transaction until it answers finally or the poll budget runs out. */
export async function checkCardPayment(
  host: HostBridge,
  transactionId: string,
  options: CardPaymentOptions,
): Promise<CardOutcome> {
  const polls = options.maxPolls ?? 240;
  let outcome: CardOutcome = { transactionId, state: 'unknown' };
  for (let i = 0; i < polls; i += 1) {
    await options.wait(options.pollMs ?? 250);
    try {
      outcome = outcomeOf(await host.invoke('payment.status', { transactionId }));
    } catch (error) {
      outcome = failureOutcome(transactionId, error);
    }
    options.onUpdate?.(outcome);
    if (FINAL.has(outcome.state)) return outcome;
  }
  return outcome;
}

/** Asks the terminal to abort a transaction, then what became of it (it may have been approved first). */
export async function abortCardPayment(
  host: HostBridge,
  transactionId: string,
  options: CardPaymentOptions,
): Promise<CardOutcome> {
  try {
    await host.invoke('payment.abort', { transactionId });
  } catch (error) {
    options.onUpdate?.(failureOutcome(transactionId, error));
  }
  return checkCardPayment(host, transactionId, { ...options, maxPolls: options.maxPolls ?? 20 });
}

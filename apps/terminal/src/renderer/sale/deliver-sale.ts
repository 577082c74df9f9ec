import type { HostBridge, HostRequest } from '@store-os/shared';
import { showOnDisplay } from './show-on-display';

/** How one step after the sale went: done, or why not (the sale itself is complete either way). */
export type StepOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** What happened after the sale was written: drawer, receipt and customer display. */
export interface DeliveryOutcome {
  readonly drawer: StepOutcome | undefined;
  readonly receipt: StepOutcome;
  readonly display: StepOutcome;
}

/** Input of {@link deliverSale}. */
export interface Delivery {
  readonly orderId: string;
  /** A cash tender was taken: the drawer opens for the change. */
  readonly openDrawer: boolean;
  readonly receipt: HostRequest<'printer.print'>;
  readonly display: readonly string[];
}

/** Reports steps as they go, and how long a receipt may take before the printer is asked why. */
export interface DeliveryOptions {
  readonly wait: (ms: number) => Promise<void>;
  readonly slowPrintMs?: number;
  readonly onProgress?: (message: string) => void;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function step(run: () => Promise<unknown>): Promise<StepOutcome> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** Why the printer is not printing, in its own words, when it says ("paper-out"). */
async function printerProblem(host: HostBridge): Promise<string | undefined> {
  try {
    const { devices } = await host.invoke('devices.list', {});
    const printer = devices.find((d) => d.kind === 'printer');
    if (!printer) return undefined;
    const status = await host.invoke('devices.status', { deviceId: printer.id });
    return status.detail;
  } catch {
    return undefined;
  }
}

/**
 * Prints a receipt and waits for the printer's acknowledgement. A printer that stops (paper out, cover
 * open) keeps the job and finishes it once fixed, so a slow print is explained, not abandoned or resent.
 */
export async function printReceipt(
  host: HostBridge,
  job: HostRequest<'printer.print'>,
  options: DeliveryOptions,
): Promise<StepOutcome> {
  let done = false;
  const printing = step(() => host.invoke('printer.print', job)).finally(() => (done = true));
  const explain = async () => {
    await options.wait(options.slowPrintMs ?? 2_000);
    if (done) return;
    const problem = await printerProblem(host);
    if (!done)
      options.onProgress?.(
        `Receipt waiting${problem ? `: ${problem}` : ''}. Fix the printer; the receipt prints by itself, or reprint it later.`,
      );
  };
  // A quick print answers at once; only a print still going when the wait ends is explained (and then
  // waited for). `printing` never rejects: `step` turns a failure into an outcome.
  return Promise.race([printing, explain().then(() => printing)]);
}

/**
 * The steps after a sale is written and journaled, each awaited and each reported: the drawer opens for
 * cash (first, so change can be given while the receipt prints), the receipt prints, the customer
 * display shows what was paid and the change. A failing step never undoes the sale; it is reported so
 * the cashier can act (open the drawer by key, reprint the receipt).
 */
export async function deliverSale(
  host: HostBridge,
  delivery: Delivery,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const drawer = delivery.openDrawer
    ? await step(() => host.invoke('drawer.open', { reason: delivery.orderId }))
    : undefined;
  const problem = await showOnDisplay(host, delivery.display);
  const display: StepOutcome = problem === undefined ? { ok: true } : { ok: false, reason: problem };
  options.onProgress?.('Printing the receipt…');
  const receipt = await printReceipt(host, delivery.receipt, options);
  return { drawer, receipt, display };
}

/** The cashier-facing summary of a delivery. */
export function describeDelivery(outcome: DeliveryOutcome): string {
  const parts = [
    outcome.receipt.ok
      ? 'Receipt printed.'
      : `Receipt not printed: ${outcome.receipt.reason} Reprint it from the last sales.`,
    outcome.drawer === undefined
      ? ''
      : outcome.drawer.ok
        ? 'Drawer open.'
        : `Drawer did not open: ${outcome.drawer.reason}`,
  ];
  return parts.filter(Boolean).join(' ');
}

import type {
  AnyDevice,
  DeviceByKind,
  DeviceRegistry,
  PaymentResult,
  ReceiptBlock,
  ReceiptDocument,
} from '@store-os/drivers';
import { DomainError, type Clock, type HostRequest, type HostResponse } from '@store-os/shared';
import type { DeviceHost, DeviceListener } from './device-host';

type ContractKind = HostResponse<'devices.status'>['kind'];
type DriverKind = keyof DeviceByKind;
type DeviceInfo = HostResponse<'devices.status'>;
type PaymentStatus = HostResponse<'payment.status'>;

const KIND: Readonly<Record<DriverKind, ContractKind>> = {
  scanner: 'scanner',
  'receipt-printer': 'printer',
  'cash-drawer': 'drawer',
  'payment-terminal': 'payment',
  'line-display': 'display',
  scale: 'scale',
};

const BARCODES = new Set(['ean13', 'ean8', 'upca', 'code39', 'code128', 'itf']);

function failure(code: string, error: unknown): DomainError {
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError(code, message);
}

function infoOf(device: AnyDevice, detail?: string): DeviceInfo {
  const offline = device.power === 'offline' || device.power === 'off';
  return {
    id: device.name,
    kind: KIND[device.kind],
    name: device.name,
    state: offline ? 'offline' : device.state,
    ...(detail ? { detail } : {}),
  };
}

/** The contract's printer-neutral receipt blocks as the drivers' receipt document. */
function receiptDocument(blocks: HostRequest<'printer.print'>['blocks']): ReceiptDocument {
  const out: ReceiptBlock[] = [];
  let cut: ReceiptDocument['cut'] = 'none';
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        out.push({
          type: 'text',
          text: block.text,
          ...(block.align ? { align: block.align } : {}),
          ...(block.bold ? { bold: true } : {}),
        });
        break;
      case 'barcode': {
        const symbology = BARCODES.has(block.symbology) ? (block.symbology as 'code128') : 'code128';
        out.push({ type: 'barcode', value: block.data, symbology });
        break;
      }
      case 'qr':
        out.push({ type: 'qr', value: block.data });
        break;
      case 'cut':
        cut = 'partial';
        break;
    }
  }
  return { blocks: out, cut };
}

function paymentStatus(result: PaymentResult): PaymentStatus {
  const state: PaymentStatus['state'] =
    result.status === 'approved' || result.status === 'declined' || result.status === 'aborted'
      ? result.status
      : result.status === 'in-progress'
        ? 'pending'
        : 'unknown';
  const approval =
    result.status === 'approved' && result.authCode && result.maskedPan && result.token
      ? {
          approval: {
            authCode: result.authCode,
            maskedPan: result.maskedPan,
            token: result.token,
            ...(result.brand ? { brand: result.brand } : {}),
          },
        }
      : {};
  return {
    transactionId: result.transactionId,
    state,
    ...approval,
    ...(result.errorCondition ? { detail: result.errorCondition } : {}),
  };
}

/**
 * The host's devices from the drivers' registry: each contract method picks the named device (or the
 * first of its kind) and maps between the contract's generic shapes and the driver's. A payment runs in
 * the background from `payment.start`; `payment.status` answers from its outcome or asks the terminal.
 */
export function registryDeviceHost(registry: DeviceRegistry, clock: Clock): DeviceHost {
  const payments = new Map<string, PaymentStatus>();
  const pick = <K extends DriverKind>(kind: K, deviceId: string | undefined): DeviceByKind[K] => {
    if (deviceId) return registry.get(deviceId, kind);
    const [first] = registry.all(kind);
    if (!first)
      throw new DomainError(
        'device.not-configured',
        `No ${KIND[kind]} is configured on this terminal; add one to its device config.`,
      );
    return first;
  };
  const devices = (): AnyDevice[] => registry.config.devices.map((d) => registry.get(d.name, d.kind));

  return {
    list: () => Promise.resolve({ devices: devices().map((d) => infoOf(d)) }),
    async status({ deviceId }) {
      const device = devices().find((d) => d.name === deviceId);
      if (!device) throw new DomainError('device.unknown', `No device "${deviceId}" on this terminal.`);
      const health = await device.checkHealth();
      return infoOf(device, health.ok ? undefined : health.detail);
    },
    async print(job) {
      const printer = pick('receipt-printer', job.deviceId);
      try {
        await printer.print({ id: job.jobId, document: receiptDocument(job.blocks) });
        return { jobId: job.jobId, state: 'printed' };
      } catch (error) {
        throw failure('device.print-failed', error);
      }
    },
    async openDrawer({ deviceId }) {
      await pick('cash-drawer', deviceId).openDrawer();
      return { opened: true };
    },
    paymentStart({ transactionId, deviceId, amount, currency }) {
      const terminal = pick('payment-terminal', deviceId);
      const known = payments.get(transactionId);
      if (known) return Promise.resolve(known);
      const pending: PaymentStatus = { transactionId, state: 'pending' };
      payments.set(transactionId, pending);
      // The cardholder may take minutes: the outcome is kept for payment.status, never dropped.
      // A negative amount is a refund to the card the customer presents (returns, exchanges).
      const run =
        amount < 0
          ? terminal.refund({ transactionId, amount: { amount: -amount, currency } })
          : terminal.pay({ transactionId, amount: { amount, currency } });
      run.then(
        (result) => payments.set(transactionId, paymentStatus(result)),
        (error: unknown) =>
          payments.set(transactionId, {
            transactionId,
            state: 'unknown',
            detail: failure('payment.failed', error).message,
          }),
      );
      return Promise.resolve(pending);
    },
    async paymentStatus({ transactionId }) {
      const known = payments.get(transactionId);
      if (known && known.state !== 'unknown' && known.state !== 'pending') return known;
      if (known?.state === 'pending') return known;
      // After a lost answer or a restart, the terminal's own journal is the truth.
      return paymentStatus(await pick('payment-terminal', undefined).transactionStatus(transactionId));
    },
    async paymentAbort({ transactionId }) {
      await pick('payment-terminal', undefined).abort(transactionId);
      return payments.get(transactionId) ?? { transactionId, state: 'aborted' };
    },
    async paymentReverse(transactionId) {
      const terminal = pick('payment-terminal', undefined);
      const known = await terminal.transactionStatus(transactionId);
      if (known.status === 'declined' || known.status === 'aborted' || known.status === 'not-found')
        return { outcome: 'not-charged', detail: `the payment terminal reports ${known.status}` };
      if (known.status !== 'approved' || !known.pspReference)
        return {
          outcome: 'failed',
          detail: `the payment terminal reports ${known.status}; reverse it by hand`,
        };
      const reversal = await terminal.reverse(transactionId, known.pspReference);
      return reversal.status === 'approved'
        ? { outcome: 'reversed', detail: `reversal of ${known.pspReference}` }
        : {
            outcome: 'failed',
            detail: `reversal of ${known.pspReference} answered ${reversal.status}${reversal.errorCondition ? ` (${reversal.errorCondition})` : ''}`,
          };
    },
    async displayText({ deviceId, lines }) {
      await pick('line-display', deviceId).showLines(lines[0] ?? '', lines[1] ?? '');
      return {};
    },
    async scaleRead({ deviceId }) {
      const reading = await pick('scale', deviceId).readWeight();
      // Integer arithmetic: 1 lb = 0.45359237 kg exactly; thousandths of a kg are grams.
      const grams =
        reading.unit === 'kg'
          ? reading.thousandths
          : Math.round((reading.thousandths * 45_359_237) / 100_000_000);
      return { grams: Math.max(0, grams), stable: reading.stable && !reading.overload && !reading.underZero };
    },
    subscribe(listener: DeviceListener) {
      const offs: (() => void)[] = [];
      for (const device of devices()) {
        offs.push(
          device.events.on('state', () => listener({ type: 'device.status', payload: infoOf(device) })),
        );
      }
      for (const scanner of registry.all('scanner')) {
        offs.push(
          scanner.events.on('data', (scan) =>
            listener({
              type: 'scanner.data',
              payload: {
                deviceId: scanner.name,
                data: scan.data,
                symbology: scan.symbology,
                at: clock.now(),
              },
            }),
          ),
        );
      }
      return () => offs.forEach((off) => off());
    },
    close: () => registry.closeAll(),
  };
}

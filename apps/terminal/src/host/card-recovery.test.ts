import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaymentTerminalSimulator } from '@store-os/drivers/simulators';
import { fixedClock, serveHostCall, type HostResponse } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDeviceHost } from './load-device-host';
import { startTerminalHost, type TerminalHost } from './terminal-host';

// A card approved for a sale that never completed (the terminal crashed in between) must not stay
// charged: at the next start the host reverses it on the payment terminal and reports it for audit.

let dataDir: string;
let payment: PaymentTerminalSimulator;
const running: TerminalHost[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'card-recovery-'));
  payment = await PaymentTerminalSimulator.start();
  const config = {
    version: 1,
    terminalId: 's001-t01',
    devices: [
      {
        name: 'pay-1',
        kind: 'payment-terminal',
        transport: { type: 'http', url: payment.url },
        poiId: 'POI-1',
      },
    ],
  };
  await writeFile(join(dataDir, 'devices.json'), JSON.stringify(config));
});

afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
  await payment.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function startHost(): Promise<TerminalHost> {
  const loaded = await loadDeviceHost(join(dataDir, 'devices.json'), fixedClock(1));
  const host = await startTerminalHost(
    {
      version: 't',
      mode: 'browser',
      dataDir,
      syncServerUrl: null,
      standalone: { terminalId: 's001-t01', storeId: 's001' },
    },
    loaded.devices,
    fixedClock(1_700_000_000_000),
  );
  running.push(host);
  return host;
}

async function stop(host: TerminalHost): Promise<void> {
  running.splice(running.indexOf(host), 1);
  await host.close();
}

async function call<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

/** Starts a card payment and asks until the simulator approves it; returns the approval. */
async function approve(host: TerminalHost, transactionId: string, amount: number) {
  await call(serveHostCall(host.handlers, 'payment.start', { transactionId, amount, currency: 'EUR' }));
  let status: HostResponse<'payment.status'> = { transactionId, state: 'pending' };
  await expect
    .poll(
      async () => {
        status = await call(serveHostCall(host.handlers, 'payment.status', { transactionId }));
        return status.state;
      },
      { timeout: 10_000 },
    )
    .toBe('approved');
  if (!status.approval) throw new Error('approved without card details');
  return status.approval;
}

/** The journal entry of a sale paid by this card. */
function saleWith(
  orderId: string,
  approval: NonNullable<HostResponse<'payment.status'>['approval']>,
  amount: number,
) {
  return {
    id: orderId,
    kind: 'sale' as const,
    collection: 'store',
    documents: [
      {
        id: orderId,
        type: 'order',
        tenders: [
          {
            tenderId: 't1',
            type: 'card',
            amount: { amount, currency: 'EUR' },
            token: approval.token,
            authCode: approval.authCode,
            maskedPan: approval.maskedPan,
            brand: 'visa',
          },
        ],
      },
    ],
  };
}

const recoveries = (host: TerminalHost) =>
  call<HostResponse<'payment.recoveries'>>(serveHostCall(host.handlers, 'payment.recoveries', {})).then(
    (r) => r.recoveries,
  );

describe('card approvals left open by a crash', () => {
  it('reverses an approval whose sale never completed, reports it once for audit, and only once', async () => {
    const first = await startHost();
    await approve(first, 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P01', 1250);
    expect(payment.charges).toHaveLength(1);
    await stop(first); // the renderer never journaled the sale

    const second = await startHost();
    expect(await recoveries(second)).toEqual([
      expect.objectContaining({
        transactionId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P01',
        amount: 1250,
        currency: 'EUR',
        outcome: 'reversed',
      }),
    ]);
    expect(payment.journal.map((r) => r.status)).toEqual(['reversed']);
    expect(payment.charges).toEqual([]);
    await call(
      serveHostCall(second.handlers, 'payment.recoveriesAudited', {
        transactionIds: ['s001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P01'],
      }),
    );
    expect(await recoveries(second)).toEqual([]);
    await stop(second);

    const third = await startHost();
    expect(await recoveries(third)).toEqual([]);
    expect(payment.received.filter((c) => c === 'Reversal')).toHaveLength(1);
  }, 30_000);

  it('leaves the charge of a sale that was journaled, also when the crash fell between journal and settlement', async () => {
    const first = await startHost();
    const completed = await approve(first, 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P02', 500);
    await call(serveHostCall(first.handlers, 'journal.append', saleWith('s001-t01-order-1', completed, 500)));
    const unsettled = await approve(first, 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P03', 700);
    // Straight into the journal, past the handler: as if the host died before marking the approval settled.
    await first.journal.append(saleWith('s001-t01-order-2', unsettled, 700));
    await stop(first);

    const second = await startHost();
    expect(await recoveries(second)).toEqual([]);
    expect(second.approvals.unfinished()).toEqual([]);
    expect(payment.charges.map((c) => c.amountText)).toEqual(['5.00', '7.00']);
    expect(payment.received).not.toContain('Reversal');
  }, 30_000);

  it('reports a reversal the payment terminal could not do, for a manager to do by hand', async () => {
    const first = await startHost();
    await approve(first, 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P04', 900);
    await stop(first);
    await payment.close(); // the payment terminal is unreachable at the next start

    const second = await startHost();
    const [recovery] = await recoveries(second);
    expect(recovery).toMatchObject({
      transactionId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P04',
      outcome: 'reversal-failed',
    });
    expect(recovery?.detail).toBeTruthy();
    payment = await PaymentTerminalSimulator.start();
  }, 60_000);
});

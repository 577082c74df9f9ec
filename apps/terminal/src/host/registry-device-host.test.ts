import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaymentTerminalSimulator, PrinterSimulator } from '@store-os/drivers/simulators';
import { fixedClock, serveHostCall } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDeviceHost } from './load-device-host';
import { startTerminalHost, type TerminalHost } from './terminal-host';

let dataDir: string;
let printer: PrinterSimulator;
let payment: PaymentTerminalSimulator;
let host: TerminalHost;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'terminal-devices-'));
  printer = await PrinterSimulator.start();
  payment = await PaymentTerminalSimulator.start();
  const config = {
    version: 1,
    terminalId: 's001-t01',
    devices: [
      {
        name: 'printer-1',
        kind: 'receipt-printer',
        transport: { type: 'tcp', host: '127.0.0.1', port: printer.port },
      },
      {
        name: 'pay-1',
        kind: 'payment-terminal',
        transport: { type: 'http', url: payment.url },
        poiId: 'POI-1',
      },
    ],
  };
  await writeFile(join(dataDir, 'devices.json'), JSON.stringify(config));
  const loaded = await loadDeviceHost(join(dataDir, 'devices.json'), fixedClock(1));
  expect(loaded.reports.map((r) => [r.device, r.ok])).toEqual([
    ['printer-1', true],
    ['pay-1', true],
  ]);
  host = await startTerminalHost(
    {
      version: 't',
      mode: 'browser',
      dataDir,
      syncServerUrl: null,
      standalone: { terminalId: 's001-t01', storeId: 's001' },
    },
    loaded.devices,
    fixedClock(1),
  );
});

afterEach(async () => {
  await host.close();
  await printer.close();
  await payment.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('registryDeviceHost through the contract', () => {
  it('lists the configured devices in contract terms', async () => {
    const result = await serveHostCall(host.handlers, 'devices.list', {});
    expect(result).toMatchObject({
      ok: true,
      value: {
        devices: [
          { id: 'printer-1', kind: 'printer', state: 'idle' },
          { id: 'pay-1', kind: 'payment' },
        ],
      },
    });
  });

  it('prints a receipt job on the simulated ESC/POS printer, once per job id', async () => {
    const job = {
      jobId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0B-r',
      blocks: [
        { kind: 'text', text: 'Store OS', align: 'center', bold: true },
        { kind: 'text', text: 'Total 9.98' },
        { kind: 'cut' },
      ],
    };
    expect(await serveHostCall(host.handlers, 'printer.print', job)).toEqual({
      ok: true,
      value: { jobId: job.jobId, state: 'printed' },
    });
    expect(await serveHostCall(host.handlers, 'printer.print', job)).toMatchObject({ ok: true });
    expect(printer.receipts).toHaveLength(1);
    expect(printer.receipts[0]?.text).toContain('Total 9.98');
  });

  it('runs a card payment in the background and reports its approval by transaction id', async () => {
    const start = await serveHostCall(host.handlers, 'payment.start', {
      transactionId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0C',
      amount: 998,
      currency: 'EUR',
    });
    expect(start).toMatchObject({ ok: true, value: { state: 'pending' } });
    await expect
      .poll(
        async () =>
          serveHostCall(host.handlers, 'payment.status', {
            transactionId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0C',
          }),
        { timeout: 10_000 },
      )
      .toMatchObject({
        ok: true,
        value: { state: 'approved', approval: { authCode: expect.any(String) as unknown } },
      });
  });

  it('sends a negative amount to the payment terminal as a refund, never as a charge', async () => {
    const transactionId = 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0D';
    await serveHostCall(host.handlers, 'payment.start', { transactionId, amount: -450, currency: 'EUR' });
    await expect
      .poll(async () => serveHostCall(host.handlers, 'payment.status', { transactionId }), {
        timeout: 10_000,
      })
      .toMatchObject({ ok: true, value: { state: 'approved' } });
    expect(payment.journal.map((r) => [r.refund, r.amountText])).toEqual([[true, '4.50']]);
    expect(payment.charges).toEqual([]);
  });

  it('refuses a device kind the terminal does not have, saying what to configure', async () => {
    expect(await serveHostCall(host.handlers, 'scale.read', {})).toMatchObject({
      ok: false,
      error: { code: 'device.not-configured', message: expect.stringContaining('No scale') as unknown },
    });
  });
});

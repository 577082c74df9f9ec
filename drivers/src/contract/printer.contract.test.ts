import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosLink } from '../devices/escpos-link';
import { EscPosReceiptPrinter, type EscPosPrinterOptions } from '../devices/escpos-receipt-printer';
import type { DeviceErrorEvent } from '../model/device';
import { PrinterSimulator } from '../simulators/printer-sim';
import { TcpTransport } from '../transports/tcp-transport';
import { sampleReceipt } from '../simulators/sample-receipt';

const FAST = { backoff: { initialMs: 20, maxMs: 200, factor: 2 }, statusTimeoutMs: 300 };
const QUEUE: EscPosPrinterOptions = { pollMs: 20, reconnectWaitMs: 1_000, stallTimeoutMs: 600 };

let dir: string;
let sim: PrinterSimulator;
const cleanups: Array<() => Promise<void>> = [];

async function openPrinter(
  target: PrinterSimulator,
  options: EscPosPrinterOptions = {},
  name = 'receipt',
): Promise<EscPosReceiptPrinter> {
  const link = new EscPosLink(name, new TcpTransport({ host: target.host, port: target.port }), {
    ...FAST,
    asb: true,
  });
  const printer = new EscPosReceiptPrinter(name, link, { ...QUEUE, ...options });
  await printer.open();
  await printer.claim(1_000);
  await printer.enable();
  cleanups.push(() => printer.close());
  return printer;
}

/** The next error event, answered by `answer` once it arrives. */
function nextError(printer: EscPosReceiptPrinter): Promise<DeviceErrorEvent> {
  return new Promise((resolve) => {
    const off = printer.events.on('error', (event) => {
      off();
      resolve(event);
    });
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printer-contract-'));
  sim = await PrinterSimulator.start({ outputDir: dir });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ESC/POS receipt printer over TCP against the simulator', () => {
  it('prints a receipt with logo, barcode and QR, acknowledged after the cut, and renders it to SVG', async () => {
    const printer = await openPrinter(sim);
    const completed: string[] = [];
    printer.events.on('outputComplete', (e) => completed.push(e.outputId));
    await expect(printer.print({ id: 'job-1', document: sampleReceipt(40, 'job-1') })).resolves.toEqual({
      jobId: 'job-1',
      printedBy: 'receipt',
    });
    expect(sim.receipts).toHaveLength(1);
    const [receipt] = sim.receipts;
    expect(receipt?.cut).toBe('partial');
    expect(receipt?.text).toContain('Item 40 crème brûlée');
    expect(receipt?.text).toContain('40,50 €');
    expect(receipt?.text).toContain('Łódź');
    expect(receipt?.elements.map((e) => e.type)).toEqual(expect.arrayContaining(['raster', 'barcode', 'qr']));
    expect(receipt?.svgPath && existsSync(receipt.svgPath)).toBe(true);
    const svg = readFileSync(receipt?.svgPath ?? '', 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Item 01 crème brûlée');
    expect(completed).toEqual(['job-1']);
    expect(printer.jobState('job-1')).toBe('printed');
  });

  it('prints a job id once even when print() is called twice', async () => {
    const printer = await openPrinter(sim);
    const [a, b] = await Promise.all([
      printer.print({ id: 'dup', document: sampleReceipt(3) }),
      printer.print({ id: 'dup', document: sampleReceipt(3) }),
    ]);
    expect(a).toEqual(b);
    await printer.print({ id: 'dup', document: sampleReceipt(3) });
    expect(sim.receipts).toHaveLength(1);
  });

  it('paper out before a job raises an error event; the job prints once paper is loaded and retried', async () => {
    const printer = await openPrinter(sim);
    sim.setState({ paperOut: true });
    const error = nextError(printer);
    const job = printer.print({ id: 'p1', document: sampleReceipt(5) });
    const event = await error;
    expect(event.error.code).toBe('printer.paper-out');
    expect(sim.receipts).toHaveLength(0);
    sim.setState({ paperOut: false });
    event.respond('retry');
    await expect(job).resolves.toMatchObject({ jobId: 'p1' });
    expect(sim.receipts).toHaveLength(1);
  });

  it('paper running out mid-receipt raises an error and the job resumes where it stopped, nothing printed twice', async () => {
    const printer = await openPrinter(sim);
    sim.paperOutAfterLines(10);
    const error = nextError(printer);
    const job = printer.print({ id: 'mid', document: sampleReceipt(40, 'mid') });
    const event = await error;
    expect(event.error.code).toBe('printer.paper-out');
    expect(sim.receipts).toHaveLength(0);
    sim.setState({ paperOut: false });
    event.respond('retry');
    await job;
    expect(sim.receipts).toHaveLength(1);
    const text = sim.receipts[0]?.text ?? '';
    for (let i = 1; i <= 40; i += 1)
      expect(text.split(`Item ${String(i).padStart(2, '0')} `)).toHaveLength(2);
  });

  it('cover open raises cover-open; closing it and retrying prints', async () => {
    const printer = await openPrinter(sim);
    sim.setState({ coverOpen: true });
    const error = nextError(printer);
    const job = printer.print({ id: 'c1', document: sampleReceipt(2) });
    const event = await error;
    expect(event.error.code).toBe('printer.cover-open');
    sim.setState({ coverOpen: false });
    event.respond('retry');
    await job;
    expect(sim.receipts).toHaveLength(1);
  });

  it('a lost acknowledgement never prints the job twice: the caller is asked, and clear keeps one copy', async () => {
    const printer = await openPrinter(sim);
    sim.dropNextAcks(1);
    const error = nextError(printer);
    const job = printer.print({ id: 'lost', document: sampleReceipt(3) });
    const event = await error;
    expect(event.error.code).toBe('printer.job-interrupted');
    expect(event.options).toEqual(['retry', 'clear']);
    event.respond('clear');
    await expect(job).rejects.toMatchObject({ code: 'printer.job-interrupted' });
    expect(sim.receipts).toHaveLength(1);
    // The link reconnects by itself; the next job prints normally.
    await printer.print({ id: 'after', document: sampleReceipt(1) });
    expect(sim.receipts).toHaveLength(2);
  });

  it('with no one listening, an interrupted job is not resent (at-most-once by default)', async () => {
    const printer = await openPrinter(sim);
    sim.dropNextAcks(1);
    await expect(printer.print({ id: 'quiet', document: sampleReceipt(2) })).rejects.toMatchObject({
      code: 'printer.job-interrupted',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.receipts).toHaveLength(1);
  });

  it('a connection cut mid-job leaves a partial receipt; retry is an explicit reprint', async () => {
    const printer = await openPrinter(sim);
    sim.dropNextConnectionAfter(300);
    const error = nextError(printer);
    const job = printer.print({ id: 'cut', document: sampleReceipt(20) });
    const event = await error;
    expect(event.error.code).toBe('printer.job-interrupted');
    expect(sim.receipts).toHaveLength(0);
    event.respond('retry');
    await job;
    expect(sim.receipts).toHaveLength(1);
  });

  it('an unreachable printer is waited for with backoff; the queued job prints once it is back', async () => {
    const printer = await openPrinter(sim, { reconnectWaitMs: 300 });
    await sim.setReachable(false);
    await expect.poll(() => printer.power).toBe('offline');
    const error = nextError(printer);
    const job = printer.print({ id: 'offline', document: sampleReceipt(2) });
    const event = await error;
    expect(event.error.code).toBe('transport.unreachable');
    expect(event.error.message).toContain(`tcp 127.0.0.1:${sim.port}`);
    await sim.setReachable(true);
    event.respond('retry');
    await job;
    expect(sim.receipts).toHaveLength(1);
  });

  it('survives garbage on the line', async () => {
    const printer = await openPrinter(sim);
    sim.injectGarbage();
    sim.injectGarbage(Uint8Array.of(0x37, 0x22, 0x39));
    await printer.print({ id: 'g', document: sampleReceipt(2) });
    expect(sim.receipts).toHaveLength(1);
  });

  it('a stalled printer that answers nothing raises an error instead of hanging', async () => {
    const printer = await openPrinter(sim);
    sim.setState({ stalled: true });
    const error = nextError(printer);
    const job = printer.print({ id: 's', document: sampleReceipt(2) });
    const event = await error;
    expect(event.error.code).toBe('printer.no-status');
    sim.setState({ stalled: false });
    event.respond('retry');
    await job;
    expect(sim.receipts).toHaveLength(1);
  });

  it('a printer that hangs mid-receipt raises printer.stalled; clear gives the job up without a reprint', async () => {
    const printer = await openPrinter(sim);
    sim.faultAfterLines(5, { stalled: true });
    const error = nextError(printer);
    const job = printer.print({ id: 'hang', document: sampleReceipt(20) });
    const event = await error;
    expect(event.error.code).toBe('printer.stalled');
    event.respond('clear');
    await expect(job).rejects.toMatchObject({ code: 'printer.job-cleared' });
    expect(printer.jobState('hang')).toBe('failed');
    sim.setState({ stalled: false });
    await sim.waitForReceipts(1);
    expect(sim.receipts).toHaveLength(1);
  });

  it('routes a job to the fallback printer when the caller answers fallback', async () => {
    const backupSim = await PrinterSimulator.start();
    cleanups.push(() => backupSim.close());
    const backup = await openPrinter(backupSim, {}, 'backup');
    const printer = await openPrinter(sim, { fallback: backup });
    expect(printer.capabilities['fallback']).toBe(true);
    sim.setState({ paperOut: true });
    const error = nextError(printer);
    const job = printer.print({ id: 'fb', document: sampleReceipt(2) });
    const event = await error;
    expect(event.options).toContain('fallback');
    event.respond('fallback');
    await expect(job).resolves.toEqual({ jobId: 'fb', printedBy: 'backup' });
    expect(backupSim.receipts).toHaveLength(1);
    expect(sim.receipts).toHaveLength(0);
  });

  it('reports status changes from automatic status back and real-time queries', async () => {
    const printer = await openPrinter(sim);
    const statuses: string[] = [];
    printer.events.on('status', (e) => statuses.push(e.status));
    sim.setState({ paperNearEnd: true });
    await expect.poll(() => statuses).toContain('paper-near-end');
    sim.setState({ coverOpen: true });
    await expect(printer.queryStatus()).resolves.toMatchObject({
      coverOpen: true,
      online: false,
      paperNearEnd: true,
    });
    const health = await printer.checkHealth();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain('cover-open');
  });
});

// Device drivers against their simulators, over the real transports: a 40-line receipt with logo and
// QR printed to the TCP printer simulator, timed from print() to the printer's acknowledgement after
// the cut; and scanner input to data event, for HID POS (transport seam) and serial (PTY pair).
import { performance } from 'node:perf_hooks';
import {
  EscPosLink,
  EscPosReceiptPrinter,
  FRAMINGS,
  HidPosScanner,
  SerialScanner,
  SerialTransport,
  TcpTransport,
  encodeReceipt,
} from '@store-os/drivers';
import {
  HidScannerSimulator,
  PrinterSimulator,
  SerialScannerSimulator,
  sampleReceipt,
} from '@store-os/drivers/simulators';
import { percentile, writeResult } from './result';

const PRINTS = 40;
const SCANS = 200;

async function benchPrinter(): Promise<{ samples: number[]; encode: number[]; bytes: number }> {
  const sim = await PrinterSimulator.start();
  const printer = new EscPosReceiptPrinter(
    'receipt',
    new EscPosLink('receipt', new TcpTransport({ host: sim.host, port: sim.port })),
    { pollMs: 50 },
  );
  await printer.open();
  await printer.claim(1_000);
  await printer.enable();
  const samples: number[] = [];
  for (let i = -5; i < PRINTS; i += 1) {
    const start = performance.now();
    await printer.print({ id: `bench-${i}`, document: sampleReceipt(40, `bench-${i}`) });
    if (i >= 0) samples.push(performance.now() - start);
  }
  if (sim.receipts.length !== PRINTS + 5)
    throw new Error(`expected ${PRINTS + 5} receipts, got ${sim.receipts.length}`);
  await printer.close();
  await sim.close();
  const encode: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    encodeReceipt(sampleReceipt(40));
    encode.push(performance.now() - start);
  }
  return { samples, encode, bytes: encodeReceipt(sampleReceipt(40)).length };
}

async function benchHidScanner(): Promise<number[]> {
  const sim = new HidScannerSimulator();
  const scanner = new HidPosScanner('hid', sim.transport);
  await scanner.open();
  await scanner.claim(1_000);
  await scanner.enable();
  const samples: number[] = [];
  let start = 0;
  scanner.events.on('data', () => samples.push(performance.now() - start));
  for (let i = 0; i < SCANS; i += 1) {
    start = performance.now();
    sim.scan(`]Q1https://receipts.example/${'x'.repeat(100)}${i}`);
  }
  await scanner.close();
  return samples;
}

async function benchSerialScanner(): Promise<number[]> {
  const sim = await SerialScannerSimulator.start();
  const scanner = new SerialScanner('serial', new SerialTransport({ path: sim.devicePath }), FRAMINGS.cr);
  await scanner.open();
  await scanner.claim(1_000);
  await scanner.enable();
  const samples: number[] = [];
  for (let i = 0; i < SCANS; i += 1) {
    const start = performance.now();
    const received = scanner.events.once('data', 2_000);
    await sim.scan(`400638133393${i % 10}`, ']E0');
    await received;
    samples.push(performance.now() - start);
  }
  await scanner.close();
  await sim.close();
  return samples;
}

const printer = await benchPrinter();
const hid = await benchHidScanner();
const serial = await benchSerialScanner();
const round = (n: number): number => Math.round(n * 1000) / 1000;
const result = writeResult({
  name: 'drivers',
  title: 'Drivers: receipt print to cut acknowledged, scanner report to data event',
  metrics: [
    {
      name: '40-line receipt with logo + QR, print() → cut acknowledged, p50',
      value: round(percentile(printer.samples, 50)),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: '40-line receipt with logo + QR, print() → cut acknowledged, p95',
      value: round(percentile(printer.samples, 95)),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'of which encoding the receipt (encoder + code-page runs), p50',
      value: round(percentile(printer.encode, 50)),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'HID POS report (3-report QR) → data event, p95',
      value: round(percentile(hid, 95)),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'serial scan over PTY → data event, p50',
      value: round(percentile(serial, 50)),
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'serial scan over PTY → data event, p95',
      value: round(percentile(serial, 95)),
      unit: 'ms',
      better: 'lower',
    },
  ],
  notes: [
    `Printer: TCP simulator on loopback in the same process, ${PRINTS} receipts of ${printer.bytes} bytes after 5 warm-up; the ack is the printer's GS ( H process-id answer sent after the cut.`,
    `Scanners: ${SCANS} scans each; serial goes through socat's PTY pair and the serialport binding at 9600 baud (the PTY does not pace bytes).`,
  ],
});
console.table(result.metrics.map((m) => ({ metric: m.name, value: m.value, unit: m.unit })));

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TerminalDevicesConfig } from '../registry/device-config';
import { HidScannerSimulator } from './hid-scanner-sim';
import { LineDisplaySimulator } from './line-display-sim';
import { PaymentTerminalSimulator } from './payment-terminal-sim';
import { PrinterSimulator } from './printer-sim';
import { ScaleSimulator } from './scale-sim';
import { SerialDrawerSimulator } from './serial-drawer-sim';
import { SerialScannerSimulator } from './serial-scanner-sim';

/** Every simulator of one terminal, and the device config that points a terminal at them. */
export interface SimulatorSet {
  readonly printer: PrinterSimulator;
  readonly terminal: PaymentTerminalSimulator;
  readonly scanner: SerialScannerSimulator;
  /** In-process only: HID is faked at the transport seam, which another process cannot reach. */
  readonly hidScanner: HidScannerSimulator;
  readonly scale: ScaleSimulator;
  readonly display: LineDisplaySimulator;
  readonly drawer: SerialDrawerSimulator;
  readonly config: TerminalDevicesConfig;
  readonly configPath: string;
  readonly receiptsDir: string;
  close(): Promise<void>;
}

/** Starts all simulators under `dir` (PTY links, receipts/, devices.json). */
export async function startSimulators(options: {
  dir: string;
  printerPort?: number;
  terminalPort?: number;
  terminalId?: string;
}): Promise<SimulatorSet> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const receiptsDir = join(dir, 'receipts');
  const started: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(sim: T): T => {
    started.push(sim);
    return sim;
  };
  try {
    const printer = track(
      await PrinterSimulator.start({
        outputDir: receiptsDir,
        ...(options.printerPort ? { port: options.printerPort } : {}),
      }),
    );
    const terminal = track(
      await PaymentTerminalSimulator.start(options.terminalPort ? { port: options.terminalPort } : {}),
    );
    const scanner = track(await SerialScannerSimulator.start({ dir }));
    const scale = track(await ScaleSimulator.start({ dir }));
    const display = track(await LineDisplaySimulator.start({ dir }));
    const drawer = track(await SerialDrawerSimulator.start({ dir }));
    const config: TerminalDevicesConfig = {
      version: 1,
      terminalId: options.terminalId ?? 'sim-terminal-1',
      devices: [
        {
          name: 'scanner',
          kind: 'scanner',
          transport: { type: 'serial', path: scanner.devicePath, baudRate: 9600 },
          framing: 'cr',
        },
        {
          name: 'receipt',
          kind: 'receipt-printer',
          transport: { type: 'tcp', host: printer.host, port: printer.port },
          printerModel: 'epson-tm-t88vi',
          asb: true,
        },
        {
          name: 'drawer',
          kind: 'cash-drawer',
          transport: { type: 'printer-port', printer: 'receipt' },
          pin: 2,
          polarity: 'high-is-open',
        },
        {
          name: 'drawer-serial',
          kind: 'cash-drawer',
          transport: { type: 'serial', path: drawer.devicePath },
        },
        {
          name: 'card',
          kind: 'payment-terminal',
          transport: { type: 'http', url: terminal.url },
          poiId: 'SIM-POI-1',
          offline: { allowed: true, maxCount: 5, maxTotalMinor: 20_000 },
        },
        {
          name: 'scale',
          kind: 'scale',
          transport: { type: 'serial', path: scale.devicePath },
          protocol: 'toledo-8217',
          unit: 'kg',
        },
        { name: 'display', kind: 'line-display', transport: { type: 'serial', path: display.devicePath } },
      ],
    };
    const configPath = join(dir, 'devices.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
    const hidScanner = new HidScannerSimulator();
    return {
      printer,
      terminal,
      scanner,
      hidScanner,
      scale,
      display,
      drawer,
      config,
      configPath,
      receiptsDir,
      async close() {
        for (const sim of started.reverse()) await sim.close();
      },
    };
  } catch (error) {
    for (const sim of started.reverse()) await sim.close();
    throw error;
  }
}

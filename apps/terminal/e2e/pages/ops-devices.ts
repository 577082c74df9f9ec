// The printer and payment-terminal simulators behind a terminal host, as `npm run devices:sim` would
// configure them: a real ESC/POS printer over TCP (receipts rendered as SVG) and a nexo terminal over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaymentTerminalSimulator, PrinterSimulator } from '@store-os/drivers/simulators';
import type { DeviceHost } from '../../src/host/device-host';
import { DeviceRegistry } from '@store-os/drivers';
import { registryDeviceHost } from '../../src/host/registry-device-host';

/** Running simulators and the device host the terminal uses to reach them. */
export interface OpsDevices {
  readonly printer: PrinterSimulator;
  readonly payment: PaymentTerminalSimulator;
  readonly devices: DeviceHost;
  readonly receiptsDir: string;
  close(): Promise<void>;
}

export async function startOpsDevices(): Promise<OpsDevices> {
  const dir = await mkdtemp(join(tmpdir(), 'ops-devices-'));
  const receiptsDir = join(dir, 'receipts');
  const printer = await PrinterSimulator.start({ outputDir: receiptsDir });
  const payment = await PaymentTerminalSimulator.start();
  const config = {
    version: 1,
    terminalId: 'ops-e2e',
    devices: [
      {
        name: 'receipt',
        kind: 'receipt-printer',
        transport: { type: 'tcp', host: printer.host, port: printer.port },
        printerModel: 'epson-tm-t88vi',
      },
      {
        name: 'card',
        kind: 'payment-terminal',
        transport: { type: 'http', url: payment.url },
        poiId: 'SIM-POI-1',
      },
    ],
  };
  const registry = DeviceRegistry.fromConfig(config);
  const reports = await registry.openAll();
  const failed = reports.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`simulated devices did not open: ${JSON.stringify(failed)}`);
  return {
    printer,
    payment,
    devices: registryDeviceHost(registry, { now: () => Date.now() }),
    receiptsDir,
    async close() {
      await printer.close();
      await payment.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

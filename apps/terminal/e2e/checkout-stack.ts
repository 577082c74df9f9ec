// The checkout specs' stack: the real sync-server with the checkout catalog, every device simulator
// (serial scanner on a socat PTY, ESC/POS printer on TCP, nexo card terminal on HTTP, pole display,
// scale), the terminal host driving them through the drivers' registry, and Chromium signed in.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeviceRegistry } from '@store-os/drivers';
import { startSimulators, type SimulatorSet } from '@store-os/drivers/simulators';
import { registryDeviceHost } from '../src/host/registry-device-host';
import { checkoutCatalog, sampleCustomer } from '../src/renderer/sale/sale-fixtures';
import type { SyncServerProcess } from '../test/sync-server-process';
import {
  prepareStore,
  seedCatalog,
  startSyncServerProcess,
  startTerminalStack,
  STORE_ID,
  type TerminalStack,
} from './fixtures';
import type { SellPage } from './pages/sell-page';

/** A signed-in terminal with simulated devices. */
export interface CheckoutStack {
  readonly stack: TerminalStack;
  readonly sims: SimulatorSet;
  readonly sell: SellPage;
  stop(): Promise<void>;
}

/** The server with the store, its staff, the checkout catalog and a loyalty customer. */
export async function checkoutServer(): Promise<SyncServerProcess> {
  const server = await startSyncServerProcess();
  await prepareStore(server);
  await seedCatalog(server, checkoutCatalog(STORE_ID));
  await server.putDocuments(`store-${STORE_ID}`, [sampleCustomer(STORE_ID)]);
  return server;
}

/** Starts the simulators and a terminal that drives them, and signs the demo cashier in. */
export async function startCheckout(server: SyncServerProcess): Promise<CheckoutStack> {
  const simDir = await mkdtemp(join(tmpdir(), 'checkout-sims-'));
  const sims = await startSimulators({ dir: simDir });
  try {
    const registry = DeviceRegistry.fromConfig(sims.config);
    const reports = await registry.openAll();
    const failed = reports.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`simulated devices did not open: ${JSON.stringify(failed)}`);
    const stack = await startTerminalStack({
      server,
      devices: registryDeviceHost(registry, { now: () => Date.now() }),
    });
    const sell = await stack.openSellPage();
    return {
      stack,
      sims,
      sell,
      async stop() {
        await stack.stop();
        await sims.close();
        await rm(simDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sims.close();
    throw error;
  }
}

/** Scans on the simulated serial scanner until the line appears (the catalog arrives by replication). */
export async function scanUntilAdded(checkout: CheckoutStack, code: string, lines: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await checkout.sell.lines.count()) < lines) {
    if (Date.now() > deadline)
      throw new Error(`${code} never reached the cart: ${await checkout.sell.message.textContent()}`);
    await checkout.sims.scanner.scan(code);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Copies a rendered receipt into the test output folder and returns where it is. */
export async function keepReceipt(svgPath: string | undefined, name: string): Promise<string> {
  if (!svgPath) throw new Error('the printer simulator wrote no SVG for the receipt');
  const dir = resolve(import.meta.dirname, '..', 'test-results', 'checkout');
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${name}.svg`);
  await copyFile(svgPath, target);
  return target;
}

// Starts what a terminal e2e spec needs and stops all of it: the sync-server (when asked and present), the
// terminal host with a fresh data folder, the browser-mode host on 127.0.0.1 port 0, and a fresh Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../src/browser-host/browser-host';
import type { DeviceHost, DeviceListener } from '../src/host/device-host';
import { noDevices } from '../src/host/no-devices';
import { startTerminalHost, type TerminalHost } from '../src/host/terminal-host';
import { journalPathIn } from '../src/host/terminal-options';
import { startSyncServerProcess, type SyncServerProcess } from '../test/sync-server-process';
import { rendererDir } from '../tools/build-renderer';
import { launchFreshChromium, type FreshBrowser } from './chromium';
import { SellPage } from './pages/sell-page';

export const STORE_ID = 's001';
export const TERMINAL_ID = 's001-t01';

/** A terminal as a cashier meets it, plus handles on everything behind it. */
export interface TerminalStack {
  readonly host: TerminalHost;
  readonly browserHost: BrowserHost;
  readonly server: SyncServerProcess | undefined;
  readonly dataDir: string;
  browser: FreshBrowser;
  /** Opens the sell screen in the current browser and waits until it is ready to scan. */
  openSellPage(): Promise<SellPage>;
  /** Closes the browser and starts another with a fresh profile (a wiped IndexedDB). */
  replaceBrowser(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTerminalStack(
  options: { server?: SyncServerProcess; dataDir?: string; devices?: DeviceHost } = {},
): Promise<TerminalStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'terminal-e2e-data-')));
  const host = await startTerminalHost(
    {
      version: '0.0.0-e2e',
      mode: 'browser',
      terminalId: TERMINAL_ID,
      storeId: STORE_ID,
      syncServerUrl: options.server?.url ?? null,
      syncAuthorization: options.server?.adminAuthorization ?? null,
      journalPath: journalPathIn(dataDir),
    },
    options.devices ?? noDevices(),
    { now: () => Date.now() },
  );
  const browserHost = await startBrowserHost({
    host,
    rendererDir,
    port: 0,
    syncServerUrl: options.server?.url ?? null,
  });
  const stack: TerminalStack = {
    host,
    browserHost,
    server: options.server,
    dataDir,
    browser: await launchFreshChromium(),
    async openSellPage() {
      const page = await stack.browser.context.newPage();
      const sell = new SellPage(page);
      await sell.open(browserHost.url);
      return sell;
    },
    async replaceBrowser() {
      await stack.browser.close();
      stack.browser = await launchFreshChromium();
    },
    async stop() {
      await stack.browser.close();
      await browserHost.close();
      await host.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

export { startSyncServerProcess };

/** Publishes the sample catalog to the server's catalog database, as HQ would. */
export async function seedCatalog(
  server: SyncServerProcess,
  docs: readonly Record<string, unknown>[],
): Promise<void> {
  const body = { docs: docs.map(({ id, ...rest }) => ({ _id: id, ...rest })) };
  const res = await fetch(`${server.url}/catalog/_bulk_docs`, {
    method: 'POST',
    headers: { Authorization: server.adminAuthorization, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const rows = (await res.json()) as { id: string; ok?: boolean; reason?: string }[];
  const refused = rows.filter((r) => !r.ok);
  if (!res.ok || refused.length > 0)
    throw new Error(`the server refused the sample catalog: ${JSON.stringify(refused)}`);
}

/** A device host with one scanner the test triggers, as a HID or serial scanner would deliver a barcode. */
export function testScanner(): { devices: DeviceHost; scan(data: string): void } {
  const listeners = new Set<DeviceListener>();
  return {
    devices: {
      ...noDevices(),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    scan(data) {
      for (const listener of listeners) {
        listener({
          type: 'scanner.data',
          payload: { deviceId: 'scanner-1', data, symbology: 'ean13', at: Date.now() },
        });
      }
    },
  };
}

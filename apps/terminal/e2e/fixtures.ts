// Starts what a terminal e2e spec needs and stops all of it: the sync-server (when asked and present), the
// terminal host with a fresh data folder (enrolled with its own one-time code), the browser-mode host on
// 127.0.0.1 port 0, and a fresh Chromium; `openSellPage` signs in as the demo cashier.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../src/browser-host/browser-host';
import type { DeviceHost, DeviceListener } from '../src/host/device-host';
import { noDevices } from '../src/host/no-devices';
import type { Page } from 'playwright-core';
import { DEMO_CASHIER, DEMO_MANAGER, demoStaffDocuments } from '../src/host/session/demo-staff';
import { readCredential } from '../src/host/session/terminal-credential';
import { startTerminalHost, type TerminalHost } from '../src/host/terminal-host';
import { credentialPathIn } from '../src/host/terminal-options';
import { startSyncServerProcess, type SyncServerProcess } from '../test/sync-server-process';
import { rendererDir } from '../tools/build-renderer';
import { launchFreshChromium, type FreshBrowser } from './chromium';
import { LoginPage } from './pages/login-page';
import { OpsShiftPage } from './pages/ops-shift-page';
import { SellPage } from './pages/sell-page';

export const STORE_ID = 's001';
/** The identity of a standalone stack (no server, so nothing to enroll with). */
export const TERMINAL_ID = 's001-t01';

export { DEMO_CASHIER, DEMO_MANAGER };

let terminalCount = 0;
const staffCache = new Map<string, Promise<Record<string, unknown>[]>>();

/** The demo cashier and manager of a store, PINs hashed once per test process (600k iterations each). */
export function staffOf(storeId: string): Promise<Record<string, unknown>[]> {
  let docs = staffCache.get(storeId);
  if (!docs) {
    docs = demoStaffDocuments(storeId, new Date().toISOString());
    staffCache.set(storeId, docs);
  }
  return docs;
}

const preparedServers = new Set<string>();

/** Creates the store on the server and puts its staff there, once per server. */
export async function prepareStore(server: SyncServerProcess): Promise<void> {
  if (preparedServers.has(server.url)) return;
  await server.createStore(STORE_ID);
  await server.putDocuments(`store-${STORE_ID}`, await staffOf(STORE_ID)).catch((error: unknown) => {
    // Already there from an earlier start on the same data: the staff documents are the same people.
    if (!String(error).includes('conflict')) throw error;
  });
  preparedServers.add(server.url);
}

/** A terminal as a cashier meets it, plus handles on everything behind it. */
export interface TerminalStack {
  readonly host: TerminalHost;
  readonly browserHost: BrowserHost;
  readonly server: SyncServerProcess | undefined;
  readonly dataDir: string;
  /** This terminal's id (enrolled ones get a fresh id per stack, so stacks can share a server). */
  readonly terminalId: string;
  /** With `enroll: 'manual'`: the one-time code the test types into the enrollment screen. */
  readonly enrollmentCode: string | undefined;
  browser: FreshBrowser;
  /**
   * Opens the terminal in the current browser, signs in as the demo cashier and waits until it is ready to
   * scan. A till with no open shift is first opened on the Shift screen with a float of 100.00, as a
   * cashier does before the first sale (payment is refused without one); `{openShift: false}` leaves it.
   */
  openSellPage(options?: { readonly openShift?: boolean }): Promise<SellPage>;
  /** Opens the terminal without signing in (enrollment or login screen). */
  openPage(): Promise<{ page: Page; login: LoginPage }>;
  /** Closes the browser and starts another with a fresh profile (a wiped IndexedDB). */
  replaceBrowser(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of a stack; `enroll` 'auto' (default) has the host enroll before the browser opens. */
export interface StackOptions {
  readonly server?: SyncServerProcess;
  readonly dataDir?: string;
  readonly devices?: DeviceHost;
  readonly enroll?: 'auto' | 'manual';
}

/**
 * A terminal host, its browser host and a fresh Chromium. With a server the terminal is enrolled with a
 * one-time code of its own and syncs with its own credential, never the admin's; without one it runs
 * standalone with the demo staff given to the host.
 */
export async function startTerminalStack(options: StackOptions = {}): Promise<TerminalStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'terminal-e2e-data-')));
  const server = options.server;
  let terminalId = TERMINAL_ID;
  let enrollmentCode: string | undefined;
  const existing = await readCredential(credentialPathIn(dataDir));
  if (server && !existing) {
    await prepareStore(server);
    terminalCount += 1;
    terminalId = `${STORE_ID}-t${process.pid.toString(36)}${terminalCount}`;
    enrollmentCode = await server.enrollmentCode(STORE_ID, terminalId);
  } else if (existing) {
    terminalId = existing.terminalId;
  }
  const host = await startTerminalHost(
    {
      version: '0.0.0-e2e',
      mode: 'browser',
      dataDir,
      syncServerUrl: server?.url ?? null,
      ...(server ? {} : { standalone: { terminalId, storeId: STORE_ID, staff: await staffOf(STORE_ID) } }),
    },
    options.devices ?? noDevices(),
    { now: () => Date.now() },
  );
  if (server && enrollmentCode && options.enroll !== 'manual') {
    await host.handlers['enrollment.enroll']({ serverUrl: server.url, code: enrollmentCode });
  }
  const browserHost = await startBrowserHost({ host, rendererDir, port: 0 });
  const stack: TerminalStack = {
    host,
    browserHost,
    server,
    dataDir,
    terminalId,
    enrollmentCode: options.enroll === 'manual' ? enrollmentCode : undefined,
    browser: await launchFreshChromium(),
    async openSellPage(options = {}) {
      const page = await stack.browser.context.newPage();
      const sell = new SellPage(page);
      await page.goto(browserHost.url);
      try {
        await new LoginPage(page).signIn(DEMO_CASHIER.name, DEMO_CASHIER.pin);
        await sell.scanInput.waitFor({ timeout: 30_000 });
        if (options.openShift !== false) await openTillIfShiftless(sell);
      } catch (error) {
        // Say what the page showed instead: a login that never came is otherwise a bare timeout.
        const shown = await page
          .locator('body')
          .innerText()
          .catch(() => '(unreadable)');
        throw new Error(
          `${String(error)}\nThe page showed: ${shown}\nConsole: ${sell.consoleErrors.join(' | ')}`,
          { cause: error },
        );
      }
      return sell;
    },
    async openPage() {
      const page = await stack.browser.context.newPage();
      await page.goto(browserHost.url);
      return { page, login: new LoginPage(page) };
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

/** The float a stack's till is opened with when a spec does not open the shift itself. */
export const E2E_OPENING_FLOAT = '100.00';

/**
 * Opens the till on the Shift screen when the sell screen says no shift is open (a till that already has
 * one, from this profile or replicated in, is left as it is), then returns to the sell screen.
 */
export async function openTillIfShiftless(sell: SellPage): Promise<void> {
  await sell.page.locator('[data-till]:not([data-till="loading"])').waitFor({ timeout: 30_000 });
  if ((await sell.till.getAttribute('data-till')) !== 'no-shift') return;
  const shift = new OpsShiftPage(sell.page);
  await shift.open('F10', 'Shift and close');
  await shift.openShift(E2E_OPENING_FLOAT);
  await sell.page.keyboard.press('F1');
  await sell.page.locator('[data-till="open"]').waitFor({ timeout: 30_000 });
}

/** Publishes the sample catalog to the server's catalog database, as HQ would. */
export async function seedCatalog(
  server: SyncServerProcess,
  docs: readonly Record<string, unknown>[],
): Promise<void> {
  await server.putDocuments('catalog', docs);
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

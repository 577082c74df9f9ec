// A real sync-server for the console e2e specs: two demo stores with their catalog, one person per
// console role, and helpers to enroll simulated terminals and to call the server as anyone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_OTHER_STORE_ID, DEMO_STORE_ID, demoCatalog } from '@store-os/shared/demo';
import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server';

/** A person or terminal credential. */
export interface Credential {
  readonly name: string;
  readonly password: string;
}

/** The console's people, one per role; managers each have one store. */
export const PEOPLE = {
  hq: { name: 'hq-anna', password: 'hq-password-1' },
  it: { name: 'it-ivan', password: 'it-password-1' },
  managerBerlin: { name: 'mgr-berlin', password: 'mgr-password-1' },
  managerHamburg: { name: 'mgr-hamburg', password: 'mgr-password-2' },
} as const;

export const STORE_A = DEMO_STORE_ID;
export const STORE_B = DEMO_OTHER_STORE_ID;
/** A store the fleet spec creates (no catalog seeded for it). */
export const STORE_C = 's003';
/** Catalog products seeded (a small demo catalog; `demoCatalog` is deterministic). */
export const PRODUCTS = 40;
export const CATALOG_UPDATED_AT = '2026-11-01T06:00:00.000Z';

/** Where screenshots go (git-ignored `test-results/`). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/hq-console', import.meta.url));

/** A started server with its stores, catalog and people. */
export interface ConsoleServer {
  readonly t: TestServer;
  readonly url: string;
  /** JSON call as someone (admin by default); throws on a non-2xx answer with the body. */
  call<T>(path: string, init?: { as?: Credential | null; json?: unknown; method?: string }): Promise<T>;
  /** Creates a terminal at a store and enrolls it with its one-time code, as a terminal would. */
  enrollTerminal(storeId: string, terminalId: string): Promise<Credential & { storeId: string }>;
  close(): Promise<void>;
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  // The webhook log spec's receiver listens on loopback, which only a development server may target.
  const t = await startTestServer({ integrationApi: { allowLoopbackWebhooks: true } });
  const call: ConsoleServer['call'] = async <T>(
    path: string,
    init: { as?: Credential | null; json?: unknown; method?: string } = {},
  ) => {
    const res = await t.call(path, {
      ...(init.as === undefined ? {} : { as: init.as }),
      ...(init.json === undefined ? {} : { json: init.json }),
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'call'} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  for (const [id, name] of [
    [STORE_A, 'Berlin Mitte'],
    [STORE_B, 'Hamburg Altona'],
  ] as const) {
    await call('/_pos/stores', { json: { id, name } });
  }
  const docs = [...demoCatalog({ products: PRODUCTS, updatedAt: CATALOG_UPDATED_AT })].map((d) => ({
    ...d,
    _id: d.id,
  }));
  const written = await call<{ error?: string }[]>('/catalog/_bulk_docs', { json: { docs } });
  const refused = written.filter((w) => w.error);
  if (refused.length > 0)
    throw new Error(`seeding the catalog failed: ${JSON.stringify(refused.slice(0, 3))}`);
  await call('/_pos/users', { json: { ...PEOPLE.hq, role: 'hq' } });
  await call('/_pos/users', { json: { ...PEOPLE.it, role: 'it' } });
  await call('/_pos/users', { json: { ...PEOPLE.managerBerlin, role: 'manager', storeId: STORE_A } });
  await call('/_pos/users', { json: { ...PEOPLE.managerHamburg, role: 'manager', storeId: STORE_B } });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    t,
    url: t.url,
    call,
    async enrollTerminal(storeId, terminalId) {
      const { enrollmentCode } = await call<{ enrollmentCode: string }>(`/_pos/stores/${storeId}/terminals`, {
        json: { terminalId },
      });
      const grant = await call<{ name: string; password: string }>('/_pos/enroll', {
        as: null,
        json: { code: enrollmentCode },
      });
      return { name: grant.name, password: grant.password, storeId };
    },
    close: () => t.close(),
  };
}

/** Polls `check` until it returns a value (not undefined), at most `timeoutMs`; the last error explains. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) {
      const reason = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`${what} did not happen within ${timeoutMs} ms${reason}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const screenshotPath = (name: string) => join(SCREENSHOT_DIR, `${name}.png`);

/**
 * `expect.poll` with room for a loaded machine: the page or the server's followers may take a few
 * seconds to show a change, which is not what these specs measure.
 */
export const until = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 200 });

// What the loyalty, gift-card and offline-pair specs read back: the documents the server holds for the
// store (orders, ledger entries), HQ's API as an HQ user would call it, and the terminal's own view of
// its connection, so each spec asserts facts on the server and not only what the screen says.
import { expect } from 'vitest';
import type { Journal } from '../src/host/journal';
import type { SyncServerProcess } from '../test/sync-server-process';
import { STORE_ID } from './fixtures';
import type { SellPage } from './pages/sell-page';

/** A document as the server returns it. */
export type ServerDoc = Record<string, unknown> & { _id: string };

/** Every current document of the store database, read as admin. */
export async function storeDocs(server: SyncServerProcess): Promise<ServerDoc[]> {
  const res = await fetch(`${server.url}/store-${STORE_ID}/_all_docs?include_docs=true`, {
    headers: { Authorization: server.adminAuthorization },
  });
  if (!res.ok) throw new Error(`GET /store-${STORE_ID}/_all_docs: HTTP ${res.status}`);
  const body = (await res.json()) as { rows: { doc?: ServerDoc }[] };
  return body.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

/** The ledger entries of one account on the server, oldest first. */
export async function ledgerEntriesOf(
  server: SyncServerProcess,
  ledger: string,
  accountId: string,
): Promise<ServerDoc[]> {
  return (await storeDocs(server))
    .filter((d) => d['type'] === 'ledger-entry' && d['ledger'] === ledger && d['accountId'] === accountId)
    .sort((a, b) => String(a['createdAt']).localeCompare(String(b['createdAt'])));
}

/** The orders a terminal wrote, as the server holds them. */
export async function ordersOf(server: SyncServerProcess, terminalId: string): Promise<ServerDoc[]> {
  return (await storeDocs(server)).filter((d) => d['type'] === 'order' && d['terminalId'] === terminalId);
}

/** GETs `/_hq/api/<path>` as admin (HQ's view of every store). */
export async function hqApi<T>(server: SyncServerProcess, path: string): Promise<T> {
  const res = await fetch(`${server.url}/_hq/api/${path}`, {
    headers: { Authorization: server.adminAuthorization },
  });
  if (!res.ok) throw new Error(`GET /_hq/api/${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the terminal's status bar says it cannot reach the server. */
export async function untilOffline(sell: SellPage): Promise<void> {
  await expect
    .poll(() => sell.connection.textContent(), { timeout: 60_000, interval: 250 })
    .toContain('Offline');
}

/** Waits until the terminal has nothing left to send. */
export async function untilSynced(sell: SellPage): Promise<void> {
  await expect.poll(() => sell.waiting.textContent(), { timeout: 120_000, interval: 500 }).toBe('0 waiting');
}

/** The ids of every document a terminal's journal holds (each sale's order, movements and entries). */
export function journaledIds(journal: Journal): string[] {
  return journal.since(0).entries.flatMap((e) => e.entry.documents.map((d) => String(d['id'])));
}

/**
 * Console errors other than Chromium's own log line for each request refused while the server was
 * stopped (`Failed to load resource: net::ERR_CONNECTION_REFUSED`), which is the offline period itself.
 */
export function errorsBesidesOffline(errors: readonly string[]): string[] {
  return errors.filter((e) => !/^Failed to load resource: net::ERR_CONNECTION_REFUSED$/.test(e));
}

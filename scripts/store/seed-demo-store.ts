// Seeds a running sync-server with the demo store: the catalog documents, the stores' databases, and
// one enrolled-ready terminal, and the store's demo cashier and manager. Idempotent: a second run against the same data changes nothing.
import { DEMO_OTHER_STORE_ID, DEMO_STORE_ID, demoCatalog } from '@store-os/shared/demo';
import { demoStaffDocuments } from '../../apps/terminal/src/host/session/demo-staff';

/** Where and as whom to seed. */
export interface SeedOptions {
  readonly serverUrl: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly products: number;
  readonly terminalId: string;
  /** Called with documents written so far and the total, for a progress line. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What the terminal needs to enroll; `enrollmentCode` is absent when the terminal was enrolled before. */
export interface SeedResult {
  readonly storeId: string;
  readonly terminalId: string;
  readonly enrollmentCode?: string;
  readonly catalogDocs: number;
}

async function call(options: SeedOptions, path: string, init: { method: string; json?: unknown }) {
  const auth = Buffer.from(`${options.adminUser}:${options.adminPassword}`).toString('base64');
  const response = await fetch(new URL(path, options.serverUrl), {
    method: init.method,
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body };
}

function failed(what: string, status: number, body: unknown): Error {
  return new Error(`seeding failed: ${what} answered ${status} ${JSON.stringify(body)}`);
}

/** Seeds the demo catalog, both demo stores and a terminal enrollment. */
export async function seedDemoStore(options: SeedOptions): Promise<SeedResult> {
  for (const [id, name] of [
    [DEMO_STORE_ID, 'Demo Store Berlin Mitte'],
    [DEMO_OTHER_STORE_ID, 'Demo Store Hamburg Altona'],
  ] as const) {
    const r = await call(options, '/_pos/stores', { method: 'POST', json: { id, name } });
    if (r.status >= 300) throw failed(`creating store ${id}`, r.status, r.body);
  }

  const docs = [...demoCatalog({ products: options.products, updatedAt: '2026-11-01T06:00:00.000Z' })];
  const batch = 5000;
  let written = 0;
  for (let i = 0; i < docs.length; i += batch) {
    const slice = docs.slice(i, i + batch);
    // Only documents the catalog lacks are written, so re-seeding keeps HQ's later edits.
    const ids = slice.map((d) => d.id as string);
    const existing = await call(options, '/catalog/_all_docs', { method: 'POST', json: { keys: ids } });
    if (existing.status !== 200) throw failed('reading the catalog', existing.status, existing.body);
    const present = new Set(
      (existing.body.rows as { key: string; error?: string }[]).filter((r) => !r.error).map((r) => r.key),
    );
    const missing = slice.filter((d) => !present.has(d.id as string)).map((d) => ({ ...d, _id: d.id }));
    if (missing.length > 0) {
      const r = await call(options, '/catalog/_bulk_docs', { method: 'POST', json: { docs: missing } });
      if (r.status !== 201) throw failed('writing the catalog', r.status, r.body);
      const errors = (r.body as unknown as { error?: string; id: string; reason?: string }[]).filter(
        (x) => x.error,
      );
      if (errors.length > 0) throw failed('writing the catalog', r.status, errors.slice(0, 3));
    }
    written += slice.length;
    options.onProgress?.(written, docs.length);
  }

  // The demo cashier and manager, PINs stored as slow hashes; written once (a later PIN reset from HQ is kept).
  const staff = await demoStaffDocuments(DEMO_STORE_ID, '2026-11-01T06:00:00.000Z');
  const storeDb = `/store-${DEMO_STORE_ID}`;
  const knownStaff = await call(options, `${storeDb}/_all_docs`, {
    method: 'POST',
    json: { keys: staff.map((d) => d.id) },
  });
  if (knownStaff.status !== 200) throw failed('reading the staff', knownStaff.status, knownStaff.body);
  const present = new Set(
    (knownStaff.body.rows as { key: string; error?: string }[]).filter((r) => !r.error).map((r) => r.key),
  );
  const newStaff = staff.filter((d) => !present.has(d.id)).map((d) => ({ ...d, _id: d.id }));
  if (newStaff.length > 0) {
    const r = await call(options, `${storeDb}/_bulk_docs`, { method: 'POST', json: { docs: newStaff } });
    if (r.status !== 201) throw failed('writing the staff', r.status, r.body);
  }

  const terminal = await call(options, `/_pos/stores/${DEMO_STORE_ID}/terminals`, {
    method: 'POST',
    json: { terminalId: options.terminalId },
  });
  if (terminal.status === 409)
    return { storeId: DEMO_STORE_ID, terminalId: options.terminalId, catalogDocs: docs.length };
  if (terminal.status !== 201) throw failed('creating the terminal', terminal.status, terminal.body);
  return {
    storeId: DEMO_STORE_ID,
    terminalId: options.terminalId,
    enrollmentCode: String(terminal.body.enrollmentCode),
    catalogDocs: docs.length,
  };
}

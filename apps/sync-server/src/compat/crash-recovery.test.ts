// Faults: the server is SIGKILLed in the middle of a stream of large `_bulk_docs` writes and restarted
// on the same data. Every acknowledged document is there, no batch is half-written, and a PouchDB
// replication resumes from its checkpoint and ends with identical data on both sides.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { memoryDb, remoteDb } from '../testing/pouch';
import { spawnServer, type ServerProcess } from '../testing/server-process';
import { basicAuth, TEST_ADMIN, tempDataDir } from '../testing/test-server';

const dataDir = tempDataDir('crash-');
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const headers = { Authorization: basicAuth(TEST_ADMIN), 'Content-Type': 'application/json' };
type Doc = { _id: string; batch: number; i: number; pad: string };

async function writer(
  url: string,
  worker: number,
  acked: Map<string, string>,
  batches: Map<number, string[]>,
  stop: { value: boolean },
) {
  for (let b = 0; !stop.value; b++) {
    const batch = worker * 10_000 + b;
    const docs: Doc[] = Array.from({ length: 200 }, (_, i) => ({
      _id: `w${batch}-${i}`,
      batch,
      i,
      pad: 'p'.repeat(200),
    }));
    batches.set(
      batch,
      docs.map((d) => d._id),
    );
    try {
      const res = await fetch(`${url}/crash/_bulk_docs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ docs }),
      });
      const rows = (await res.json()) as { id: string; rev?: string; ok?: boolean }[];
      for (const r of rows) if (r.ok && r.rev) acked.set(r.id, r.rev);
    } catch {
      return; // the server died under us: this batch was never acknowledged
    }
  }
}

describe('crash recovery', () => {
  it('keeps every acknowledged write and no half-written batch across a SIGKILL', async () => {
    server = await spawnServer(dataDir);
    await fetch(`${server.url}/crash`, { method: 'PUT', headers });
    const acked = new Map<string, string>();
    const batches = new Map<number, string[]>();
    const stop = { value: false };
    const writers = Array.from({ length: 6 }, (_, w) => writer(server?.url ?? '', w, acked, batches, stop));
    while (acked.size < 4000) await new Promise((r) => setTimeout(r, 20));
    const port = server.port;
    await server.kill('SIGKILL');
    stop.value = true;
    await Promise.all(writers);

    server = await spawnServer(dataDir, port);
    const all = (await (
      await fetch(`${server.url}/crash/_all_docs?include_docs=true`, { headers })
    ).json()) as {
      rows: { id: string; value: { rev: string }; doc: Doc }[];
    };
    const stored = new Map(all.rows.map((r) => [r.id, r]));
    for (const [id, rev] of acked) expect(stored.get(id)?.value.rev, id).toBe(rev);
    for (const row of all.rows) expect(row.doc.pad).toHaveLength(200);
    // A batch is one savepoint of one commit: all of it or none of it.
    for (const ids of batches.values()) {
      const present = ids.filter((id) => stored.has(id)).length;
      expect([0, ids.length]).toContain(present);
    }
    expect(acked.size).toBeGreaterThanOrEqual(4000);
  }, 60_000);

  it('resumes a PouchDB replication from its checkpoint after a SIGKILL and converges', async () => {
    server ??= await spawnServer(dataDir);
    await fetch(`${server.url}/resume`, { method: 'PUT', headers });
    const local = memoryDb();
    await local.bulkDocs(
      Array.from({ length: 3000 }, (_, i) => ({ _id: `r-${String(i).padStart(5, '0')}`, i })),
    );
    const remoteUrl = `${server.url}/resume`;
    const port = server.port;
    // The source sequence of the last checkpoint PouchDB saw written on both sides before the kill.
    let checkpointed = 0;
    const first = local.replicate.to(remoteDb(remoteUrl, TEST_ADMIN), { batch_size: 100 });
    // 'checkpoint' events (missing from @types/pouchdb) also report batches; `checkpoint` is the one
    // emitted after the checkpoint was written on both sides.
    const events = first as unknown as {
      on(event: 'checkpoint', cb: (e: { checkpoint?: number }) => void): void;
    };
    events.on('checkpoint', (e) => {
      if (typeof e.checkpoint === 'number') checkpointed = Math.max(checkpointed, e.checkpoint);
    });
    while (checkpointed < 1000) await new Promise((r) => setTimeout(r, 10));
    await server.kill('SIGKILL');
    await first.catch(() => undefined);

    server = await spawnServer(dataDir, port);
    const second = await local.replicate.to(remoteDb(remoteUrl, TEST_ADMIN), { batch_size: 100 });
    expect(second.ok).toBe(true);
    // It resumed at (or after) that checkpoint: nothing before it was read again.
    expect(second.docs_read).toBeGreaterThan(0);
    expect(second.docs_read).toBeLessThanOrEqual(3000 - checkpointed);

    const remote = remoteDb(remoteUrl, TEST_ADMIN);
    const [mine, theirs] = await Promise.all([
      local.allDocs({ include_docs: true }),
      remote.allDocs({ include_docs: true }),
    ]);
    expect(theirs.rows.map((r) => r.doc)).toEqual(mine.rows.map((r) => r.doc));
  }, 60_000);

  it('shuts down on SIGTERM with exit code 0, keeping every acknowledged write', async () => {
    server ??= await spawnServer(dataDir);
    await fetch(`${server.url}/term`, { method: 'PUT', headers });
    const acked = new Map<string, string>();
    const stop = { value: false };
    const url = server.url;
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let b = 0; !stop.value; b++) {
          const docs = Array.from({ length: 50 }, (_, i) => ({ _id: `t${w}-${b}-${i}`, i }));
          try {
            const res = await fetch(`${url}/term/_bulk_docs`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ docs }),
            });
            if (res.status !== 201) return;
            for (const r of (await res.json()) as { id: string; rev?: string }[])
              if (r.rev) acked.set(r.id, r.rev);
          } catch {
            return;
          }
        }
      })(),
    );
    while (acked.size < 1000) await new Promise((r) => setTimeout(r, 10));
    const port = server.port;
    expect(await server.kill('SIGTERM')).toBe(0);
    stop.value = true;
    await Promise.all(writers);
    server = await spawnServer(dataDir, port);
    const all = (await (await fetch(`${server.url}/term/_all_docs`, { headers })).json()) as {
      rows: { id: string; value: { rev: string } }[];
    };
    const stored = new Map(all.rows.map((r) => [r.id, r.value.rev]));
    for (const [id, rev] of acked) expect(stored.get(id), id).toBe(rev);
  }, 60_000);
});

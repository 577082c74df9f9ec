import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from './journal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sale = (id: string) => ({
  id,
  kind: 'sale' as const,
  collection: 'store',
  documents: [{ _id: id, type: 'order' }],
});

/** Runs the child, waits for its "appended" line, then SIGKILLs it at once. */
function appendThenKill(path: string, id: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./journal-crash-child.ts', import.meta.url)), path, id],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('appended')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(out.trim());
      else reject(new Error(`child exited ${code} before appending: ${err}`));
    });
  });
}

describe('Journal', () => {
  it('keeps a sale whose append resolved even when the process is killed right after', async () => {
    const path = join(dir, 'journal.jsonl');
    expect(await appendThenKill(path, 'T1-0001')).toBe('appended 1');
    expect(await appendThenKill(path, 'T1-0002')).toBe('appended 2');
    const journal = await Journal.open(path, fixedClock(0));
    expect(journal.since(0).entries.map((e) => e.entry.id)).toEqual(['T1-0001', 'T1-0002']);
    expect(journal.damaged).toEqual([]);
    await journal.close();
  }, 30_000);

  it('reports a torn last line, keeps the entries before it and appends after it', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = await Journal.open(path, fixedClock(10));
    await first.append(sale('T1-a'));
    await first.close();
    await appendFile(path, '{"seq":2,"appendedAt":11,"entry":{"id":"T1-b","ki');

    const second = await Journal.open(path, fixedClock(20));
    expect(second.damaged).toHaveLength(1);
    expect(second.damaged[0]).toMatchObject({ line: 2 });
    expect(second.damaged[0]?.reason).toContain('torn last line');
    expect(second.since(0).entries.map((e) => e.entry.id)).toEqual(['T1-a']);
    expect(await second.append(sale('T1-c'))).toEqual({ seq: 2, appendedAt: 20, duplicate: false });
    await second.close();

    const third = await Journal.open(path, fixedClock(30));
    expect(third.since(0).entries.map((e) => [e.seq, e.entry.id])).toEqual([
      [1, 'T1-a'],
      [2, 'T1-c'],
    ]);
    expect(third.damaged.map((d) => d.line)).toEqual([2]);
    await third.close();
  });

  it('stores a retried sale once and lists entries after a sequence number', async () => {
    const path = join(dir, 'nested', 'journal.jsonl');
    const journal = await Journal.open(path, fixedClock(5));
    await Promise.all([
      journal.append(sale('T1-x')),
      journal.append(sale('T1-y')),
      journal.append(sale('T1-x')),
    ]);
    expect(await journal.append(sale('T1-y'))).toMatchObject({ seq: 2, duplicate: true });
    expect(journal.since(1).entries.map((e) => e.entry.id)).toEqual(['T1-y']);
    expect(journal.since(0, 1).lastSeq).toBe(2);
    await journal.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
  });

  it('reports an unreadable line in the middle without dropping the sales around it', async () => {
    const path = join(dir, 'journal.jsonl');
    const good = (seq: number, id: string) => JSON.stringify({ seq, appendedAt: 1, entry: sale(id) });
    await writeFile(path, `${good(1, 'T1-1')}\nnot json\n${good(2, 'T1-2')}\n`);
    const journal = await Journal.open(path, fixedClock(0));
    expect(journal.since(0).entries.map((e) => e.entry.id)).toEqual(['T1-1', 'T1-2']);
    expect(journal.damaged).toEqual([
      { line: 2, reason: expect.stringContaining('unreadable line') as unknown },
    ]);
    await journal.close();
  });

  it('reads only the lines after its checkpoint at open, and resumes a known database after it', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = await Journal.open(path, fixedClock(1));
    for (let i = 1; i <= 40; i += 1) await first.append(sale(`T1-${i}`));
    expect(first.resume('db-A')).toEqual({ afterSeq: 0, lastSeq: 40 });
    await first.replayed('db-A', 40);
    await first.append(sale('T1-41'));
    await first.append(sale('T1-42'));
    await first.close();

    const second = await Journal.open(path, fixedClock(2));
    // A caught-up database's later sales moved the checkpoint too (written at close).
    expect(second.linesReadAtOpen).toBe(0);
    expect(second.resume('db-A')).toEqual({ afterSeq: 42, lastSeq: 42 });
    // A wiped profile has a new database: it gets everything, paged from the file.
    expect(second.resume('db-B')).toEqual({ afterSeq: 0, lastSeq: 42 });
    const page1 = await second.page(0, 25);
    const page2 = await second.page(25, 25);
    expect([...page1.entries, ...page2.entries].map((e) => [e.seq, e.entry.id])).toEqual(
      Array.from({ length: 42 }, (_, i) => [i + 1, `T1-${i + 1}`]),
    );
    expect(await second.append(sale('T1-5'))).toMatchObject({ seq: 5, duplicate: true });
    expect(await second.append(sale('T1-43'))).toMatchObject({ seq: 43, duplicate: false });
    await second.close();

    const third = await Journal.open(path, fixedClock(3));
    // Nobody replayed T1-43 into db-A: only that line is read at open, and db-A resumes before it.
    expect(third.linesReadAtOpen).toBe(1);
    expect(third.resume('db-A').afterSeq).toBe(42);
    expect((await third.page(42)).entries.map((e) => e.entry.id)).toEqual(['T1-43']);
    await third.close();
  });

  it('keeps a checkpoint that a replay did not reach for a sale made meanwhile, and a torn line after it', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = await Journal.open(path, fixedClock(1));
    for (const id of ['a', 'b', 'c']) await first.append(sale(`T1-${id}`));
    first.resume('db-A');
    await first.replayed('db-A', 2);
    // Not caught up (the replay stopped at 2): this sale does not move the checkpoint.
    await first.append(sale('T1-d'));
    await first.close();
    await appendFile(path, '{"seq":5,"appendedAt":11,"entry":{"id":"T1-e","ki');

    const second = await Journal.open(path, fixedClock(2));
    expect(second.resume('db-A').afterSeq).toBe(2);
    expect(second.linesReadAtOpen).toBe(2);
    expect(second.damaged).toEqual([
      { line: 5, reason: expect.stringContaining('torn last line') as unknown },
    ]);
    expect((await second.page(2)).entries.map((e) => e.entry.id)).toEqual(['T1-c', 'T1-d']);
    expect(await second.append(sale('T1-f'))).toMatchObject({ seq: 5, duplicate: false });
    await second.replayed('db-A', 5);
    await second.close();

    const third = await Journal.open(path, fixedClock(3));
    expect(third.linesReadAtOpen).toBe(0);
    // The torn line's report is kept with the checkpoint, so it is still told after it was passed.
    expect(third.damaged.map((d) => d.line)).toEqual([5]);
    expect(third.since(0).entries.map((e) => [e.seq, e.entry.id])).toEqual([
      [1, 'T1-a'],
      [2, 'T1-b'],
      [3, 'T1-c'],
      [4, 'T1-d'],
      [5, 'T1-f'],
    ]);
    await third.close();
  });

  it('drops a checkpoint beyond the end of a replaced journal and reads the new file whole', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = await Journal.open(path, fixedClock(1));
    for (let i = 1; i <= 5; i += 1) await first.append(sale(`T1-old-${i}`));
    first.resume('db-A');
    await first.replayed('db-A', 5);
    await first.close();
    const good = (id: string) => JSON.stringify({ seq: 1, appendedAt: 1, entry: sale(id) });
    await writeFile(path, `${good('T1-new-1')}\n${good('T1-new-2')}\n`);

    const second = await Journal.open(path, fixedClock(2));
    expect(second.checkpointReset).toContain('shorter');
    expect(second.resume('db-A')).toEqual({ afterSeq: 0, lastSeq: 2 });
    expect((await second.page(0)).entries.map((e) => e.entry.id)).toEqual(['T1-new-1', 'T1-new-2']);
    await second.close();
  });

  it('drops a checkpoint whose line is another entry (a longer file put in its place)', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = await Journal.open(path, fixedClock(1));
    await first.append(sale('T1-a'));
    await first.append(sale('T1-b'));
    first.resume('db-A');
    await first.replayed('db-A', 2);
    await first.close();
    const good = (id: string) => JSON.stringify({ seq: 1, appendedAt: 1, entry: sale(id) });
    await writeFile(path, ['T1-x1', 'T1-x2', 'T1-x3', 'T1-x4'].map((id) => `${good(id)}\n`).join(''));

    const second = await Journal.open(path, fixedClock(2));
    expect(second.checkpointReset).toContain('replaced');
    expect(second.resume('db-A').afterSeq).toBe(0);
    expect(second.lastSeq).toBe(4);
    await second.close();
  });
});

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
});

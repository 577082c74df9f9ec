import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from './write-file-durably';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durable-write-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeFileDurably', () => {
  it('replaces the whole file and leaves no temporary file behind', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, 'old content that is longer than the new one');
    await writeFileDurably(path, '{"v":2}');
    expect(await readFile(path, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('gives a secret file mode 0600 whatever the umask', async () => {
    const path = join(dir, 'credential.json');
    const previous = process.umask(0o000);
    try {
      await writeFileDurably(path, 'secret', { mode: 0o600 });
    } finally {
      process.umask(previous);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content and cleans up when the write cannot finish', async () => {
    const path = join(dir, 'missing-folder', 'state.json');
    await expect(writeFileDurably(path, 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});

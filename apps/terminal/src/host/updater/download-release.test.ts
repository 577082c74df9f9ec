import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@store-os/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadVerified } from './download-release';

const good = Buffer.from('the real installer '.repeat(4000));
const served = new Map<string, Buffer>([
  ['/good.AppImage', good],
  ['/same-size-other-bytes.AppImage', Buffer.from(good).fill(0x41, 100, 200)],
  ['/longer.AppImage', Buffer.concat([good, Buffer.from('trailing payload')])],
  ['/shorter.AppImage', good.subarray(0, good.length - 1)],
]);
const file = {
  name: 'store-os-2.0.0.AppImage',
  platform: 'linux' as const,
  size: good.length,
  sha512: createHash('sha512').update(new Uint8Array(good)).digest('base64'),
};
let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'updater-download-'));
  server = createServer((req, res) => {
    const body = served.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('downloadVerified', () => {
  it.each(['/same-size-other-bytes.AppImage', '/longer.AppImage', '/shorter.AppImage'])(
    'refuses %s and deletes the partial file',
    async (path) => {
      const error = await downloadVerified({ url: url + path, file, dir, fetch }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDomainError(error, 'update.file-mismatch')).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('keeps a file whose size and SHA-512 match the manifest', async () => {
    const path = await downloadVerified({ url: `${url}/good.AppImage`, file, dir, fetch });
    expect(path).toBe(join(dir, file.name));
    expect(await readFile(path)).toEqual(good);
    expect(await readdir(dir)).toEqual([file.name]);
    await rm(path);
  });

  it('fails with the HTTP status when the file is not published, leaving nothing behind', async () => {
    await expect(downloadVerified({ url: `${url}/missing`, file, dir, fetch })).rejects.toThrow(/HTTP 404/);
    expect(await readdir(dir)).toEqual([]);
  });
});

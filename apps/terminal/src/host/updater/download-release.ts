// Downloads an installer named by an accepted manifest and keeps it only if its size and SHA-512 match:
// the bytes come from an unsigned HTTP response, and the manifest is the only thing we trust.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UPDATE_REFUSALS, updateRefusal, type UpdateFile } from '@store-os/shared/updates';

/** Where to fetch from and where to keep the file. */
export interface DownloadInput {
  url: string;
  file: UpdateFile;
  dir: string;
  fetch: typeof fetch;
  /** Aborts a stalled download; the partial file is removed. */
  timeoutMs?: number;
}

/**
 * The path of the verified installer. A size or hash mismatch throws `update.file-mismatch` and deletes
 * the partial file, so a later check starts clean and nothing half-verified is ever installed.
 */
export async function downloadVerified(input: DownloadInput): Promise<string> {
  const { file } = input;
  await mkdir(input.dir, { recursive: true });
  const target = join(input.dir, file.name);
  const partial = `${target}.partial`;
  const hash = createHash('sha512');
  let size = 0;
  try {
    const res = await input.fetch(input.url, { signal: AbortSignal.timeout(input.timeoutMs ?? 30 * 60_000) });
    if (!res.ok || res.body === null) {
      throw new Error(
        `GET ${input.url} answered HTTP ${res.status}; is the release published on the server?`,
      );
    }
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        // Stop early instead of filling the disk with a file that is already too long.
        if (size > file.size) {
          done(tooLong(file, size));
          return;
        }
        hash.update(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
      measure,
      createWriteStream(partial),
    );
    const sha512 = hash.digest('base64');
    if (size !== file.size || sha512 !== file.sha512) {
      throw updateRefusal(
        UPDATE_REFUSALS.fileMismatch,
        `${file.name} downloaded as ${size} bytes with a different SHA-512 than the signed manifest (${file.size} bytes); it was deleted. The server's copy is damaged or was replaced: IT must republish.`,
        { name: file.name, size, expectedSize: file.size, sha512, expectedSha512: file.sha512 },
      );
    }
    await fsync(partial);
    await rename(partial, target);
    return target;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

function tooLong(file: UpdateFile, size: number): Error {
  return updateRefusal(
    UPDATE_REFUSALS.fileMismatch,
    `${file.name} is longer than the ${file.size} bytes the signed manifest names (got ${size} so far); the download was stopped and deleted.`,
    { name: file.name, expectedSize: file.size },
  );
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

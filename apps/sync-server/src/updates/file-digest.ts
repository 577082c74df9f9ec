import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Size and base64 SHA-512 of a file, streamed (installers are hundreds of MB). */
export async function fileDigest(path: string): Promise<{ size: number; sha512: string }> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  }
  return { size, sha512: hash.digest('base64') };
}

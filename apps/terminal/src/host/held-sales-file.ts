import { readFile } from 'node:fs/promises';
import { writeFileDurably } from './write-file-durably';

/**
 * The terminal's held (parked) sales as one file beside the journal, outside the browser profile, so a
 * crash or a wiped profile keeps them. The content is the renderer's (an opaque JSON text); it is written
 * whole (temporary file, fsync, rename, fsync of the folder), so a crash leaves the old or the new list.
 */
export class HeldSalesFile {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  async load(): Promise<string | null> {
    await this.tail;
    return readFile(this.path, 'utf8').catch((error: unknown) => {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')
        return null;
      throw error;
    });
  }

  /** Keeps unreadable content beside the list (`<name>.unreadable.json`) for the store manager. */
  keepAside(value: string): Promise<void> {
    const next = this.tail.then(() =>
      this.write(value, this.path.replace(/\.json$/, '') + '.unreadable.json'),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  save(value: string): Promise<void> {
    const next = this.tail.then(() => this.write(value, this.path));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private write(value: string, path: string): Promise<void> {
    return writeFileDurably(path, value, { mode: 0o600 });
  }
}

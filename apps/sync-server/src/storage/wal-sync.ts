// Makes committed SQLite transactions durable without blocking the event loop: fdatasync of the WAL
// file on libuv's thread pool. The WAL is one append-mostly file, so one fdatasync makes every frame
// written before it durable (prefix durability), whoever wrote it. The file descriptor stays valid for
// the store's lifetime: SQLite removes the WAL only when the last connection closes, and the store
// closes this first.
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** The WAL file of one database, kept open to fdatasync it. */
export class WalSync {
  private readonly fd: number;

  /** `dbFile` must already be in WAL mode with its `-wal` file created (any write creates it). */
  constructor(dbFile: string) {
    // r+: fdatasync needs a writable descriptor on some platforms; nothing is ever written through it.
    this.fd = openSync(`${dbFile}-wal`, 'r+');
    // The WAL's directory entry must survive a power cut too (SQLite syncs the directory only in FULL).
    const dir = openSync(dirname(dbFile), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  /** Resolves once everything written to the WAL before the call is on stable storage. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    closeSync(this.fd);
  }
}

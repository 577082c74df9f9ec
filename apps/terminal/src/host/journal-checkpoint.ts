import { open, readFile } from 'node:fs/promises';
import type { JournalDamage } from './journal';
import { writeFileDurably } from './write-file-durably';

/** A line boundary in the journal: after the line of entry `seq`, with what is needed to check it later. */
export interface JournalPosition {
  readonly seq: number;
  /** Byte offset just after the line's newline. */
  readonly offset: number;
  /** Physical lines before `offset` (readable or not), for line numbers in damage reports. */
  readonly lines: number;
  /** Where the line of entry `seq` starts, and its id: re-read at open to prove the file is the same one. */
  readonly lineStart: number;
  readonly lastId: string | null;
}

/** What the host keeps durably about the journal so a start reads only what came after. */
export interface JournalCheckpoint {
  /** The database (RxDB storage token) known to hold every entry up to `at.seq`; null for none. */
  readonly database: string | null;
  readonly at: JournalPosition;
}

/** The checkpoint file: the position, the damage seen before it and the ids of the last entries (retries). */
export interface SavedCheckpoint extends JournalCheckpoint {
  readonly damaged: readonly JournalDamage[];
  readonly recent: readonly { id: string; seq: number; appendedAt: number }[];
}

const VERSION = 1;

export function emptyCheckpoint(): SavedCheckpoint {
  return {
    database: null,
    at: { seq: 0, offset: 0, lines: 0, lineStart: 0, lastId: null },
    damaged: [],
    recent: [],
  };
}

/**
 * Reads the checkpoint and checks it against the journal: a file shorter than the checkpoint, or whose
 * line at the checkpoint is not the entry it names, was replaced or truncated, so the checkpoint is
 * dropped (with the reason) and the journal is read whole. A missing or unreadable checkpoint is the same.
 */
export async function readCheckpoint(
  path: string,
  journalPath: string,
  journalSize: number,
): Promise<{ checkpoint: SavedCheckpoint; reset?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { checkpoint: emptyCheckpoint() };
  }
  let saved: SavedCheckpoint & { version?: number };
  try {
    saved = JSON.parse(text) as SavedCheckpoint & { version?: number };
    if (saved.version !== VERSION || typeof saved.at?.offset !== 'number') throw new Error('unknown format');
  } catch (error) {
    return { checkpoint: emptyCheckpoint(), reset: `unreadable checkpoint: ${String(error)}` };
  }
  const at = saved.at;
  if (at.seq === 0) return { checkpoint: { ...emptyCheckpoint(), database: saved.database } };
  if (at.offset > journalSize)
    return {
      checkpoint: emptyCheckpoint(),
      reset: `the journal is shorter (${journalSize} bytes) than its checkpoint (${at.offset}): replaced or truncated`,
    };
  const line = await readBytes(journalPath, at.lineStart, at.offset - at.lineStart);
  let sameEntry: boolean;
  try {
    sameEntry =
      line.endsWith('\n') && (JSON.parse(line) as { entry?: { id?: unknown } }).entry?.id === at.lastId;
  } catch {
    sameEntry = false;
  }
  if (!sameEntry)
    return {
      checkpoint: emptyCheckpoint(),
      reset: `the journal's line at the checkpoint is not entry ${at.lastId ?? '?'}: the file was replaced`,
    };
  return {
    checkpoint: {
      database: saved.database,
      at,
      damaged: Array.isArray(saved.damaged) ? saved.damaged : [],
      recent: Array.isArray(saved.recent) ? saved.recent : [],
    },
  };
}

/** Writes the checkpoint whole: temporary file, fsync, rename, fsync of the folder. */
export function writeCheckpoint(path: string, checkpoint: SavedCheckpoint): Promise<void> {
  return writeFileDurably(path, JSON.stringify({ version: VERSION, ...checkpoint }));
}

async function readBytes(path: string, start: number, length: number): Promise<string> {
  if (length <= 0) return '';
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await file.read(buffer, 0, length, start);
    return new TextDecoder().decode(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

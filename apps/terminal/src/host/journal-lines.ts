import { open } from 'node:fs/promises';
import type { JournalPosition } from './journal-checkpoint';
import type { JournalDamage, JournalRecord } from './journal';

/** A readable journal line: the record (its sequence number derived from position) and where it ends. */
export interface JournalLine {
  readonly record: JournalRecord;
  readonly end: JournalPosition;
}

/** What a read of part of the journal found. */
export interface JournalRead {
  readonly records: JournalLine[];
  readonly damaged: JournalDamage[];
  /** After the last line consumed (readable or not): where the next read continues. */
  readonly end: JournalPosition;
  readonly linesRead: number;
  /** The bytes after the last newline up to `until` (a write cut short by a crash), not consumed. */
  readonly tornTail: boolean;
}

const CHUNK = 1 << 20;
const decoder = new TextDecoder();

/** One array of the parts of a line that spanned reads (plain Uint8Arrays, no Buffer pooling). */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads the journal's lines from `from` (a line boundary) up to byte `until`, at most `limit` readable
 * records. Each readable line gets the next sequence number; an unreadable one is reported with its line
 * number and skipped, so a damaged line never stops the sales after it from being read.
 */
export async function readJournalLines(
  path: string,
  from: JournalPosition,
  until: number,
  limit: number,
): Promise<JournalRead> {
  const records: JournalLine[] = [];
  const damaged: JournalDamage[] = [];
  let end = from;
  let linesRead = 0;
  if (until <= from.offset || limit <= 0) return { records, damaged, end, linesRead, tornTail: false };
  const handle = await open(path, 'r').catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')
      return undefined;
    throw error;
  });
  if (!handle) return { records, damaged, end, linesRead, tornTail: false };
  let pending: Uint8Array[] = [];
  let position = from.offset;
  let lineStart = from.offset;
  try {
    const buffer = new Uint8Array(CHUNK);
    reading: while (position < until) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, until - position), position);
      if (bytesRead === 0) break;
      let cursor = 0;
      while (cursor < bytesRead) {
        const newline = buffer.indexOf(10, cursor);
        if (newline === -1 || newline >= bytesRead) {
          pending.push(buffer.slice(cursor, bytesRead));
          break;
        }
        pending.push(buffer.subarray(cursor, newline));
        const text = decoder.decode(concat(pending));
        pending = [];
        const lineEnd = position + newline + 1;
        linesRead += 1;
        const lineNumber = end.lines + 1;
        const record = parseRecord(text, end.seq + 1);
        if (record === undefined) {
          end = { ...end, offset: lineEnd, lines: lineNumber };
        } else if (typeof record === 'string') {
          damaged.push({ line: lineNumber, reason: `unreadable line: ${record}` });
          end = { ...end, offset: lineEnd, lines: lineNumber };
        } else {
          end = { seq: record.seq, offset: lineEnd, lines: lineNumber, lineStart, lastId: record.entry.id };
          records.push({ record, end });
          if (records.length >= limit) break reading;
        }
        lineStart = lineEnd;
        cursor = newline + 1;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const rest = concat(pending);
  const tornTail = records.length < limit && rest.length > 0;
  if (tornTail) {
    const why = describe(decoder.decode(rest));
    damaged.push({ line: end.lines + 1, reason: `torn last line (a write cut short by a crash): ${why}` });
  }
  return { records, damaged, end, linesRead, tornTail };
}

/** A record with its derived sequence number; undefined for a blank line; a string says why it is unreadable. */
export function parseRecord(text: string, seq: number): JournalRecord | string | undefined {
  if (text.trim() === '') return undefined;
  try {
    const record = JSON.parse(text) as JournalRecord;
    if (typeof record.seq !== 'number' || typeof record.entry?.id !== 'string') return 'not a journal record';
    // Sequence numbers are re-derived from order so a damaged line never creates a gap the replay waits on.
    return { ...record, seq };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function describe(text: string): string {
  try {
    JSON.parse(text);
    return 'no newline at the end';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

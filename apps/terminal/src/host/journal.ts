import { readFileSync } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError, type Clock, type HostRequest, type HostResponse } from '@store-os/shared';
import {
  emptyCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  type JournalCheckpoint,
  type JournalPosition,
} from './journal-checkpoint';
import { parseRecord, readJournalLines } from './journal-lines';

/** One sale as written to the journal file: the input plus its sequence and fsync time. */
export type JournalRecord = HostResponse<'journal.since'>['entries'][number];

/** A journal line that could not be read back. */
export type JournalDamage = HostResponse<'journal.since'>['damaged'][number];

/** A record held in memory with where its line ends. */
interface Located {
  readonly record: JournalRecord;
  readonly end: JournalPosition;
}

/** Ids remembered for the "append the same id once" rule; a retry comes within moments, not days. */
const RECENT_IDS = 1000;
/** The checkpoint is rewritten after this many appends (it is only an optimisation: a stale one costs a short re-read). */
const CHECKPOINT_EVERY = 64;

/**
 * An append-only file of completed sales, one JSON line each, fsynced before `append` resolves, so a
 * sale the cashier saw complete survives a crash, a killed process or a wiped browser profile. IndexedDB
 * is the working copy; this file is the copy that does not depend on the browser.
 *
 * Start cost does not grow with the file's age: a durable checkpoint (`<file>.checkpoint.json`) says up to
 * which byte and sequence number the entries are known to be in one database (named by its storage token),
 * so opening reads only the lines after it. Sequence numbers count the readable lines from the top, so a
 * read from the checkpoint and a read of the whole file number them alike.
 */
export class Journal {
  private checkpoint: JournalCheckpoint = emptyCheckpoint();
  /** Where the in-memory records start: the durable checkpoint as it was at open, or later. */
  private memFrom: JournalPosition = emptyCheckpoint().at;
  private readonly memory: Located[] = [];
  /** Known line ends by sequence number, so a replay's next page starts where the last one stopped. */
  private readonly ends = new Map<number, JournalPosition>();
  private readonly recent = new Map<string, { seq: number; appendedAt: number }>();
  private readonly damage: JournalDamage[] = [];
  private end: JournalPosition = emptyCheckpoint().at;
  private handle: FileHandle | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  /** The database whose replay reached the end of the journal in this run: its later sales advance the checkpoint. */
  private caughtUp: string | undefined;
  private dirty = 0;
  /** Why the checkpoint was not used at open (file replaced or truncated), if it was not. */
  checkpointReset: string | undefined;

  private constructor(
    readonly path: string,
    private readonly clock: Clock,
  ) {}

  /** Opens (or creates) the journal and reads the lines after its checkpoint, tolerating a torn last line. */
  static async open(path: string, clock: Clock): Promise<Journal> {
    const journal = new Journal(path, clock);
    await journal.load();
    return journal;
  }

  get checkpointPath(): string {
    return `${this.path}.checkpoint.json`;
  }

  /** Lines that could not be parsed (a torn write at a crash); they are reported, never fatal. */
  get damaged(): readonly JournalDamage[] {
    return this.damage;
  }

  get lastSeq(): number {
    return this.end.seq;
  }

  /** How many lines the last open read (the lines after the checkpoint): what start-up cost. */
  linesReadAtOpen = 0;

  /** Appends a sale and resolves only once it is on disk; appending a known id again is a no-op. */
  append(entry: HostRequest<'journal.append'>): Promise<HostResponse<'journal.append'>> {
    // Appends are serialised so two sales never interleave their bytes within one line.
    return this.serialise(() => this.write(entry));
  }

  /** Where a replay into `database` starts: its checkpoint, or 0 for a database the checkpoint is not about. */
  resume(database: string): HostResponse<'journal.resume'> {
    const known = this.checkpoint.database === database;
    if (this.caughtUp !== database) this.caughtUp = undefined;
    return { afterSeq: known ? this.checkpoint.at.seq : 0, lastSeq: this.lastSeq };
  }

  /**
   * Every entry after `afterSeq` read synchronously from the whole file: for tests and tools that inspect a
   * journal; the terminal itself pages through {@link page}.
   */
  since(afterSeq: number, limit = 1000): HostResponse<'journal.since'> {
    const entries: JournalRecord[] = [];
    let seq = 0;
    for (const line of readAllLines(this.path)) {
      const record = parseRecord(line, seq + 1);
      if (record === undefined || typeof record === 'string') continue;
      seq = record.seq;
      if (seq > afterSeq && entries.length < limit) entries.push(record);
    }
    return { entries, lastSeq: this.lastSeq, damaged: [...this.damage] };
  }

  /** Entries after `afterSeq`, oldest first, at most `limit`; older than the checkpoint are read from the file. */
  async page(afterSeq: number, limit = 1000): Promise<HostResponse<'journal.since'>> {
    const entries: JournalRecord[] = [];
    if (afterSeq < this.memFrom.seq) {
      const from = await this.positionOf(afterSeq);
      const read = await readJournalLines(this.path, from, this.memFrom.offset, limit);
      for (const line of read.records) {
        entries.push(line.record);
        this.ends.set(line.record.seq, line.end);
      }
    }
    if (entries.length < limit) {
      for (const { record } of this.memory) {
        if (record.seq <= afterSeq) continue;
        entries.push(record);
        if (entries.length >= limit) break;
      }
    }
    return { entries, lastSeq: this.lastSeq, damaged: [...this.damage] };
  }

  /** The end of the last line: where the next sale will be written. */
  get position(): JournalPosition {
    return this.end;
  }

  /** The records after a position this journal reported (bounded by what came after it, not by the file's age). */
  async readAfter(position: JournalPosition): Promise<JournalRecord[]> {
    if (position.offset > this.end.offset) return [];
    const read = await readJournalLines(this.path, position, this.end.offset, Infinity);
    return read.records.map((r) => r.record);
  }

  /**
   * Records that `database` holds every entry up to `upToSeq` and writes the checkpoint (fsync, rename),
   * so the next start reads only what came after.
   */
  replayed(database: string, upToSeq: number): Promise<void> {
    return this.serialise(async () => {
      const at = upToSeq === 0 ? emptyCheckpoint().at : this.ends.get(upToSeq);
      if (!at || upToSeq > this.lastSeq) return;
      this.moveCheckpoint(database, at);
      if (upToSeq === this.lastSeq) this.caughtUp = database;
      await this.saveCheckpoint();
    });
  }

  async close(): Promise<void> {
    await this.serialise(async () => {
      if (this.dirty > 0) await this.saveCheckpoint();
    });
    await this.handle?.close();
    this.handle = undefined;
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async write(entry: HostRequest<'journal.append'>): Promise<HostResponse<'journal.append'>> {
    const known = this.recent.get(entry.id);
    if (known) return { seq: known.seq, appendedAt: known.appendedAt, duplicate: true };
    if (!this.handle)
      throw new DomainError('journal.closed', `The journal ${this.path} is closed; restart the terminal.`);
    const record: JournalRecord = { seq: this.lastSeq + 1, appendedAt: this.clock.now(), entry };
    const bytes = new TextEncoder().encode(`${JSON.stringify(record)}\n`);
    await this.handle.write(bytes);
    await this.handle.sync();
    const start = this.end;
    this.end = {
      seq: record.seq,
      offset: start.offset + bytes.length,
      lines: start.lines + 1,
      lineStart: start.offset,
      lastId: entry.id,
    };
    this.remember({ record, end: this.end });
    // The renderer saves a sale in its database before journaling it, so a caught-up database now holds this one too.
    if (
      this.caughtUp !== undefined &&
      this.checkpoint.database === this.caughtUp &&
      this.checkpoint.at.seq === record.seq - 1
    ) {
      this.moveCheckpoint(this.caughtUp, this.end);
      if (this.dirty >= CHECKPOINT_EVERY) await this.saveCheckpoint();
    }
    return { seq: record.seq, appendedAt: record.appendedAt, duplicate: false };
  }

  private remember(located: Located): void {
    this.memory.push(located);
    this.ends.set(located.record.seq, located.end);
    this.recent.delete(located.record.entry.id);
    this.recent.set(located.record.entry.id, {
      seq: located.record.seq,
      appendedAt: located.record.appendedAt,
    });
    if (this.recent.size > RECENT_IDS) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }

  private moveCheckpoint(database: string, at: JournalPosition): void {
    this.checkpoint = { database, at };
    this.dirty += 1;
    // Records the checkpoint now covers are only read from the file again (a wiped database), never from memory.
    if (at.seq > this.memFrom.seq) {
      while (this.memory.length > 0 && (this.memory[0]?.record.seq ?? Infinity) <= at.seq)
        this.memory.shift();
      this.memFrom = at;
    }
  }

  private async saveCheckpoint(): Promise<void> {
    await writeCheckpoint(this.checkpointPath, {
      ...this.checkpoint,
      damaged: this.damage.filter((d) => d.line <= this.checkpoint.at.lines),
      recent: [...this.recent].map(([id, r]) => ({ id, ...r })),
    });
    this.dirty = 0;
  }

  /** The end of the line with sequence `seq`, from what is known or by counting lines from the nearest known point. */
  private async positionOf(seq: number): Promise<JournalPosition> {
    if (seq === 0) return emptyCheckpoint().at;
    const known = this.ends.get(seq);
    if (known) return known;
    let from = emptyCheckpoint().at;
    for (const [s, at] of this.ends) if (s < seq && s > from.seq) from = at;
    const read = await readJournalLines(this.path, from, this.memFrom.offset, seq - from.seq);
    const last = read.records.at(-1);
    if (!last || last.record.seq !== seq)
      throw new DomainError('journal.no-such-entry', `The journal has no entry ${seq}.`, { seq });
    return last.end;
  }

  private async load(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const size = await stat(this.path).then(
      (s) => s.size,
      (error: unknown) => {
        if (isMissing(error)) return 0;
        throw error;
      },
    );
    const saved = await readCheckpoint(this.checkpointPath, this.path, size);
    this.checkpointReset = saved.reset;
    this.checkpoint = { database: saved.checkpoint.database, at: saved.checkpoint.at };
    this.memFrom = saved.checkpoint.at;
    this.end = saved.checkpoint.at;
    this.damage.push(...saved.checkpoint.damaged);
    for (const r of saved.checkpoint.recent) this.recent.set(r.id, { seq: r.seq, appendedAt: r.appendedAt });
    if (saved.checkpoint.at.seq > 0) this.ends.set(saved.checkpoint.at.seq, saved.checkpoint.at);

    const read = await readJournalLines(this.path, this.memFrom, size, Infinity);
    this.linesReadAtOpen = read.linesRead;
    for (const located of read.records) this.remember(located);
    this.damage.push(...read.damaged);
    this.end = read.end;
    this.handle = await open(this.path, 'a');
    // A torn last line is left as it is (evidence) and closed with a newline, so the next sale starts a line of its own.
    if (read.tornTail) {
      await this.handle.write('\n');
      await this.handle.sync();
      this.end = { ...this.end, offset: size + 1, lines: this.end.lines + 1 };
    }
  }
}

function readAllLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

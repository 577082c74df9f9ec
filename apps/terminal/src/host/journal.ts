import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError, type Clock, type HostRequest, type HostResponse } from '@store-os/shared';

/** One sale as written to the journal file: the input plus its sequence and fsync time. */
export type JournalRecord = HostResponse<'journal.since'>['entries'][number];

/** A journal line that could not be read back. */
export type JournalDamage = HostResponse<'journal.since'>['damaged'][number];

/**
 * An append-only file of completed sales, one JSON line each, fsynced before `append` resolves, so a
 * sale the cashier saw complete survives a crash, a killed process or a wiped browser profile. IndexedDB
 * is the working copy; this file is the copy that does not depend on the browser.
 */
export class Journal {
  private readonly records: JournalRecord[] = [];
  private readonly seqById = new Map<string, number>();
  private readonly damage: JournalDamage[] = [];
  private handle: FileHandle | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly clock: Clock,
  ) {}

  /** Opens (or creates) the journal and reads it back, tolerating a torn last line. */
  static async open(path: string, clock: Clock): Promise<Journal> {
    const journal = new Journal(path, clock);
    await journal.load();
    return journal;
  }

  /** Lines that could not be parsed (a torn write at a crash); they are reported, never fatal. */
  get damaged(): readonly JournalDamage[] {
    return this.damage;
  }

  get lastSeq(): number {
    return this.records.at(-1)?.seq ?? 0;
  }

  /** Appends a sale and resolves only once it is on disk; appending a known id again is a no-op. */
  append(entry: HostRequest<'journal.append'>): Promise<HostResponse<'journal.append'>> {
    // Appends are serialised so two sales never interleave their bytes within one line.
    const next = this.tail.then(() => this.write(entry));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Entries after `afterSeq`, oldest first, at most `limit`. */
  since(afterSeq: number, limit = 1000): HostResponse<'journal.since'> {
    const entries = this.records.filter((r) => r.seq > afterSeq).slice(0, limit);
    return { entries, lastSeq: this.lastSeq, damaged: [...this.damage] };
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async write(entry: HostRequest<'journal.append'>): Promise<HostResponse<'journal.append'>> {
    const known = this.seqById.get(entry.id);
    if (known !== undefined) {
      const record = this.records.find((r) => r.seq === known);
      return { seq: known, appendedAt: record?.appendedAt ?? 0, duplicate: true };
    }
    if (!this.handle)
      throw new DomainError('journal.closed', `The journal ${this.path} is closed; restart the terminal.`);
    const record: JournalRecord = { seq: this.lastSeq + 1, appendedAt: this.clock.now(), entry };
    await this.handle.write(`${JSON.stringify(record)}\n`);
    await this.handle.sync();
    this.records.push(record);
    this.seqById.set(entry.id, record.seq);
    return { seq: record.seq, appendedAt: record.appendedAt, duplicate: false };
  }

  private async load(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const text = await readFile(this.path, 'utf8').catch((error: unknown) => {
      if (isMissing(error)) return '';
      throw error;
    });
    const lines = text.split('\n');
    const endsCleanly = text === '' || text.endsWith('\n');
    if (endsCleanly) lines.pop();
    lines.forEach((line, index) =>
      this.readLine(line, index + 1, !endsCleanly && index === lines.length - 1),
    );
    this.handle = await open(this.path, 'a');
    // A torn last line is left as it is (evidence) and closed with a newline, so the next sale starts a line of its own.
    if (!endsCleanly) {
      await this.handle.write('\n');
      await this.handle.sync();
    }
  }

  private readLine(line: string, lineNumber: number, isTornTail: boolean): void {
    if (line.trim() === '') return;
    try {
      const record = JSON.parse(line) as JournalRecord;
      if (typeof record.seq !== 'number' || typeof record.entry?.id !== 'string')
        throw new Error('not a journal record');
      if (this.seqById.has(record.entry.id)) return;
      // Sequence numbers are re-derived from order so a damaged line never creates a gap the replay waits on.
      const seq = this.lastSeq + 1;
      this.records.push({ ...record, seq });
      this.seqById.set(record.entry.id, seq);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.damage.push({
        line: lineNumber,
        reason: isTornTail
          ? `torn last line (a write cut short by a crash): ${why}`
          : `unreadable line: ${why}`,
      });
    }
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

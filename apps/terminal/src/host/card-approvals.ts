import { appendFile, mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HostRequest, HostResponse } from '@store-os/shared';
import type { JournalPosition } from './journal-checkpoint';
import { writeFileDurably } from './write-file-durably';

/** What the host did about an approval no journaled sale took (reversed, or could not). */
export type PaymentRecovery = HostResponse<'payment.recoveries'>['recoveries'][number];

/** A card approval as the host journals it, before the renderer may complete the sale with it. */
export interface CardApproval {
  readonly transactionId: string;
  readonly amount: number;
  readonly currency: string;
  readonly approvedAt: number;
  readonly authCode: string;
  readonly maskedPan: string;
  readonly token: string;
  /** The end of the sales journal when the approval came: the sale that takes it is journaled after this. */
  readonly journalAt: JournalPosition;
}

type Line =
  | ({ kind: 'approved' } & CardApproval)
  | { kind: 'settled'; transactionId: string; orderId: string }
  | ({ kind: 'resolved' } & PaymentRecovery)
  | { kind: 'audited'; transactionId: string };

/** The card tender fields of an order as the journal holds it. */
interface CardTender {
  readonly type?: unknown;
  readonly token?: unknown;
  readonly authCode?: unknown;
  readonly maskedPan?: unknown;
  readonly amount?: { readonly amount?: unknown };
}

/**
 * The host's log of card approvals (`card-approvals.jsonl`, fsynced): an approval is written before the
 * renderer hears of it, and settled when a journaled sale carries that card tender. At start, an
 * approval without a sale was taken from a customer whose sale never completed (a crash between approval
 * and completion): it is reversed through the payment terminal, and the renderer audits the outcome.
 * Open start cost stays small: the file is rewritten at open with only what is still open.
 */
export class CardApprovals {
  private readonly open = new Map<string, CardApproval>();
  private readonly recovered = new Map<string, PaymentRecovery>();
  /** Settled in this run: a late status poll of a completed sale's card must never reopen it. */
  private readonly settled = new Set<string>();
  private handle: FileHandle | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<CardApprovals> {
    const log = new CardApprovals(path);
    await log.load();
    return log;
  }

  /** Approvals no journaled sale has taken yet (at start: the unfinished ones). */
  unfinished(): CardApproval[] {
    return [...this.open.values()];
  }

  /** Recoveries the renderer has not audited yet. */
  recoveries(): PaymentRecovery[] {
    return [...this.recovered.values()];
  }

  /** Journals an approval (fsync) unless it is known; resolves once it is on disk. */
  approved(approval: CardApproval): Promise<void> {
    const id = approval.transactionId;
    if (this.open.has(id) || this.settled.has(id) || this.recovered.has(id)) return Promise.resolve();
    this.open.set(approval.transactionId, approval);
    return this.write({ kind: 'approved', ...approval });
  }

  /** Settles the approvals whose card tender is on this journaled sale's order; returns their ids. */
  async settle(entry: HostRequest<'journal.append'>): Promise<string[]> {
    const taken = this.takenBy(entry);
    for (const transactionId of taken) {
      this.open.delete(transactionId);
      this.settled.add(transactionId);
      await this.write({ kind: 'settled', transactionId, orderId: entry.id });
    }
    return taken;
  }

  /** Records what was done about an unfinished approval. */
  async resolve(recovery: PaymentRecovery): Promise<void> {
    this.open.delete(recovery.transactionId);
    this.recovered.set(recovery.transactionId, recovery);
    await this.write({ kind: 'resolved', ...recovery });
  }

  async audited(transactionIds: readonly string[]): Promise<void> {
    for (const transactionId of transactionIds) {
      if (!this.recovered.delete(transactionId)) continue;
      await this.write({ kind: 'audited', transactionId });
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle?.close();
    this.handle = undefined;
  }

  /** Open approvals whose card tender (same token, or same auth code, masked PAN and amount) is on the entry's order. */
  takenBy(entry: HostRequest<'journal.append'>): string[] {
    const tenders = entry.documents
      .filter((d) => d['type'] === 'order')
      .flatMap((d) => (Array.isArray(d['tenders']) ? (d['tenders'] as CardTender[]) : []))
      .filter((t) => t.type === 'card');
    return this.unfinished()
      .filter((a) =>
        tenders.some((t) =>
          typeof t.token === 'string'
            ? t.token === a.token
            : t.authCode === a.authCode && t.maskedPan === a.maskedPan && t.amount?.amount === a.amount,
        ),
      )
      .map((a) => a.transactionId);
  }

  private write(line: Line): Promise<void> {
    const next = this.tail.then(async () => {
      if (!this.handle) throw new Error(`The card approval log ${this.path} is closed.`);
      await this.handle.write(`${JSON.stringify(line)}\n`);
      await this.handle.sync();
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const text = await readFile(this.path, 'utf8').catch(() => '');
    let lines = 0;
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      lines += 1;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // a torn last line: the approval it carried was never reported to the renderer
      }
      if (line.kind === 'approved') {
        const { kind: _kind, ...approval } = line;
        this.open.set(line.transactionId, approval);
      } else if (line.kind === 'settled') this.open.delete(line.transactionId);
      else if (line.kind === 'resolved') {
        const { kind: _kind, ...recovery } = line;
        this.open.delete(line.transactionId);
        this.recovered.set(line.transactionId, recovery);
      } else this.recovered.delete(line.transactionId);
    }
    const live: Line[] = [
      ...this.unfinished().map((a): Line => ({ kind: 'approved', ...a })),
      ...this.recoveries().map((r): Line => ({ kind: 'resolved', ...r })),
    ];
    if (lines > live.length) {
      // Compacted whole (temporary file, fsync, rename) so the log never grows with the terminal's age.
      await writeFileDurably(this.path, live.map((l) => `${JSON.stringify(l)}\n`).join(''));
    } else if (!text.endsWith('\n') && text !== '') {
      await appendFile(this.path, '\n');
    }
    this.handle = await open(this.path, 'a');
  }
}

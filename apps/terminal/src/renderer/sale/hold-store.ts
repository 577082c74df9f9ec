import { DomainError, type Money } from '@store-os/shared';
import type { SaleDraft } from './sale-draft';

/** A parked sale: the whole draft, when it was held and how the cashier finds it again. */
export interface HeldSale {
  readonly id: string;
  readonly heldAt: string;
  readonly label: string;
  readonly total: Money;
  readonly draft: SaleDraft;
}

/** Where held sales are kept: the host's file beside the journal in the terminal, memory in tests. */
export interface HoldStorage {
  /** The stored text, or null when nothing was ever held. */
  load(): Promise<string | null>;
  /** Replaces the stored text; resolves once it is durable. */
  save(value: string): Promise<void>;
  /** Keeps unreadable content for the store manager, apart from the list. */
  keepAside(value: string): Promise<void>;
}

function isHeldSale(value: unknown): value is HeldSale {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HeldSale>;
  return (
    typeof v.id === 'string' &&
    typeof v.label === 'string' &&
    typeof v.draft === 'object' &&
    v.draft !== null &&
    Array.isArray(v.draft.cart?.lines)
  );
}

/**
 * Held sales of one terminal, kept by the host beside the journal (they are not facts: nothing was sold
 * yet, so they do not replicate), so they survive a reload, a crash, a restart and a wiped browser
 * profile. Unreadable content is moved aside and reported, never silently dropped. Operations are
 * serialised: a hold and a recall in quick succession never write over each other.
 */
export class HoldStore {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: HoldStorage) {}

  /** Every held sale, oldest first. */
  list(): Promise<HeldSale[]> {
    return this.serialise(() => this.read());
  }

  /** Parks a sale; an id already held is replaced (holding the same sale twice keeps one). */
  hold(sale: HeldSale): Promise<void> {
    if (sale.draft.cart.lines.length === 0) {
      return Promise.reject(
        new DomainError('hold.empty', 'There is nothing to hold: the sale has no lines.'),
      );
    }
    return this.serialise(async () => {
      const rest = (await this.read()).filter((h) => h.id !== sale.id);
      await this.write([...rest, sale]);
    });
  }

  /** Takes a held sale back out (it is no longer held). */
  recall(id: string): Promise<HeldSale> {
    return this.serialise(() => this.take(id));
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async take(id: string): Promise<HeldSale> {
    const all = await this.read();
    const found = all.find((h) => h.id === id);
    if (!found) {
      throw new DomainError(
        'hold.not-found',
        `Held sale ${id} is not here any more (recalled at another moment?).`,
        { id },
      );
    }
    await this.write(all.filter((h) => h.id !== id));
    return found;
  }

  private async read(): Promise<HeldSale[]> {
    const raw = await this.storage.load();
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every(isHeldSale)) {
      await this.storage.keepAside(raw);
      await this.storage.save('[]');
      throw new DomainError(
        'hold.unreadable',
        'The held sales on this terminal could not be read; they were kept aside (held-sales.unreadable.json in the data folder) for the store manager.',
      );
    }
    return parsed;
  }

  private write(sales: readonly HeldSale[]): Promise<void> {
    return this.storage.save(JSON.stringify(sales));
  }
}

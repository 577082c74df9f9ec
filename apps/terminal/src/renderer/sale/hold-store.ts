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

/** Where held sales are kept: the browser's localStorage in the terminal, a Map in tests. */
export interface HoldStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
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
 * Held sales of one terminal, kept on this machine (they are not facts: nothing was sold yet, so they
 * do not replicate). Survives a reload and a restart. Unreadable content is moved aside under
 * `<key>.unreadable` and reported, never silently dropped.
 */
export class HoldStore {
  constructor(
    private readonly storage: HoldStorage,
    private readonly key: string,
  ) {}

  /** Every held sale, oldest first. */
  list(): Promise<HeldSale[]> {
    return Promise.resolve().then(() => this.read());
  }

  /** Parks a sale; an id already held is replaced (holding the same sale twice keeps one). */
  hold(sale: HeldSale): Promise<void> {
    if (sale.draft.cart.lines.length === 0) {
      return Promise.reject(
        new DomainError('hold.empty', 'There is nothing to hold: the sale has no lines.'),
      );
    }
    const rest = this.read().filter((h) => h.id !== sale.id);
    this.write([...rest, sale]);
    return Promise.resolve();
  }

  /** Takes a held sale back out (it is no longer held). */
  recall(id: string): Promise<HeldSale> {
    return Promise.resolve().then(() => this.take(id));
  }

  private take(id: string): HeldSale {
    const all = this.read();
    const found = all.find((h) => h.id === id);
    if (!found) {
      throw new DomainError(
        'hold.not-found',
        `Held sale ${id} is not here any more (recalled at another moment?).`,
        { id },
      );
    }
    this.write(all.filter((h) => h.id !== id));
    return found;
  }

  private read(): HeldSale[] {
    const raw = this.storage.getItem(this.key);
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every(isHeldSale)) {
      this.storage.setItem(`${this.key}.unreadable`, raw);
      this.storage.setItem(this.key, '[]');
      throw new DomainError(
        'hold.unreadable',
        `The held sales on this terminal could not be read; they were kept under "${this.key}.unreadable" for the store manager.`,
      );
    }
    return parsed;
  }

  private write(sales: readonly HeldSale[]): void {
    this.storage.setItem(this.key, JSON.stringify(sales));
  }
}

import { DomainError } from '../errors';
import type { Money } from '../money';

/**
 * Cash denominations in circulation per currency (minor units, notes and coins), largest first, for
 * the drawer count screen. A store can narrow it (no 500-euro notes) with its `cashDenominations`.
 */
export const denominationTables: Readonly<Record<string, readonly number[]>> = {
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 1],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
  SEK: [100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100],
  NOK: [100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 100],
  DKK: [100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50],
  PLN: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CAD: [10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5],
  AUD: [10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
  JPY: [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1],
};

/** A count of one denomination. */
export interface DenominationCount {
  readonly denomination: number;
  readonly count: number;
}

/** The denominations of a currency, or the store's own list when it has one. */
export function denominationsFor(
  currency: string,
  storeDenominations?: readonly number[],
): readonly number[] {
  const table = storeDenominations ?? denominationTables[currency];
  if (table === undefined) {
    throw new DomainError(
      'close.no-denominations',
      `No cash denomination table for ${currency}: set cashDenominations on the store document.`,
      { currency },
    );
  }
  return table;
}

/** Total of a drawer count; refuses denominations not in the table and non-whole counts. */
export function countedTotal(
  counts: readonly DenominationCount[],
  currency: string,
  table: readonly number[],
): Money {
  let total = 0;
  for (const { denomination, count } of counts) {
    if (!table.includes(denomination)) {
      throw new DomainError(
        'close.unknown-denomination',
        `${denomination} is not a ${currency} denomination here; use one of ${table.join(', ')} (minor units).`,
        { denomination, currency },
      );
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new DomainError(
        'close.bad-count',
        `Count of ${denomination} must be a whole number ≥ 0, got ${count}.`,
        {
          denomination,
          count,
        },
      );
    }
    total += denomination * count;
  }
  return { amount: total, currency };
}

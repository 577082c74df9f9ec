import { findCardNumber, panViolation } from './card-number';
import type { RuleViolation } from './document-rules';
import type { JsonDocument } from './migrations';

// Order arithmetic and consistency a JSON Schema cannot express: kind vs lines, one currency,
// line totals → order total → tenders, discounts within the line, weighed lines with a weight.

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** An amount as read from a JSON document (already schema-checked). */
export interface MoneyLike {
  amount: number;
  currency: string;
}
interface LineLike {
  lineId: string;
  unit: string;
  weightGrams?: number;
  total: MoneyLike;
  grossAmount: MoneyLike;
  discounts: { amount: MoneyLike }[];
}

/** Checks a schema-valid order document. */
export function checkOrderRules(doc: JsonDocument): RuleViolation | undefined {
  const lines = (doc['lines'] ?? []) as LineLike[];
  const returnLines = (doc['returnLines'] ?? []) as LineLike[];
  const tenders = (doc['tenders'] ?? []) as { amount: MoneyLike }[];
  const totals = doc['totals'] as { total: MoneyLike };
  const currency = str(doc['currency']);
  const kind = str(doc['kind']);
  if (kind === 'sale' && (lines.length === 0 || returnLines.length > 0)) {
    return {
      code: 'order.kind-lines',
      reason: 'order: a sale has at least one line in /lines and no /returnLines.',
    };
  }
  if (kind === 'return' && (returnLines.length === 0 || lines.length > 0)) {
    return {
      code: 'order.kind-lines',
      reason: 'order: a return has at least one /returnLines entry and no /lines.',
    };
  }
  if (kind === 'exchange' && (returnLines.length === 0 || lines.length === 0)) {
    return { code: 'order.kind-lines', reason: 'order: an exchange has both /lines and /returnLines.' };
  }
  if (doc['channel'] === 'web' && doc['fulfillment'] === 'take-now') {
    return {
      code: 'order.web-fulfillment',
      reason: 'order /fulfillment: a web order is picked up or shipped, not "take-now".',
    };
  }
  const seen = new Set<string>();
  for (const [where, list] of [
    ['lines', lines],
    ['returnLines', returnLines],
  ] as const) {
    for (const [i, line] of list.entries()) {
      if (seen.has(line.lineId)) {
        return {
          code: 'order.duplicate-line',
          reason: `order /${where}/${i}/lineId "${line.lineId}" is used twice.`,
        };
      }
      seen.add(line.lineId);
      if (line.unit === 'kg' && line.weightGrams === undefined) {
        return { code: 'order.weight-missing', reason: `order /${where}/${i}: a kg line needs weightGrams.` };
      }
      const discounts = line.discounts.reduce((s, d) => s + d.amount.amount, 0);
      if (discounts > line.grossAmount.amount) {
        return {
          code: 'order.discount-exceeds-line',
          reason: `order /${where}/${i}: discounts ${discounts} exceed the line's gross amount ${line.grossAmount.amount}.`,
        };
      }
    }
  }
  const mismatch = findCurrencyMismatch(doc, currency, '');
  if (mismatch !== undefined) {
    return {
      code: 'order.currency-mismatch',
      reason: `order ${mismatch} is not in the order currency ${currency}.`,
    };
  }
  const expected =
    lines.reduce((s, l) => s + l.total.amount, 0) - returnLines.reduce((s, l) => s + l.total.amount, 0);
  if (totals.total.amount !== expected) {
    return {
      code: 'order.totals-mismatch',
      reason: `order /totals/total is ${totals.total.amount} but line totals minus returned line totals are ${expected}.`,
    };
  }
  const paid = tenders.reduce((s, t) => s + t.amount.amount, 0);
  if (paid !== totals.total.amount) {
    return {
      code: 'order.tenders-mismatch',
      reason: `order /tenders sum to ${paid} but /totals/total is ${totals.total.amount}: tenders must settle the order exactly (change is recorded on the cash tender).`,
    };
  }
  const pan = findCardNumber([doc['tenders'], doc['note'], doc['externalRef']]);
  return pan === undefined ? undefined : panViolation('order tenders/note');
}

function findCurrencyMismatch(value: unknown, currency: string, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findCurrencyMismatch(value[i], currency, `${path}/${i}`);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['amount'] === 'number' && typeof record['currency'] === 'string') {
      return record['currency'] === currency ? undefined : path;
    }
    for (const [k, v] of Object.entries(record)) {
      const found = findCurrencyMismatch(v, currency, `${path}/${k}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

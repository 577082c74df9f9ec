import { isDocumentId, naturalId } from '../ids';
import type { DocumentType } from './document-types';
import { documentTypes } from './document-types';
import type { JsonDocument } from './migrations';

// Rules a JSON Schema cannot say (or would say unreadably): ids derived from natural keys, the sign
// of a movement by its reason, order arithmetic, no card number outside the payment terminal.

/** A broken rule: stable code plus a sentence saying which field and what was expected. */
export interface RuleViolation {
  readonly code: string;
  readonly reason: string;
}

type Rule = (doc: JsonDocument) => RuleViolation | undefined;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The id a natural-keyed document must have, or undefined when any id of its kind is fine. */
export function expectedNaturalId(type: DocumentType, doc: JsonDocument): string | undefined {
  const key = (...fields: string[]) => naturalId(type, ...fields.map((f) => str(doc[f])));
  switch (type) {
    case 'product':
      return key('productId');
    case 'barcode':
      return key('code');
    case 'price':
      return key('priceListId', 'sku');
    case 'price-list':
      return key('priceListId');
    case 'promotion':
      return key('promotionId');
    case 'tax-rate':
      return key('rateId');
    case 'tax-rule':
      return typeof doc['storeId'] === 'string' ? key('taxCategoryId', 'storeId') : key('taxCategoryId');
    case 'store':
      return key('storeId');
    case 'terminal':
      return key('terminalId');
    case 'fulfillment':
      return key('orderId');
    case 'stock-level':
      return key('sku', 'locationId');
    case 'customer':
    case 'order':
    case 'movement':
    case 'shift':
    case 'cash-event':
    case 'close':
    case 'ledger-entry':
    case 'audit-event':
      return undefined;
  }
}

function idRule(type: DocumentType, doc: JsonDocument): RuleViolation | undefined {
  const id = str(doc['id']);
  const kind = documentTypes[type].idKind;
  if (kind === 'natural') {
    let expected: string | undefined;
    try {
      expected = expectedNaturalId(type, doc);
    } catch (error) {
      return {
        code: 'id.natural-mismatch',
        reason: `${type} id cannot be derived: ${(error as Error).message}`,
      };
    }
    if (expected === undefined && !id.startsWith(`${type}:`)) {
      return { code: 'id.natural-mismatch', reason: `${type} id "${id}" must start with "${type}:".` };
    }
    if (expected !== undefined && id !== expected) {
      return {
        code: 'id.natural-mismatch',
        reason: `${type} id must be "${expected}" (derived from its key fields) so republishing overwrites it, got "${id}".`,
      };
    }
  }
  if (kind === 'any' && !isDocumentId(id) && !id.startsWith(`${type}:`)) {
    return {
      code: 'id.malformed',
      reason: `${type} id "${id}" must be <terminalId>-<ULID> or "${type}:<key>".`,
    };
  }
  return undefined;
}

/** Sign each movement reason must have; `adjust` may go either way. */
export const movementSigns = {
  sale: -1,
  return: 1,
  receive: 1,
  'transfer-out': -1,
  'transfer-in': 1,
  adjust: 0,
  reserve: 1,
  release: -1,
  'write-off': -1,
} as const;

const movementRule: Rule = (doc) => {
  const reason = str(doc['reason']) as keyof typeof movementSigns;
  const sign = movementSigns[reason];
  const delta = doc['delta'];
  if (typeof delta === 'number' && sign !== 0 && Math.sign(delta) !== sign) {
    return {
      code: 'movement.sign',
      reason: `movement /delta: a "${reason}" movement must have a ${sign > 0 ? 'positive' : 'negative'} delta, got ${delta}.`,
    };
  }
  return undefined;
};

/** True when the digits pass the Luhn check that every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Finds a string that looks like a full card number (13–19 digits, spaces/dashes allowed, Luhn-valid). */
export function findCardNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/[0-9][0-9 -]{11,24}[0-9]/g)) {
      const digits = match[0].replace(/[ -]/g, '');
      if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) return path || '/';
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findCardNumber(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'amount' || k === 'tendered' || k === 'change') continue;
      const found = findCardNumber(v, `${path}/${k}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function panViolation(where: string): RuleViolation {
  return {
    code: 'pan.detected',
    reason: `${where} contains what looks like a full card number; only the masked PAN, token and auth code from the payment terminal may be stored.`,
  };
}

interface MoneyLike {
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

const orderRule: Rule = (doc) => {
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
};

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

const ledgerRule: Rule = (doc) => {
  const ledger = str(doc['ledger']);
  const hasCurrency = typeof doc['currency'] === 'string';
  if (ledger === 'loyalty' && hasCurrency) {
    return {
      code: 'ledger.unit',
      reason: 'ledger-entry /currency: loyalty entries count points and carry no currency.',
    };
  }
  if (ledger !== 'loyalty' && !hasCurrency) {
    return {
      code: 'ledger.unit',
      reason: `ledger-entry /currency is required for a ${ledger} entry (delta is in its minor units).`,
    };
  }
  return undefined;
};

const closeRule: Rule = (doc) => {
  const tenders = (doc['tenders'] ?? []) as {
    tenderType: string;
    expected: MoneyLike;
    counted: MoneyLike;
    variance: MoneyLike;
  }[];
  for (const [i, t] of tenders.entries()) {
    if (t.variance.amount !== t.counted.amount - t.expected.amount) {
      return {
        code: 'close.variance',
        reason: `close /tenders/${i}/variance must be counted − expected = ${t.counted.amount - t.expected.amount}, got ${t.variance.amount}.`,
      };
    }
  }
  return undefined;
};

const auditRule: Rule = (doc) =>
  findCardNumber(doc['details']) === undefined ? undefined : panViolation('audit-event /details');

const fulfillmentRule: Rule = (doc) => {
  const history = (doc['history'] ?? []) as { state: string }[];
  const state = str(doc['state']);
  if (!history.some((h) => h.state === state)) {
    return {
      code: 'fulfillment.history',
      reason: `fulfillment /history has no step for its current state "${state}".`,
    };
  }
  return undefined;
};

const rules: Partial<Record<DocumentType, Rule>> = {
  movement: movementRule,
  order: orderRule,
  'ledger-entry': ledgerRule,
  close: closeRule,
  'audit-event': auditRule,
  fulfillment: fulfillmentRule,
};

/** Checks the rules beyond the JSON Schema for a schema-valid document of the given type. */
export function checkDocumentRules(type: DocumentType, doc: JsonDocument): RuleViolation | undefined {
  return idRule(type, doc) ?? rules[type]?.(doc);
}

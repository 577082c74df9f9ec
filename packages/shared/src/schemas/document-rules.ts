import { isDocumentId, naturalId } from '../ids';
import type { DocumentType } from './document-types';
import { documentTypes } from './document-types';
import { findCardNumber, panViolation } from './card-number';
import { IDENTITY_DOCUMENT_TYPES } from './store-documents';
import type { JsonDocument } from './migrations';
import type { MoneyLike } from './order-rules';
import { checkOrderRules } from './order-rules';

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
    case 'staff':
      return key('userId');
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

const HANDOVER_DETAIL_KEYS = new Set(['fulfillmentId', 'checked', 'customerId', 'reason', 'managerReview']);
const HANDOVER_CHECKS = new Set<string>(['order-code', ...IDENTITY_DOCUMENT_TYPES]);

/** A pickup hand-over says what was checked (a code or a document type) and nothing else: no number. */
function pickupHandoverViolation(details: unknown): RuleViolation | undefined {
  const d = (typeof details === 'object' && details !== null ? details : {}) as Record<string, unknown>;
  const extra = Object.keys(d).filter((k) => !HANDOVER_DETAIL_KEYS.has(k));
  const problem =
    extra.length > 0
      ? `has ${extra.join(', ')}: only ${[...HANDOVER_DETAIL_KEYS].join(', ')} (never a document number)`
      : !HANDOVER_CHECKS.has(str(d['checked']))
        ? `/checked must be one of ${[...HANDOVER_CHECKS].join(', ')}`
        : str(d['fulfillmentId']) === ''
          ? '/fulfillmentId is required'
          : typeof d['managerReview'] !== 'boolean'
            ? '/managerReview must be true or false'
            : undefined;
  return problem === undefined
    ? undefined
    : { code: 'audit.pickup-handover', reason: `audit-event pickup-handover /details ${problem}.` };
}

const auditRule: Rule = (doc) =>
  findCardNumber(doc['details']) !== undefined
    ? panViolation('audit-event /details')
    : doc['kind'] === 'pickup-handover'
      ? pickupHandoverViolation(doc['details'])
      : undefined;

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

const promotionRule: Rule = (doc) =>
  'get' in doc
    ? {
        code: 'promotion.reserved-field',
        reason:
          'promotion /get: name the "get" selector "getTarget"; "get" cannot be a top-level field of an RxDB document (it is RxDocument.get).',
      }
    : undefined;

const rules: Partial<Record<DocumentType, Rule>> = {
  promotion: promotionRule,
  movement: movementRule,
  order: checkOrderRules,
  'ledger-entry': ledgerRule,
  close: closeRule,
  'audit-event': auditRule,
  fulfillment: fulfillmentRule,
};

/** Checks the rules beyond the JSON Schema for a schema-valid document of the given type. */
export function checkDocumentRules(type: DocumentType, doc: JsonDocument): RuleViolation | undefined {
  return idRule(type, doc) ?? rules[type]?.(doc);
}

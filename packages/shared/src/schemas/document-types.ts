import type { TSchema } from 'typebox';
import {
  BarcodeDocSchema,
  PriceDocSchema,
  PriceListDocSchema,
  ProductDocSchema,
  PromotionDocSchema,
  StoreDocSchema,
  TaxRateDocSchema,
  TaxRuleDocSchema,
} from './catalog-documents';
import { LedgerEntryDocSchema } from './ledger-entry-document';
import { OrderDocSchema } from './order-document';
import { CashEventDocSchema, CloseDocSchema, ShiftDocSchema } from './shift-documents';
import { StaffDocSchema } from './staff-document';
import { MovementDocSchema, StockLevelDocSchema } from './stock-documents';
import {
  AuditEventDocSchema,
  CustomerDocSchema,
  FulfillmentDocSchema,
  TerminalDocSchema,
} from './store-documents';

/** Every kind of replicated document. */
export type DocumentType =
  | 'product'
  | 'barcode'
  | 'price-list'
  | 'price'
  | 'promotion'
  | 'tax-rate'
  | 'tax-rule'
  | 'store'
  | 'order'
  | 'movement'
  | 'shift'
  | 'cash-event'
  | 'close'
  | 'customer'
  | 'ledger-entry'
  | 'audit-event'
  | 'terminal'
  | 'staff'
  | 'fulfillment'
  | 'stock-level';

/** Server database families (`store` stands for every `store-<id>` database). */
export type DatabaseKind = 'catalog' | 'store' | 'stock-levels' | 'web-orders' | 'hq';

/** Where a document type lives and the write rules the server enforces for it. */
export interface DocumentTypeInfo {
  /** The database it is written to. */
  readonly database: DatabaseKind;
  /** Other databases that may hold it (web orders arrive in `web-orders`, then go to the store's). */
  readonly alsoIn: readonly DatabaseKind[];
  /** Written once; an update or a delete of an existing document is refused. */
  readonly appendOnly: boolean;
  /** Carries a required `storeId` that must match the `store-<id>` database it is written to. */
  readonly storeScoped: boolean;
  /** Current schema version; older documents are migrated by migrateDocument. */
  readonly schemaVersion: number;
  /** Ids are `<origin>-<ULID>` (generated where the fact happened) or natural `<type>:<key>`. */
  readonly idKind: 'fact' | 'natural' | 'any';
}

/** HQ-published reference data: mutable, natural ids, readable by every terminal. */
const reference = (schemaVersion = 1): DocumentTypeInfo => ({
  database: 'catalog',
  alsoIn: [],
  appendOnly: false,
  storeScoped: false,
  schemaVersion,
  idKind: 'natural',
});
/** A fact recorded at a store: written once with a `<terminalId>-<ULID>` id. */
const fact = (alsoIn: readonly DatabaseKind[] = [], schemaVersion = 1): DocumentTypeInfo => ({
  database: 'store',
  alsoIn,
  appendOnly: true,
  storeScoped: true,
  schemaVersion,
  idKind: 'fact',
});
/** A store's mutable document. */
const storeState = (
  idKind: DocumentTypeInfo['idKind'],
  alsoIn: readonly DatabaseKind[] = [],
  schemaVersion = 1,
): DocumentTypeInfo => ({
  database: 'store',
  alsoIn,
  appendOnly: false,
  storeScoped: true,
  schemaVersion,
  idKind,
});

/** The registry: one entry per document type. */
export const documentTypes: Readonly<Record<DocumentType, DocumentTypeInfo>> = {
  product: reference(2),
  barcode: reference(),
  'price-list': reference(),
  price: reference(),
  promotion: reference(),
  'tax-rate': reference(),
  'tax-rule': reference(),
  store: reference(2),
  order: fact(['web-orders']),
  movement: fact(),
  shift: fact(),
  'cash-event': fact(),
  close: fact(),
  'ledger-entry': fact(),
  'audit-event': fact([], 2),
  customer: storeState('any', [], 2),
  terminal: storeState('natural'),
  staff: storeState('natural'),
  fulfillment: storeState('natural', ['web-orders'], 2),
  'stock-level': {
    database: 'stock-levels',
    alsoIn: [],
    appendOnly: false,
    storeScoped: false,
    schemaVersion: 1,
    idKind: 'natural',
  },
};

/** The full JSON Schema of each type (TypeBox, so each is also a static type). */
export const documentSchemas: Readonly<Record<DocumentType, TSchema>> = {
  product: ProductDocSchema,
  barcode: BarcodeDocSchema,
  'price-list': PriceListDocSchema,
  price: PriceDocSchema,
  promotion: PromotionDocSchema,
  'tax-rate': TaxRateDocSchema,
  'tax-rule': TaxRuleDocSchema,
  store: StoreDocSchema,
  order: OrderDocSchema,
  movement: MovementDocSchema,
  shift: ShiftDocSchema,
  'cash-event': CashEventDocSchema,
  close: CloseDocSchema,
  customer: CustomerDocSchema,
  'ledger-entry': LedgerEntryDocSchema,
  'audit-event': AuditEventDocSchema,
  terminal: TerminalDocSchema,
  staff: StaffDocSchema,
  fulfillment: FulfillmentDocSchema,
  'stock-level': StockLevelDocSchema,
};

/** All document types, in registry order. */
export const allDocumentTypes = Object.keys(documentTypes) as DocumentType[];

/** Narrows a string to a DocumentType. */
export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && Object.hasOwn(documentTypes, value);
}

/** Document types whose primary database (or alternative) is `database`. */
export function documentTypesIn(database: DatabaseKind): DocumentType[] {
  return allDocumentTypes.filter(
    (t) => documentTypes[t].database === database || documentTypes[t].alsoIn.includes(database),
  );
}

/**
 * The natural-id prefix of each natural-keyed type (`product:<productId>`), so a bare tombstone's
 * type can be recovered from its id.
 */
export const naturalIdPrefixes: Readonly<Partial<Record<string, DocumentType>>> = {
  product: 'product',
  barcode: 'barcode',
  'price-list': 'price-list',
  price: 'price',
  promotion: 'promotion',
  'tax-rate': 'tax-rate',
  'tax-rule': 'tax-rule',
  store: 'store',
  terminal: 'terminal',
  staff: 'staff',
  fulfillment: 'fulfillment',
  'stock-level': 'stock-level',
  customer: 'customer',
};

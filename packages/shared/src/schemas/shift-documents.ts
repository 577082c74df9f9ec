import Type from 'typebox';
import type { Static } from 'typebox';
import {
  baseFields,
  Code,
  CurrencyCode,
  FactId,
  IsoDate,
  IsoDateTime,
  MoneySchema,
  NonNegativeMoneySchema,
  Text,
  UserId,
} from './fragments';
import { TaxLineDocSchema } from './order-document';

/** How many of each cash denomination (minor units) were counted. */
export const DenominationCountDocSchema = Type.Object(
  { denomination: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
/** A denomination count as stored in a shift or a close. */
export type DenominationCountDoc = Static<typeof DenominationCountDocSchema>;

/** A drawer session at one terminal, opened with a counted float. */
export const ShiftDocSchema = Type.Object(
  {
    ...baseFields('shift'),
    id: FactId,
    storeId: Code,
    terminalId: Code,
    drawerId: Type.Optional(Code),
    openedBy: UserId,
    currency: CurrencyCode,
    openingFloat: NonNegativeMoneySchema,
    openingDenominations: Type.Optional(Type.Array(DenominationCountDocSchema, { maxItems: 40 })),
    businessDate: Type.Optional(IsoDate),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Shift document (store database, append-only: the opening fact; the close is a separate document). */
export type ShiftDoc = Static<typeof ShiftDocSchema>;

/** Cash put into or taken out of a drawer outside a sale: float top-up, paid-out, safe drop. */
export const CashEventDocSchema = Type.Object(
  {
    ...baseFields('cash-event'),
    id: FactId,
    storeId: Code,
    terminalId: Code,
    shiftId: FactId,
    kind: Type.Union([Type.Literal('cash-in'), Type.Literal('cash-out'), Type.Literal('drop')]),
    amount: NonNegativeMoneySchema,
    reason: Type.Optional(Text(200)),
    userId: UserId,
    approvedBy: Type.Optional(UserId),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Cash-event document (store database, append-only). */
export type CashEventDoc = Static<typeof CashEventDocSchema>;

const CountAmount = Type.Object(
  { count: Type.Integer({ minimum: 0 }), amount: MoneySchema },
  { additionalProperties: false },
);

/** X/Z report figures computed from the shift's orders (see shifts/report-totals). */
export const ReportTotalsDocSchema = Type.Object(
  {
    currency: CurrencyCode,
    /** Sold lines: gross before discounts, and net (what customers paid for them). */
    sales: Type.Object(
      { count: Type.Integer({ minimum: 0 }), gross: MoneySchema, net: MoneySchema },
      { additionalProperties: false },
    ),
    returns: CountAmount,
    discounts: MoneySchema,
    taxes: Type.Array(TaxLineDocSchema, { maxItems: 40 }),
    tenders: Type.Array(
      Type.Object(
        { type: Type.String({ maxLength: 32 }), count: Type.Integer({ minimum: 0 }), amount: MoneySchema },
        {
          additionalProperties: false,
        },
      ),
      { maxItems: 40 },
    ),
    net: MoneySchema,
    transactionCount: Type.Integer({ minimum: 0 }),
    unitCount: Type.Integer({ minimum: 0 }),
    averageTransactionValue: MoneySchema,
    /** Decimal string, two places: units sold per sale transaction. */
    unitsPerTransaction: Type.String({ pattern: '^[0-9]+\\.[0-9]{2}$' }),
  },
  { additionalProperties: false },
);
/** Report totals as stored in a close. */
export type ReportTotalsDoc = Static<typeof ReportTotalsDocSchema>;

/** Expected vs counted for one tender type at close. */
export const TenderCountDocSchema = Type.Object(
  {
    tenderType: Type.String({ maxLength: 32 }),
    expected: MoneySchema,
    counted: MoneySchema,
    variance: MoneySchema,
  },
  { additionalProperties: false },
);

/** The end of a shift: counted drawer, expected per tender, variance, Z totals; a manager signs off. */
export const CloseDocSchema = Type.Object(
  {
    ...baseFields('close'),
    id: FactId,
    storeId: Code,
    terminalId: Code,
    shiftId: FactId,
    closedBy: UserId,
    approvedBy: Type.Optional(UserId),
    zNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    businessDate: Type.Optional(IsoDate),
    currency: CurrencyCode,
    openingFloat: NonNegativeMoneySchema,
    cashIn: NonNegativeMoneySchema,
    cashOut: NonNegativeMoneySchema,
    drops: NonNegativeMoneySchema,
    countedDenominations: Type.Array(DenominationCountDocSchema, { maxItems: 40 }),
    tenders: Type.Array(TenderCountDocSchema, { maxItems: 20 }),
    zTotals: ReportTotalsDocSchema,
    orderCount: Type.Integer({ minimum: 0 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Close document (store database, append-only). */
export type CloseDoc = Static<typeof CloseDocSchema>;

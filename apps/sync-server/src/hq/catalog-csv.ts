// Catalog import and export as CSV (products with their variants, and prices). An import is checked
// row by row first (CSV shape, then the shared document schemas) and written only if every row is
// good, so a file with one bad row changes nothing and the answer lists every bad row.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { isDomainError } from '@store-os/shared';
import { isKnownCurrency, parseMoney, toDecimalString } from '@store-os/shared/money';
import type { PriceDoc, ProductDoc } from '@store-os/shared/schemas';
import type { ValidateDocument } from '../validation/write-validator';

/** One problem in an uploaded CSV (row 1 is the first data row after the header). */
export interface RowError {
  row: number;
  column?: string;
  message: string;
}

/** The parsed documents of an import, or the rows that stop it. */
export type CsvImport = { ok: true; docs: Record<string, unknown>[] } | { ok: false; errors: RowError[] };

export const PRODUCT_COLUMNS = [
  'productId',
  'name',
  'sku',
  'variantName',
  'barcodes',
  'taxCategoryId',
  'unit',
  'groupIds',
  'status',
  'brand',
] as const;
export const PRICE_COLUMNS = ['priceListId', 'sku', 'unitPrice', 'currency'] as const;

const list = (v: string | undefined) =>
  (v ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function readRows(
  text: string,
  columns: readonly string[],
): { rows: Record<string, string>[] } | { errors: RowError[] } {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    return { errors: [{ row: 0, message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  const header = Object.keys(records[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c) && records.length > 0);
  if (records.length === 0)
    return { errors: [{ row: 0, message: `The file has no data rows; columns: ${columns.join(',')}.` }] };
  if (missing.length > 0)
    return {
      errors: [
        { row: 0, message: `Missing column(s) ${missing.join(', ')}; expected ${columns.join(',')}.` },
      ],
    };
  return { rows: records };
}

function schemaErrors(validate: ValidateDocument, doc: Record<string, unknown>, rows: number[]): RowError[] {
  const v = validate(doc);
  if (v.ok) return [];
  return rows.map((row) => ({ row, message: v.reason }));
}

/** Products (one row per variant; rows sharing a productId form one product) as catalog documents. */
export function importProducts(text: string, validate: ValidateDocument, now: string): CsvImport {
  const read = readRows(text, PRODUCT_COLUMNS);
  if ('errors' in read) return { ok: false, errors: read.errors };
  const errors: RowError[] = [];
  const products = new Map<string, { doc: ProductDoc; rows: number[] }>();
  const skus = new Map<string, number>();
  read.rows.forEach((r, i) => {
    const row = i + 1;
    const productId = r.productId ?? '';
    const sku = r.sku ?? '';
    if (!productId) errors.push({ row, column: 'productId', message: 'productId is empty.' });
    if (!sku) errors.push({ row, column: 'sku', message: 'sku is empty.' });
    const seen = skus.get(sku);
    if (sku && seen !== undefined)
      errors.push({ row, column: 'sku', message: `sku ${sku} is also on row ${seen}.` });
    skus.set(sku, row);
    const unit = r.unit || 'each';
    if (unit !== 'each' && unit !== 'kg')
      errors.push({ row, column: 'unit', message: 'unit must be each or kg.' });
    const status = r.status || 'active';
    if (status !== 'active' && status !== 'discontinued')
      errors.push({ row, column: 'status', message: 'status must be active or discontinued.' });
    const variant = { sku, barcodes: list(r.barcodes), ...(r.variantName ? { name: r.variantName } : {}) };
    const existing = products.get(productId);
    if (existing) {
      existing.doc.variants.push(variant);
      existing.rows.push(row);
      if ((r.name ?? '') !== existing.doc.name)
        errors.push({ row, column: 'name', message: `Rows of product ${productId} disagree on its name.` });
      return;
    }
    products.set(productId, {
      rows: [row],
      doc: {
        id: `product:${productId}`,
        type: 'product',
        schemaVersion: 2,
        productId,
        name: r.name ?? '',
        ...(r.brand ? { brand: r.brand } : {}),
        taxCategoryId: r.taxCategoryId ?? '',
        unit: unit as ProductDoc['unit'],
        groupIds: list(r.groupIds),
        status: status as ProductDoc['status'],
        variants: [variant],
        updatedAt: now,
      },
    });
  });
  const docs: Record<string, unknown>[] = [];
  const rowsWithErrors = new Set(errors.map((e) => e.row));
  for (const { doc, rows } of products.values()) {
    // A row already reported for a column is not reported again by the schema check.
    if (!rows.some((r) => rowsWithErrors.has(r))) errors.push(...schemaErrors(validate, doc, rows));
    docs.push({ ...doc, _id: doc.id });
    for (const v of doc.variants)
      for (const code of v.barcodes) {
        const barcode = {
          id: `barcode:${code}`,
          type: 'barcode',
          schemaVersion: 1,
          code,
          sku: v.sku,
          productId: doc.productId,
          updatedAt: now,
        };
        errors.push(...schemaErrors(validate, barcode, rows));
        docs.push({ ...barcode, _id: barcode.id });
      }
  }
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.row - b.row) } : { ok: true, docs };
}

/** Prices as catalog documents; `unitPrice` is a decimal parsed straight to minor units. */
export function importPrices(text: string, validate: ValidateDocument, now: string): CsvImport {
  const read = readRows(text, PRICE_COLUMNS);
  if ('errors' in read) return { ok: false, errors: read.errors };
  const errors: RowError[] = [];
  const docs: Record<string, unknown>[] = [];
  const ids = new Map<string, number>();
  read.rows.forEach((r, i) => {
    const row = i + 1;
    const currency = (r.currency ?? '').toUpperCase();
    if (!isKnownCurrency(currency)) {
      errors.push({
        row,
        column: 'currency',
        message: `Unknown currency "${r.currency ?? ''}"; use an ISO 4217 code.`,
      });
      return;
    }
    let amount: number;
    try {
      amount = parseMoney(r.unitPrice ?? '', currency, { decimalSeparator: '.' }).amount;
    } catch (error) {
      errors.push({
        row,
        column: 'unitPrice',
        message: isDomainError(error) ? error.message : `unitPrice "${r.unitPrice ?? ''}" is not an amount.`,
      });
      return;
    }
    const doc: PriceDoc = {
      id: `price:${r.priceListId ?? ''}:${r.sku ?? ''}`,
      type: 'price',
      schemaVersion: 1,
      priceListId: r.priceListId ?? '',
      sku: r.sku ?? '',
      unitPrice: { amount, currency },
      updatedAt: now,
    };
    const seen = ids.get(doc.id);
    if (seen !== undefined) errors.push({ row, message: `${doc.id} is also on row ${seen}.` });
    ids.set(doc.id, row);
    errors.push(...schemaErrors(validate, doc, [row]));
    docs.push({ ...doc, _id: doc.id });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, docs };
}

/** Product documents as products.csv (one row per variant). */
export function exportProducts(products: readonly ProductDoc[]): string {
  const rows = products.flatMap((p) =>
    p.variants.map((v) => ({
      productId: p.productId,
      name: p.name,
      sku: v.sku,
      variantName: v.name ?? '',
      barcodes: v.barcodes.join('|'),
      taxCategoryId: p.taxCategoryId,
      unit: p.unit,
      groupIds: p.groupIds.join('|'),
      status: p.status,
      brand: p.brand ?? '',
    })),
  );
  return stringify(rows, { header: true, columns: [...PRODUCT_COLUMNS] });
}

/** Price documents as prices.csv. */
export function exportPrices(prices: readonly PriceDoc[]): string {
  const rows = prices.map((p) => ({
    priceListId: p.priceListId,
    sku: p.sku,
    unitPrice: toDecimalString(p.unitPrice),
    currency: p.unitPrice.currency,
  }));
  return stringify(rows, { header: true, columns: [...PRICE_COLUMNS] });
}

// Promotions as CSV: one row per promotion. The fields every promotion has get their own columns; the
// reward and its conditions, which differ per kind (percent-off, buy-x-get-y, spend-threshold…), travel
// as one JSON object in `rules`, so every kind round-trips without a column per field. An import is
// checked row by row (CSV shape, JSON, then the shared document schema) and is all or nothing.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { PromotionDoc } from '@store-os/shared/schemas';
import type { ValidateDocument } from '../validation/write-validator';
import type { CsvImport, RowError } from './catalog-csv';

export const PROMOTION_COLUMNS = [
  'promotionId',
  'name',
  'currency',
  'kind',
  'status',
  'storeIds',
  'couponCode',
  'rules',
] as const;

/** Fields that are columns or document bookkeeping, never inside `rules`. */
const NOT_RULES = new Set<string>([
  ...PROMOTION_COLUMNS,
  '_id',
  '_rev',
  '_deleted',
  '_attachments',
  'id',
  'type',
  'schemaVersion',
  'updatedAt',
]);

const list = (v: string | undefined) =>
  (v ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function readRules(text: string | undefined): Record<string, unknown> | string {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'rules is not JSON; write the reward as an object, e.g. {"percent":"10","target":{"skus":["A"]}}.';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'rules must be a JSON object of the reward fields.';
  const misplaced = Object.keys(value).filter((k) => NOT_RULES.has(k));
  if (misplaced.length > 0)
    return `rules may not set ${misplaced.join(', ')}; ${misplaced.some((k) => (PROMOTION_COLUMNS as readonly string[]).includes(k)) ? 'use its column' : 'the server sets it'}.`;
  return value as Record<string, unknown>;
}

/** promotions.csv as catalog documents, or every row that stops the import. */
export function importPromotions(text: string, validate: ValidateDocument, now: string): CsvImport {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    return {
      ok: false,
      errors: [{ row: 0, message: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  if (records.length === 0)
    return {
      ok: false,
      errors: [{ row: 0, message: `The file has no data rows; columns: ${PROMOTION_COLUMNS.join(',')}.` }],
    };
  const header = Object.keys(records[0] ?? {});
  const missing = PROMOTION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return {
      ok: false,
      errors: [
        {
          row: 0,
          message: `Missing column(s) ${missing.join(', ')}; expected ${PROMOTION_COLUMNS.join(',')}.`,
        },
      ],
    };
  const errors: RowError[] = [];
  const docs: Record<string, unknown>[] = [];
  const ids = new Map<string, number>();
  records.forEach((r, i) => {
    const row = i + 1;
    const rules = readRules(r.rules);
    if (typeof rules === 'string') {
      errors.push({ row, column: 'rules', message: rules });
      return;
    }
    const promotionId = r.promotionId ?? '';
    const storeIds = list(r.storeIds);
    const doc: Record<string, unknown> = {
      ...rules,
      id: `promotion:${promotionId}`,
      type: 'promotion',
      schemaVersion: 1,
      promotionId,
      name: r.name ?? '',
      currency: (r.currency ?? '').toUpperCase(),
      kind: r.kind ?? '',
      status: r.status ?? '',
      ...(storeIds.length > 0 ? { storeIds } : {}),
      ...(r.couponCode ? { couponCode: r.couponCode } : {}),
      updatedAt: now,
    };
    const id = doc.id as string;
    const seen = ids.get(id);
    if (seen !== undefined)
      errors.push({ row, column: 'promotionId', message: `${id} is also on row ${seen}.` });
    ids.set(id, row);
    const v = validate(doc);
    if (!v.ok) errors.push({ row, message: v.reason });
    docs.push({ ...doc, _id: id });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, docs };
}

/** Promotion documents as promotions.csv (`rules`: the kind's fields as one JSON object, keys sorted). */
export function exportPromotions(promotions: readonly PromotionDoc[]): string {
  const rows = promotions.map((p) => {
    const rules: Record<string, unknown> = {};
    for (const key of Object.keys(p).sort()) if (!NOT_RULES.has(key)) rules[key] = p[key];
    return {
      promotionId: p.promotionId,
      name: p.name,
      currency: p.currency,
      kind: p.kind,
      status: p.status,
      storeIds: (p.storeIds ?? []).join('|'),
      couponCode: p.couponCode ?? '',
      rules: JSON.stringify(rules),
    };
  });
  return stringify(rows, { header: true, columns: [...PROMOTION_COLUMNS] });
}

// `/_hq/api/catalog/*.csv`: export and all-or-nothing import of products, prices and promotions.
import type { PriceDoc, ProductDoc, PromotionDoc } from '@store-os/shared/schemas';
import type { Ctx } from '../http/context';
import { CouchError, dbNotFound } from '../http/couch-error';
import { readRaw } from '../http/read-body';
import { sendJson } from '../http/respond';
import { writeCheckFor } from '../validation/write-validator';
import { exportPrices, exportProducts, importPrices, importProducts } from './catalog-csv';
import { requireRole } from './hq-access';
import { exportPromotions, importPromotions } from './promotions-csv';

/** The catalog CSV files. */
export type CsvKind = 'products' | 'prices' | 'promotions';

const CATALOG = 'catalog';

function catalogDocs<T>(ctx: Ctx, prefix: string): T[] {
  const info = ctx.services.store.info(CATALOG);
  if (!info) throw dbNotFound();
  return ctx.services.store
    .range(
      info,
      {
        startkey: prefix,
        endkey: `${prefix}\uffff`,
        inclusiveEnd: true,
        descending: false,
        limit: 10_000_000,
        skip: 0,
      },
      true,
    )
    .map((r) => JSON.parse(r.body ?? '{}') as T);
}

function sendCsv(ctx: Ctx, name: string, text: string): void {
  const body = Buffer.from(text);
  ctx.res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Content-Length': String(body.length),
  });
  ctx.res.end(body);
}

export function getCsv(ctx: Ctx, kind: CsvKind): void {
  requireRole(ctx, ['admin', 'hq'], 'Catalog export');
  if (kind === 'products')
    sendCsv(ctx, 'products.csv', exportProducts(catalogDocs<ProductDoc>(ctx, 'product:')));
  else if (kind === 'promotions')
    sendCsv(ctx, 'promotions.csv', exportPromotions(catalogDocs<PromotionDoc>(ctx, 'promotion:')));
  else sendCsv(ctx, 'prices.csv', exportPrices(catalogDocs<PriceDoc>(ctx, 'price:')));
}

export async function postCsv(ctx: Ctx, kind: CsvKind): Promise<void> {
  const principal = requireRole(ctx, ['admin', 'hq'], 'Catalog import');
  const text = (await readRaw(ctx.req, ctx.services.maxBodyBytes)).toString('utf8');
  const now = new Date().toISOString();
  const parsed =
    kind === 'products'
      ? importProducts(text, ctx.services.validate, now)
      : kind === 'promotions'
        ? importPromotions(text, ctx.services.validate, now)
        : importPrices(text, ctx.services.validate, now);
  if (!parsed.ok) {
    sendJson(ctx.res, 422, {
      error: 'invalid_rows',
      reason: `${parsed.errors.length} problem(s) in ${kind}.csv; nothing was imported. Fix the rows and upload again.`,
      rows: parsed.errors,
    });
    return;
  }
  const info = ctx.services.store.info(CATALOG);
  if (!info) throw dbNotFound();
  const docs = parsed.docs.map((d) => {
    const row = ctx.services.store.getDoc(info, d._id as string);
    return row && row.deleted === 0 ? { ...d, _rev: row.winning_rev } : d;
  });
  const results = await ctx.services.store.writeDocs(
    info,
    docs,
    true,
    writeCheckFor(principal, CATALOG, ctx.services.validate),
  );
  const failed = results.filter((r) => 'error' in r);
  if (failed.length > 0)
    throw new CouchError(
      409,
      'conflict',
      `${failed.length} document(s) changed while importing (${failed
        .map((f) => f.id)
        .slice(0, 5)
        .join(', ')}); upload the file again.`,
    );
  sendJson(ctx.res, 200, { ok: true, written: results.length });
}

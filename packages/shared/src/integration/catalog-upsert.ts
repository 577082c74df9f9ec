import Type from 'typebox';
import type { Static } from 'typebox';
import {
  BarcodeDocSchema,
  PriceDocSchema,
  PriceListDocSchema,
  ProductDocSchema,
  PromotionDocSchema,
} from '../schemas';
import { discriminated } from '../schemas/fragments';

// `POST /_api/catalog`: an ERP or PIM upserts products, barcodes, price lists, prices and promotions into
// the `catalog` database. A batch is all or nothing: one bad document and none is written.

/** Catalog document types the integration API accepts. */
export const CATALOG_API_TYPES = ['product', 'barcode', 'price-list', 'price', 'promotion'] as const;

/** Largest number of documents in one catalog batch. */
export const MAX_CATALOG_BATCH = 1000;

/** Request body of `POST /_api/catalog`. */
export const CatalogUpsertRequestSchema = Type.Object(
  {
    docs: Type.Array(
      discriminated('type', [
        ProductDocSchema,
        BarcodeDocSchema,
        PriceListDocSchema,
        PriceDocSchema,
        PromotionDocSchema,
      ]),
      { minItems: 1, maxItems: MAX_CATALOG_BATCH },
    ),
  },
  { additionalProperties: false },
);
/** A catalog batch. */
export type CatalogUpsertRequest = Static<typeof CatalogUpsertRequestSchema>;

/** Answer of `POST /_api/catalog`: every document with its new revision. */
export const CatalogUpsertResultSchema = Type.Object(
  {
    written: Type.Integer({ minimum: 0 }),
    docs: Type.Array(
      Type.Object(
        { id: Type.String(), rev: Type.String(), created: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
/** What a catalog batch wrote. */
export type CatalogUpsertResult = Static<typeof CatalogUpsertResultSchema>;

// `POST /_api/catalog`: upserts a batch of catalog documents (each validated by the shared schemas and
// the server's write rules) in one transaction: every document is written, or none.
import type { CatalogUpsertRequest } from '@store-os/shared/integration';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';

export function postCatalog(call: ApiCall): Promise<ApiAnswer> {
  const { docs } = call.body as CatalogUpsertRequest;
  return call.api.writeOnce(call, (writer) => {
    const prepared = docs.map((doc) => {
      const rev = writer.currentRev('catalog', doc.id);
      return { ...doc, _id: doc.id, ...(rev === undefined ? {} : { _rev: rev }) };
    });
    const results = writer.write('catalog', prepared);
    return {
      status: 200,
      body: {
        written: results.length,
        docs: results.map((r, i) => ({
          id: r.id,
          rev: 'rev' in r && r.rev !== undefined ? r.rev : '',
          created: prepared[i]?._rev === undefined,
        })),
      },
    };
  });
}

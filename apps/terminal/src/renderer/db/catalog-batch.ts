import type { JsonDocument } from '@store-os/shared/schemas';

/** A catalog document as the terminal keeps it: the server's JSON without CouchDB's `_` fields. */
export type CatalogDocument = JsonDocument & { readonly id: string; readonly type: string };

/** Where the catalog's replication stands, stored in the same transaction as the documents it covers. */
export interface CatalogCheckpoint {
  /** The server's `last_seq` after the last applied batch (a number on the sync-server, a string on CouchDB). */
  readonly since: string | number;
  /** `_changes` rows applied since the first sync began (updates and deletions count once each). */
  readonly docsApplied: number;
  /** The first catch-up reached the server's end once; later catch-ups are updates. */
  readonly firstSyncComplete: boolean;
}

/** One write: documents to store, ids to delete, and the checkpoint that includes them. */
export interface CatalogBatch {
  readonly put: readonly CatalogDocument[];
  readonly remove: readonly string[];
  readonly checkpoint: CatalogCheckpoint;
}

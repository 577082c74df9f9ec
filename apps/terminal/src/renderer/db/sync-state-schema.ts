import type { RxJsonSchema } from 'rxdb';

/** Where a locally written document stands with the server: waiting, accepted, or refused with a reason. */
export type SyncState = 'pending' | 'synced' | 'rejected';

/** The sync state of one document of one collection (local-only, never replicated). */
export interface SyncStateDocument {
  /** `<collection>|<document id>` */
  readonly key: string;
  /** Named so because RxDB reserves `collection` on documents. */
  readonly collectionName: string;
  readonly docId: string;
  readonly state: SyncState;
  /** The server's reason for a rejection (its `reason` field), shown to the cashier and manager. */
  readonly reason?: string;
  readonly updatedAt: number;
}

export const syncStateSchema: RxJsonSchema<SyncStateDocument> = {
  title: 'sync state',
  description: 'Local-only: the replication state of each document this terminal wrote.',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 200 },
    collectionName: { type: 'string', maxLength: 40 },
    docId: { type: 'string', maxLength: 160 },
    state: { type: 'string', enum: ['pending', 'synced', 'rejected'], maxLength: 10 },
    reason: { type: 'string' },
    updatedAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['key', 'collectionName', 'docId', 'state', 'updatedAt'],
  indexes: ['state'],
  additionalProperties: false,
};

import type { AuditKind } from '@store-os/shared/schemas';
import type { TerminalContext } from '../app/start-terminal';
import { saveDocuments } from '../db/save-documents';
import type { EnvelopeDocument } from '../db/terminal-database';

/** Records an audit fact (login, failed PIN, lockout, sign-out) in the store database; it syncs like a sale. */
export async function recordAudit(
  context: TerminalContext,
  kind: AuditKind,
  userId: string,
  details?: Readonly<Record<string, unknown>>,
): Promise<void> {
  const doc = {
    id: context.checkout.newId(),
    type: 'audit-event',
    schemaVersion: 1,
    storeId: context.info.storeId,
    terminalId: context.info.terminalId,
    kind,
    userId,
    ...(details ? { details: { ...details } } : {}),
    createdAt: new Date().toISOString(),
  } as EnvelopeDocument;
  await saveDocuments(context.db, context.ledger, 'store', [doc]);
}

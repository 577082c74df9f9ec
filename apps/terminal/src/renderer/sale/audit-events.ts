import type { AuditEventDoc, AuditKind, IdFactory } from '@store-os/shared';

/** Input of {@link auditEvent}: what happened, who did it, who approved it and why. */
export interface AuditInput {
  readonly newId: IdFactory;
  readonly storeId: string;
  readonly terminalId: string;
  readonly kind: AuditKind;
  readonly at: Date;
  readonly userId?: string;
  readonly approvedBy?: string;
  /** The order (or held cart) the event belongs to. */
  readonly ref?: { kind: string; id: string; lineId?: string };
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** An audit-event document (voids, overrides, no-sale opens), id made here where it happens. */
export function auditEvent(input: AuditInput): AuditEventDoc {
  return {
    id: input.newId(),
    type: 'audit-event',
    schemaVersion: 1,
    storeId: input.storeId,
    terminalId: input.terminalId,
    kind: input.kind,
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
    ...(input.approvedBy !== undefined ? { approvedBy: input.approvedBy } : {}),
    ...(input.ref !== undefined ? { ref: { ...input.ref } } : {}),
    ...(input.details !== undefined ? { details: { ...input.details } } : {}),
    createdAt: input.at.toISOString(),
  };
}

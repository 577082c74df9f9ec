import { DomainError } from '../errors';

/** Every reason a terminal refuses an update; stable codes HQ dashboards and tests match on. */
export const UPDATE_REFUSALS = {
  malformed: 'update.malformed',
  unknownKey: 'update.unknown-key',
  retiredKey: 'update.retired-key',
  badSignature: 'update.bad-signature',
  rollback: 'update.rollback',
  keyListRollback: 'update.key-list-rollback',
  expired: 'update.expired',
  halted: 'update.halted',
  notInCohort: 'update.not-in-cohort',
  feedMismatch: 'update.feed-mismatch',
  fileMismatch: 'update.file-mismatch',
  noFileForPlatform: 'update.no-file-for-platform',
} as const;
/** A refusal code from UPDATE_REFUSALS. */
export type UpdateRefusalCode = (typeof UPDATE_REFUSALS)[keyof typeof UPDATE_REFUSALS];

/** A DomainError whose code is one of the update refusals. */
export function updateRefusal(
  code: UpdateRefusalCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): DomainError {
  return new DomainError(code, message, details);
}

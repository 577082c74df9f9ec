import { decodeTime, isValid as isValidUlid, monotonicFactory } from 'ulid';
import type { Clock, RandomSource } from '../clock';
import { DomainError } from '../errors';

/**
 * Where a fact was recorded: a terminal id (`s001-t02`) or a service name (`hq`, `web`, `server`).
 * Letters, digits, `.`, `_` and `-`; starts with a letter or digit so it never looks like a CouchDB `_` id.
 */
export type OriginId = string;

/** `<originId>-<monotonic ULID>`: unique without coordination, sortable by creation time per origin. */
export type DocumentId = string;

/** The parts of a DocumentId. */
export interface ParsedDocumentId {
  readonly originId: OriginId;
  readonly ulid: string;
  /** Milliseconds since the epoch encoded in the ULID: when the id was generated. */
  readonly createdAtMs: number;
}

/** Generates ids for facts recorded at one origin; each call returns a strictly greater id. */
export type IdFactory = () => DocumentId;

export const ORIGIN_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
const ORIGIN_ID_RE = new RegExp(ORIGIN_ID_PATTERN);
const ULID_LENGTH = 26;
/** Longest possible DocumentId: 64-character origin, dash, ULID. Fits RxDB's primary-key maxLength. */
export const MAX_DOCUMENT_ID_LENGTH = 64 + 1 + ULID_LENGTH;
export const DOCUMENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}-[0-9A-HJKMNP-TV-Z]{26}$';

/** True when `value` is a usable origin (terminal or service) id. */
export function isOriginId(value: string): boolean {
  return ORIGIN_ID_RE.test(value);
}

/** Throws `id.invalid-origin` unless `value` is a usable origin id. */
export function assertOriginId(value: string): void {
  if (!isOriginId(value)) {
    throw new DomainError(
      'id.invalid-origin',
      `Terminal/origin id "${value}" is not usable in document ids: use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
      { value },
    );
  }
}

/**
 * ulid wants a PRNG answering floats in [0, 1); we derive one from injected bytes so ids are
 * reproducible in tests and use crypto.getRandomValues in production.
 */
export function prngFromRandomSource(random: RandomSource): () => number {
  return () => {
    const bytes = random(4);
    if (bytes.length < 4) {
      throw new DomainError(
        'id.random-source-short',
        `The random source returned ${bytes.length} bytes where 4 were asked for.`,
        { returned: bytes.length },
      );
    }
    const value =
      ((bytes[0] ?? 0) * 2 ** 24 + (bytes[1] ?? 0) * 2 ** 16 + (bytes[2] ?? 0) * 2 ** 8 + (bytes[3] ?? 0)) /
      2 ** 32;
    return value;
  };
}

/** Options for {@link createIdFactory}. */
export interface IdFactoryOptions {
  readonly originId: OriginId;
  readonly clock: Clock;
  readonly random: RandomSource;
}

/**
 * Builds the id generator for one origin. Ids stay strictly increasing even if the clock steps back
 * (ulid's monotonic factory increments the random part), so a terminal's ids sort in creation order.
 */
export function createIdFactory(options: IdFactoryOptions): IdFactory {
  assertOriginId(options.originId);
  const next = monotonicFactory(prngFromRandomSource(options.random));
  const prefix = `${options.originId}-`;
  let lastTime = 0;
  return () => {
    // Never hand ulid a time earlier than one it has seen, so a clock step back keeps monotonicity.
    const now = options.clock.now();
    if (!Number.isSafeInteger(now) || now <= 0) {
      // ulid silently falls back to Date.now() for 0 or NaN, which would break reproducibility.
      throw new DomainError(
        'id.bad-clock',
        `The clock answered ${now}; ids need a positive epoch time in ms.`,
        { now },
      );
    }
    lastTime = Math.max(lastTime, now);
    return prefix + next(lastTime);
  };
}

/** Splits a DocumentId into origin and ULID, or returns undefined when it is not one. */
export function tryParseDocumentId(id: string): ParsedDocumentId | undefined {
  if (id.length < ULID_LENGTH + 2 || id.length > MAX_DOCUMENT_ID_LENGTH) return undefined;
  const ulid = id.slice(-ULID_LENGTH);
  const dash = id.charAt(id.length - ULID_LENGTH - 1);
  const originId = id.slice(0, -ULID_LENGTH - 1);
  if (dash !== '-' || !isOriginId(originId) || !isValidUlid(ulid) || ulid !== ulid.toUpperCase()) {
    return undefined;
  }
  return { originId, ulid, createdAtMs: decodeTime(ulid) };
}

/** Parses a DocumentId or throws `id.malformed` saying what a valid one looks like. */
export function parseDocumentId(id: string): ParsedDocumentId {
  const parsed = tryParseDocumentId(id);
  if (parsed === undefined) {
    throw new DomainError(
      'id.malformed',
      `"${id}" is not a document id: expected <terminalId>-<26-character ULID>, e.g. s001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0B.`,
      { id },
    );
  }
  return parsed;
}

/** True when `id` has the `<originId>-<ULID>` form. */
export function isDocumentId(id: string): boolean {
  return tryParseDocumentId(id) !== undefined;
}

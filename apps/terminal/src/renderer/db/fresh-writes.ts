/**
 * What a sync run into an empty store has written so far, so a batch of documents never seen needs no
 * read before its write. Ids are kept as 32-bit hashes: a collision only costs a read.
 */
export class FreshWrites {
  readonly groups = new Set<string>();
  readonly ids = new Set<number>();
  /** Number of the next page record (`page:<n>`) for documents never seen. */
  nextPage = 0;
}

/**
 * Documents per page record in a fresh run: one IndexedDB put per page instead of per SKU, because each
 * put costs the renderer a serialisation and an IPC round trip whatever its size. Small enough that a
 * scan parses a few kilobytes and a search reads a few dozen pages.
 */
export const PAGE_DOCS = 24;

/** A 32-bit FNV-1a hash of a document id (FreshWrites keeps ids as these). */
export function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

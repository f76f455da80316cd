import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/**
 * botbuilder's `Storage`, with the eTag contract made exact:
 * - `read` returns each item with its current `eTag`;
 * - `write` of an item without an eTag, or with `*`, replaces it; with any other eTag, it succeeds
 *   only if that is still the stored eTag, else it throws `StateConflictError` and writes nothing more;
 * - every successful write gives the item a new eTag and sets it on the object written, so the same
 *   turn can write again.
 */
export type EtagStorage = Storage;

/** A write carried an eTag that is no longer the stored one: someone else wrote in between. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
  readonly code = 'state_conflict';
  constructor(readonly key: string) {
    super(`Storage: the state was changed by another turn since it was read (eTag mismatch); reload it and try again.`);
  }
}

/**
 * A storage that keeps each document as JSON text can hand it over and take it as text: a turn then
 * parses its state once and serialises it once.
 */
export interface JsonDocumentStorage extends EtagStorage {
  /** The stored document as JSON (without its eTag), or undefined when nothing is stored. */
  readJson(key: string): Promise<{ readonly json: string; readonly etag: string } | undefined>;
  /** Stores `json` under the eTag contract of `write` (`expectedEtag` as an item's `eTag`); returns the new eTag. */
  writeJson(key: string, json: string, expectedEtag: string): Promise<string>;
}

/** Whether `storage` can hand over documents as JSON text. */
export function isJsonDocumentStorage(storage: EtagStorage): storage is JsonDocumentStorage {
  return typeof (storage as Partial<JsonDocumentStorage>).readJson === 'function' && typeof (storage as Partial<JsonDocumentStorage>).writeJson === 'function';
}

/** The eTag of state read when nothing was stored: its write must not replace what another turn stored since. */
export const ABSENT_ETAG = 'absent';

/** Whether a write must match the stored eTag (or \`ABSENT_ETAG\`: find nothing stored). */
export function expectedEtag(item: StoreItem): string | undefined {
  const etag: unknown = item.eTag;
  return typeof etag === 'string' && etag !== '*' && etag !== '' ? etag : undefined;
}

/** The item without its eTag: what is stored as the document. */
export function documentOf(item: StoreItem): Record<string, unknown> {
  const { eTag: _etag, ...doc } = item;
  return doc;
}

export type { StoreItems };

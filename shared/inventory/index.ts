import { mergeInventories } from './builder.js';
import { normalizeDocument } from './detect.js';
import { linkInventory } from './link.js';
import type { Inventory } from './types.js';

export { emptyInventory, mergeInventories } from './builder.js';
export { toIsoDate } from './dates.js';
export { normalizeDocument } from './detect.js';
export { linkInventory } from './link.js';
export { loadInventory } from './load.js';
export type { InputError, Inventory, PendingLinks, SkippedItems } from './types.js';
export { InputFormatError } from './types.js';

/** Normalizes several documents and links them as one input (the API outputs of one read, say). */
export function normalizeDocuments(documents: readonly { document: unknown; source: string }[]): Inventory {
  return linkInventory(
    mergeInventories(documents.map(({ document, source }) => normalizeDocument(document, source))),
  );
}

import { mergeInventories } from './builder.js';
import { normalizeDocument } from './detect.js';
import { linkInventory } from './link.js';
import type { Inventory } from './types.js';

export { mergeInventories } from './builder.js';
export { normalizeDocument } from './detect.js';
export { linkInventory } from './link.js';
export { loadInventory } from './load.js';
export type { Inventory } from './types.js';

/** Normalizes several documents and links them as one input (the API outputs of one read, say). */
export function normalizeDocuments(documents: readonly { document: unknown; source: string }[]): Inventory {
  return linkInventory(
    mergeInventories(documents.map(({ document, source }) => normalizeDocument(document, source))),
  );
}

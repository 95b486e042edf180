/** Normalizing input documents the way the CLI reads them, for tests that start from documents. */
import { mergeInventories } from '../../shared/inventory/builder.js';
import { normalizeDocument } from '../../shared/inventory/detect.js';
import { linkInventory } from '../../shared/inventory/link.js';
import type { Inventory } from '../../shared/inventory/types.js';

/** Normalizes several documents and links them as one input (the API outputs of one read, say). */
export function normalizeDocuments(documents: readonly { document: unknown; source: string }[]): Inventory {
  return linkInventory(
    mergeInventories(documents.map(({ document, source }) => normalizeDocument(document, source))),
  );
}

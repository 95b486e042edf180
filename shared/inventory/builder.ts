import { FAMILIES } from '../families/index.js';
import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';
import { FieldError, type Fields } from './fields.js';
import type { InputError, Inventory, PendingLinks, SkippedItems } from './types.js';

/** Every kind of pending fact the families keep, in registry order. */
export const PENDING_KINDS = FAMILIES.flatMap((family) => family.inputs.pending ?? []);

/** An empty list for each kind of pending fact. */
export function emptyPending(): PendingLinks {
  return Object.fromEntries(PENDING_KINDS.map((kind) => [kind.key, []]));
}

/** Collects what the normalizers of one document find. */
export class InventoryBuilder {
  readonly resources: Resource[] = [];
  readonly errors: InputError[] = [];
  readonly tlsPolicies: ResolvedTlsPolicy[] = [];
  readonly pending = emptyPending();
  private readonly skipped: SkippedItems = { outOfScope: {}, notRecorded: 0 };

  constructor(
    /** The input as the caller named it (file name, API call). */
    readonly source: string,
  ) {}

  /** The input and a format, as the source of what was read from it: "file.json (<service> describe-<things>)". */
  labelOf(format: string): string {
    return `${this.source} (${format})`;
  }

  error(message: string): void {
    this.errors.push({ source: this.source, message });
  }

  skipOutOfScope(resourceType: string): void {
    this.skipped.outOfScope[resourceType] = (this.skipped.outOfScope[resourceType] ?? 0) + 1;
  }

  skipNotRecorded(): void {
    this.skipped.notRecorded += 1;
  }

  /**
   * Runs `read` on each record; a record with a bad field is left out and reported with the field's
   * path, and the other records are still read.
   */
  eachRecord(format: string, what: string, records: readonly Fields[], read: (record: Fields) => void): void {
    for (const record of records) this.guard(format, what, () => read(record));
  }

  guard(format: string, what: string, read: () => void): void {
    try {
      read();
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.error(`${format}: ${error.message}; the ${what} is left out`);
    }
  }

  build(): Inventory {
    const skippedAny = this.skipped.notRecorded > 0 || Object.keys(this.skipped.outOfScope).length > 0;
    const pendingAny = Object.values(this.pending).some((list) => list.length > 0);
    return {
      resources: this.resources,
      errors: this.errors,
      tlsPolicies: this.tlsPolicies,
      ...(skippedAny ? { skipped: this.skipped } : {}),
      ...(pendingAny ? { pending: this.pending } : {}),
    };
  }
}

function mergeSkipped(parts: readonly (SkippedItems | undefined)[]): SkippedItems | undefined {
  const present = parts.filter((part): part is SkippedItems => part !== undefined);
  if (present.length === 0) return undefined;
  const merged: SkippedItems = { outOfScope: {}, notRecorded: 0 };
  for (const part of present) {
    merged.notRecorded += part.notRecorded;
    for (const [type, count] of Object.entries(part.outOfScope)) {
      merged.outOfScope[type] = (merged.outOfScope[type] ?? 0) + count;
    }
  }
  return merged;
}

/** Concatenates inventories in order (linkInventory then joins what they say about one resource). */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  const pending = emptyPending();
  for (const part of parts) {
    for (const [key, list] of Object.entries(part.pending ?? {})) {
      const merged = pending[key];
      if (merged) merged.push(...list);
      else pending[key] = [...list];
    }
  }
  const skipped = mergeSkipped(parts.map((part) => part.skipped));
  return {
    resources: parts.flatMap((part) => part.resources),
    errors: parts.flatMap((part) => part.errors),
    tlsPolicies: parts.flatMap((part) => part.tlsPolicies),
    ...(skipped ? { skipped } : {}),
    pending,
  };
}

import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';

/** A problem with one input: names the input (file, event id, API call) and what is wrong. */
export interface InputError {
  source: string;
  message: string;
}

/** AWS Config items that are deliberately not resources, counted so a report can say so. */
export interface SkippedItems {
  /** Items of resource types transit-guard does not judge, per type. */
  outOfScope: Record<string, number>;
  /** Items recorded as ResourceDeleted, ResourceDeletedNotRecorded or ResourceNotRecorded. */
  notRecorded: number;
}

/**
 * What the normalizers keep for linkInventory: facts about other resources, not resources themselves, by
 * kind (a family's PendingKind key).
 */
export type PendingLinks = Record<string, unknown[]>;

/** What the normalizers produce from any mix of inputs. */
export interface Inventory {
  resources: Resource[];
  errors: InputError[];
  /** Security policies found in the input (a family's describe output); they override the TLS catalog's bundled data. */
  tlsPolicies: ResolvedTlsPolicy[];
  /** Config items that were not turned into resources on purpose (absent: none were seen). */
  skipped?: SkippedItems;
  /** Linking data not yet applied; linkInventory consumes it and leaves it out of its result. */
  pending?: PendingLinks;
}

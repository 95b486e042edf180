/**
 * The inputs facet of a family: what its input files look like (describe-API outputs, AWS Config items) and how
 * its records join. The inventory loader (detect, config-item, link, dedupe, load, file-source) iterates the
 * families' facets and names no family.
 */
import type { Resource } from '../model/resource.js';
import type { InventoryBuilder } from './builder.js';
import type { Fields, JsonObject } from './fields.js';
import type { InputError, PendingLinks } from './types.js';

/** A describe-API output recognized by one top-level key. */
export interface DescribeFormat {
  /** The top-level key that marks it (the list the output holds). */
  key: string;
  /** How errors and sources name it (<service> describe-<things>). */
  format: string;
  /** What the key holds: a list of records (the default), one record, or it marks the document as the record. */
  holds?: 'list' | 'one' | 'document';
  /** `label` names the input and the format, as a resource's source. */
  read(records: Fields[], format: string, label: string, out: InventoryBuilder): void;
  /**
   * Its list can be huge (an IoT account's millions of certificate summaries): a file whose only format key is
   * this one is read a record at a time (json-array.ts), each record passed to `read` alone. Only for a
   * `read` that judges each record by itself (no record completes another within the list).
   */
  streams?: true;
}

/** An input recognized by its shape rather than by a top-level key. */
interface DocumentShape<T> {
  /** What the shape is, for the error that lists what an input may be. */
  expected: string;
  /** Reads the document when it has the shape; false when it does not. */
  read(document: T, out: InventoryBuilder): boolean;
}

/** Where a Config item says its resource is, beside its configuration. */
export interface ConfigItemScope {
  arn: string | undefined;
  accountId: string | undefined;
  region: string | undefined;
  capturedAt?: string | undefined;
}

/** One AWS Config item of a type the family reads, for its reader. */
interface ConfigItemRecord {
  /** The item's configuration (decoded when Config sent it as JSON text). */
  configuration: Fields;
  /** The whole item. */
  item: Fields;
  /** The item's resourceId. */
  resourceId: string | undefined;
  scope: ConfigItemScope;
  /** The item's supplementaryConfiguration, decoded. */
  supplementary: Fields | undefined;
  /** The input and its format, as a resource's source. */
  label: string;
}

/** A Config item's resource; undefined when the item only completes others (kept in `out.pending`). */
export type ConfigItemReader = (record: ConfigItemRecord, out: InventoryBuilder) => Resource | undefined;

/**
 * A kind of fact about other resources that a family's readers keep in `Inventory.pending` (under `key`) for
 * its link step.
 */
export interface PendingKind<T> {
  key: string;
  /** How the summary of an input file counts them (a plural noun); absent: not counted. */
  label?: string;
  /** Type only: what the list holds. */
  sample?: T;
}

/** The list of one kind of pending facts, created when absent. */
export function pendingList<T>(pending: PendingLinks, kind: PendingKind<T>): T[] {
  let list = pending[kind.key];
  if (!list) {
    list = [];
    pending[kind.key] = list;
  }
  return list as T[];
}

/**
 * Joins what the inputs say once they are merged and deduplicated: returns the records it completed (the
 * old record -> the linked one). Problems go to `errors`.
 */
type LinkStep = (
  resources: readonly Resource[],
  pending: PendingLinks,
  errors: InputError[],
) => Map<Resource, Resource>;

/**
 * Joins the lists of two records of one resource (of a type the family owns): `merged` has the later
 * record's fields over the earlier's; contradictions go to `conflict`.
 */
export type ListMerge = (
  earlier: Resource,
  later: Resource,
  merged: Resource,
  conflict: (message: string) => void,
) => Resource;

export interface FamilyInputs {
  /** Describe-API outputs, by top-level key; every format whose key a document has is read, in family order. */
  formats?: readonly DescribeFormat[];
  /** Bare objects the family recognizes (tried after AWS Config shapes, before the formats). */
  objects?: readonly DocumentShape<JsonObject>[];
  /** Lists of records the family recognizes (tried after a list of AWS Config items). */
  lists?: readonly DocumentShape<unknown[]>[];
  /** AWS Config item readers, by resource type; items of other types are counted as out of scope. */
  configItems?: Readonly<Record<string, ConfigItemReader>>;
  /** The pending facts its readers keep, in the order an input's summary lists them. */
  pending?: readonly PendingKind<unknown>[];
  /** Its step of linkInventory (families link in registry order). */
  link?: LinkStep;
  /**
   * The part of its link step that needs nothing but other resources' records ("in use by": a listener naming a
   * certificate's ARN). The live sweep reads one region at a time and no reader sees another family's records,
   * so it applies this step once every region is read (joinUsers in ./link.ts).
   */
  joinUsers?: (resources: readonly Resource[]) => Map<Resource, Resource>;
  /** The ARNs joinUsers looks for (the fanned-out sweep records which resources name them: state/certificate-users.ts). */
  usedArn?: (text: string) => boolean;
  /** How two records of one of its resources join their lists, by resource type. */
  mergeLists?: Readonly<Record<string, ListMerge>>;
  /** Object fields of its resources that two records join key by key rather than replace. */
  mapFields?: readonly string[];
  /**
   * Resources that an input may name without an ARN, by type: such a record joins the one record of the same
   * name (this function) and region that has an ARN, when the two agree.
   */
  nameOf?: Readonly<Record<string, (resource: Resource) => string>>;
}

import { FAMILIES } from '../families/index.js';
import type { Resource } from '../model/resource.js';
import type { ListMerge } from './family-inputs.js';
import { mergeFields } from './merge.js';
import type { InputError } from './types.js';

/** Objects merged key by key rather than replaced: tags, and the families' own. */
const MAP_FIELDS: ReadonlySet<string> = new Set([
  'tags',
  ...FAMILIES.flatMap((family) => family.inputs.mapFields ?? []),
]);

/** How two records of one resource join their lists, by resource type. */
const LIST_MERGES = new Map<string, ListMerge>(
  FAMILIES.flatMap((family) => Object.entries(family.inputs.mergeLists ?? {})),
);

/** The name a resource that an input may name without an ARN goes by, by resource type. */
const NAME_OF = new Map<string, (resource: Resource) => string>(
  FAMILIES.flatMap((family) => Object.entries(family.inputs.nameOf ?? {})),
);

function joinSources(earlier: string, later: string): string {
  return earlier.split(', ').includes(later) ? earlier : `${earlier}, ${later}`;
}

/**
 * The same resource from two inputs: the later record wins field by field, absent and empty fields
 * excepted. Lists of things that name themselves are joined entry by entry by the family's list merge
 * (FamilyInputs.mergeLists: tunnels by outside IP, listeners by port, certificates and rules by ARN, ...),
 * never replaced. Lists that are one setting (default actions, ALPN policy, the MACsec keys associated now)
 * are the later input's. Contradicting inputs are reported in `errors`.
 * dedupeResources joins only records on which the order makes no difference.
 * @internal Unit-tested directly: which of two reads of one resource wins, field by field.
 */
export function mergeResources<T extends Resource>(earlier: T, later: T, errors: InputError[]): T {
  const fields = mergeFields(earlier, later, MAP_FIELDS);
  // An ARN beats a bare name (a resource described without its account).
  const resourceId = later.resourceId.startsWith('arn:') ? later.resourceId : earlier.resourceId;
  const source = joinSources(earlier.source, later.source);
  const conflict = (message: string) => errors.push({ source, message });
  const merged = { ...fields, resourceId, source };
  // dedupeResources only merges records of one resource type.
  const mergeLists = LIST_MERGES.get(earlier.resourceType);
  return (mergeLists ? mergeLists(earlier, later, merged, conflict) : merged) as T;
}

/** A value with its object keys sorted and its lists as sorted multisets: two inputs may list the same entries in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
}

/**
 * The fields two records of one resource contradict each other on: those that joining them gives
 * differently in either order (where a record came from is not what it says). None: each only adds what
 * the other leaves out, and they agree.
 */
function contradictions(a: Resource, b: Resource): string[] {
  const ab = mergeResources(a, b, []) as unknown as Record<string, unknown>;
  const ba = mergeResources(b, a, []) as unknown as Record<string, unknown>;
  const fields = new Set([...Object.keys(ab), ...Object.keys(ba)]);
  fields.delete('source');
  return [...fields].filter((field) => canonical(ab[field]) !== canonical(ba[field]));
}

const shortType = (type: string) => type.replace(/^AWS::/, '');

function conflictError(earlier: Resource, later: Resource, fields: readonly string[]): InputError {
  return {
    source: joinSources(earlier.source, later.source),
    message: `${shortType(later.resourceType)} ${later.resourceId} is described differently in these inputs (${fields.join(', ')}), and they do not say which is newer (an AWS Config item's configurationItemCaptureTime would): each description is judged`,
  };
}

/**
 * The records of one resource from several inputs. The newest AWS Config state wins over older ones,
 * whatever the order of the inputs. Records that agree are joined; records that contradict each other
 * and do not say which is newer are all kept (each is judged, so a weak state is never hidden by a strong
 * one) and reported.
 */
function resolveRecords(records: readonly Resource[], errors: InputError[]): Resource[] {
  const times = records.map((record) => (record.capturedAt ? Date.parse(record.capturedAt) : Number.NaN));
  const newest = Math.max(...times.filter((time) => !Number.isNaN(time)));
  const current = records.filter((_, index) => !((times[index] as number) < newest));
  const kept: Resource[] = [];
  for (const record of current) {
    const position = kept.findIndex((candidate) => contradictions(candidate, record).length === 0);
    if (position >= 0) {
      kept[position] = mergeResources(kept[position] as Resource, record, errors);
      continue;
    }
    const [first] = kept;
    if (first) errors.push(conflictError(first, record, contradictions(first, record)));
    kept.push(record);
  }
  return kept;
}

/**
 * A resource known only by name (its account was not in the input: a classic load balancer described
 * without its account) joins the one record of that type and name that has an ARN, in the same region when
 * the region is known, when the two agree. `records` is changed in place: the joined record takes the place
 * of the one with the ARN, and its own place is emptied.
 */
function joinByName(records: (Resource | undefined)[], errors: InputError[]): void {
  // The records with an ARN, by type and name; the regions are read when a name is joined, as joining fills them in.
  const withArn = new Map<string, Map<string, number[]>>();
  const byName: number[] = [];
  records.forEach((record, position) => {
    const nameOf = record && NAME_OF.get(record.resourceType);
    if (!record || !nameOf) return;
    if (!record.resourceId.startsWith('arn:')) {
      byName.push(position);
      return;
    }
    let names = withArn.get(record.resourceType);
    if (!names) {
      names = new Map();
      withArn.set(record.resourceType, names);
    }
    const name = nameOf(record);
    const positions = names.get(name);
    if (positions) positions.push(position);
    else names.set(name, [position]);
  });
  for (const position of byName) {
    const resource = records[position] as Resource;
    const name = (NAME_OF.get(resource.resourceType) as (resource: Resource) => string)(resource);
    const candidates = (withArn.get(resource.resourceType)?.get(name) ?? []).filter(
      (candidate) => resource.region === undefined || records[candidate]?.region === resource.region,
    );
    const [target] = candidates;
    if (candidates.length !== 1 || target === undefined) continue;
    const other = records[target] as Resource;
    // Compared as the same resource: the ARN the name-only record lacks is not a contradiction.
    const fields = contradictions({ ...resource, resourceId: other.resourceId } as Resource, other);
    if (fields.length > 0) {
      errors.push(conflictError(resource, other, fields));
      continue;
    }
    records[position] = undefined;
    records[target] = mergeResources(resource, other, errors);
  }
}

/**
 * One record per resource, in order of first appearance, unless inputs contradict each other without
 * saying which is newer: then each description is kept (and judged), and the contradiction goes to
 * `errors`. Never decided by which input comes last.
 */
export function dedupeResources(resources: readonly Resource[], errors: InputError[]): Resource[] {
  // The position of each resource's first record, by type and id (no key string is built per resource), and
  // the later records of the few read twice: no list per resource, as an account may hold a million (iot-1m).
  const positions = new Map<string, Map<string, number>>();
  const firsts: Resource[] = [];
  const later = new Map<number, Resource[]>();
  for (const resource of resources) {
    let ids = positions.get(resource.resourceType);
    if (!ids) {
      ids = new Map();
      positions.set(resource.resourceType, ids);
    }
    const position = ids.get(resource.resourceId);
    if (position === undefined) {
      ids.set(resource.resourceId, firsts.length);
      firsts.push(resource);
    } else {
      const records = later.get(position);
      if (records) records.push(resource);
      else later.set(position, [resource]);
    }
  }
  const records: (Resource | undefined)[] =
    later.size === 0
      ? firsts
      : firsts.flatMap((first, position) => {
          const more = later.get(position);
          return more ? resolveRecords([first, ...more], errors) : [first];
        });
  joinByName(records, errors);
  return records.filter((record): record is Resource => record !== undefined);
}

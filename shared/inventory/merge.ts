/** How two records of one resource join, field by field and list by list (dedupe and the families' list merges). */

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

const NO_MAP_FIELDS: ReadonlySet<string> = new Set();

/**
 * The later record's fields over the earlier's, absent fields and empty lists excepted; `mapFields` (objects
 * such as tags) are joined key by key rather than replaced.
 */
export function mergeFields<T extends object>(
  earlier: T,
  later: T,
  mapFields: ReadonlySet<string> = NO_MAP_FIELDS,
): T {
  // Not a spread: properties added to a spread copy give each merged record a V8 map of its own.
  const merged: Record<string, unknown> = Object.assign({}, earlier as Record<string, unknown>);
  for (const [key, value] of Object.entries(later)) {
    const previous = merged[key];
    if (value === undefined) continue;
    if (isEmpty(value) && Array.isArray(previous) && previous.length > 0) continue;
    merged[key] = mapFields.has(key) ? { ...(previous as object), ...(value as object) } : value;
  }
  return merged as T;
}

/**
 * A list whose entries name themselves (certificates by ARN, rules by ARN, member ids): entries of both
 * inputs are kept, the later description of an entry replacing the earlier one in its place.
 */
export function unionBy<T>(
  earlier: readonly T[] | undefined,
  later: readonly T[] | undefined,
  keyOf: (entry: T) => string,
): T[] | undefined {
  if (!earlier || !later) return (later ?? earlier)?.slice();
  const laterByKey = new Map(later.map((entry) => [keyOf(entry), entry]));
  const merged = earlier.map((entry) => laterByKey.get(keyOf(entry)) ?? entry);
  const earlierKeys = new Set(earlier.map(keyOf));
  for (const entry of later) if (!earlierKeys.has(keyOf(entry))) merged.push(entry);
  return merged;
}

/** The key of a list of ids: the id itself. */
export const itself = (value: string) => value;

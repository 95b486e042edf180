/**
 * One copy of each value an inventory repeats: account ids, regions, security policy names, a load
 * balancer's ARN on each of its listeners. JSON.parse gives every occurrence a string of its own; at
 * 100,000 resources the copies are some 10 MB. Bounded, so that no input makes the pool grow for ever.
 */
const pool = new Map<string, string>();

const POOL_SIZE = 20_000;

export function intern<T extends string | undefined>(value: T): T {
  if (value === undefined) return value;
  const known = pool.get(value);
  if (known !== undefined) return known as T;
  if (pool.size >= POOL_SIZE) pool.clear();
  pool.set(value, value);
  return value;
}

/**
 * SDK output as the normalizers read it: the same PascalCase shape as the CLI's JSON, with Date
 * values as ISO strings and without the SDK's `$metadata`.
 */
export function toDocument(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toDocument);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key !== '$metadata' && inner !== undefined) out[key] = toDocument(inner);
    }
    return out;
  }
  return value;
}

/** Follows a Marker / NextToken until the last page. */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...(page.items ?? []));
    token = page.next;
    // A token seen before would loop forever; AWS never sends one, a broken stand-in might.
    if (token !== undefined && seen.has(token)) break;
    if (token !== undefined) seen.add(token);
  } while (token);
  return items;
}

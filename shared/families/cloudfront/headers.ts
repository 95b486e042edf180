/**
 * Origin custom headers often carry a shared secret the origin checks (X-Origin-Verify): their values never
 * enter the resource, a finding or a plan. A DistributionConfig is kept with each HeaderValue replaced by
 * HIDDEN; UpdateDistribution gets the real values back from a GetDistribution made just before the write,
 * and only when that read has the ETag the plan was made from (the same config, so the values are the same).
 */
import type { JsonObject } from '../../inventory/fields.js';

const HIDDEN = '[hidden by transit-guard: restored from GetDistribution before the write]';

interface Header {
  HeaderName?: unknown;
  HeaderValue?: unknown;
}

function headersOf(config: JsonObject): { origin: string; header: Header }[] {
  const origins = (config.Origins as { Items?: JsonObject[] } | undefined)?.Items ?? [];
  return origins.flatMap((origin) =>
    ((origin.CustomHeaders as { Items?: Header[] } | undefined)?.Items ?? []).map((header) => ({
      origin: String(origin.Id),
      header,
    })),
  );
}

/** A copy of the config with every origin custom header value hidden. */
export function hideHeaderValues(config: JsonObject): JsonObject {
  const copy = structuredClone(config);
  for (const { header } of headersOf(copy)) {
    if (header.HeaderValue !== undefined) header.HeaderValue = HIDDEN;
  }
  return copy;
}

/**
 * A copy of `planned` with each hidden value taken from `fresh` (same origin, same header name); an Error when
 * one cannot be found, so a placeholder is never written to the distribution.
 */
export function restoreHeaderValues(planned: JsonObject, fresh: JsonObject): JsonObject {
  const copy = structuredClone(planned);
  const values = new Map(
    headersOf(fresh).map(({ origin, header }) => [
      `${origin}\n${String(header.HeaderName)}`,
      header.HeaderValue,
    ]),
  );
  for (const { origin, header } of headersOf(copy)) {
    if (header.HeaderValue !== HIDDEN) continue;
    const value = values.get(`${origin}\n${String(header.HeaderName)}`);
    if (typeof value !== 'string') {
      throw new Error(
        `origin ${origin}: custom header ${String(header.HeaderName)} is not in the distribution read before the write; nothing written`,
      );
    }
    header.HeaderValue = value;
  }
  return copy;
}

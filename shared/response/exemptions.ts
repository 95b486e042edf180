import { FAMILIES } from '../families/index.js';
import type { ResponseExemption } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import type { Policy } from '../policy/schema.js';

/**
 * The resource tag that exempts a resource from rules, for owners who cannot edit the policy file:
 *
 *   transit-guard:exempt = rules=elbv2-listener-plaintext+elbv2-listener-tls-policy expires=2027-03-31 reason=legacy clients
 *
 * - `rules=` rule ids joined with `+` (ELB, ACM and Direct Connect tag values allow no commas or
 *   semicolons: only letters, digits, spaces and `_ . : / = + - @`), or `rules=all`;
 * - `expires=` an ISO date (exempt through that day, UTC) or date-time; required;
 * - `reason=` free text; required. Fields are separated by spaces (or `;` where the service allows it)
 *   and may come in any order; a field's value runs to the next `rules=`, `expires=` or `reason=`.
 * A tag that does not parse exempts nothing, and the plan says why. The policy decides whether tags exempt at
 * all (`exemptions.tags: allow | deny`) and how far ahead a tag's expiry may lie (`exemptions.maxDays`).
 */
export const EXEMPT_TAG = 'transit-guard:exempt';

interface ExemptionEntry {
  rules: 'all' | string[];
  reason: string;
  expires: string;
}

type TagParse = { ok: true; exemption: ExemptionEntry } | { ok: false; error: string };

const FIELD = /(?:^|[\s;]+)(rules|expires|reason)=/gi;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The instant an exemption stops exempting: the end of the day for a date, the instant for a date-time.
 * @internal Unit-tested directly: the end date of an exemption tag or entry.
 */
export function exemptionEnd(expires: string): number | undefined {
  if (ISO_DATE.test(expires)) {
    const start = Date.parse(`${expires}T00:00:00Z`);
    // Date.parse rolls 2027-02-30 over to March: only a date that reads back the same is valid.
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== expires) return undefined;
    return start + DAY_MS;
  }
  if (!ISO_DATE_TIME.test(expires)) return undefined;
  const instant = Date.parse(expires);
  return Number.isNaN(instant) ? undefined : instant;
}

/** @internal Unit-tested directly: every accepted and refused spelling of the exempt tag. */
export function parseExemptTag(value: string): TagParse {
  const fields = new Map<string, string>();
  const matches = [...value.matchAll(FIELD)];
  if (matches.length === 0 || value.slice(0, matches[0]?.index).trim() !== '') {
    return { ok: false, error: 'expected "rules=... expires=YYYY-MM-DD reason=..."' };
  }
  matches.forEach((match, index) => {
    const key = match[1]?.toLowerCase() ?? '';
    const end = matches[index + 1]?.index ?? value.length;
    fields.set(key, value.slice((match.index ?? 0) + match[0].length, end).trim());
  });
  const rules = fields.get('rules');
  const expires = fields.get('expires');
  const reason = fields.get('reason');
  if (!rules) return { ok: false, error: 'rules= is missing or empty' };
  if (!expires) return { ok: false, error: 'expires= is missing: every exemption needs an expiry date' };
  if (exemptionEnd(expires) === undefined) {
    return { ok: false, error: `expires=${expires} is not an ISO date (YYYY-MM-DD)` };
  }
  if (!reason) return { ok: false, error: 'reason= is missing: every exemption needs a reason' };
  const ids = rules
    .split('+')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    ok: true,
    exemption: { rules: ids.length === 1 && ids[0]?.toLowerCase() === 'all' ? 'all' : ids, reason, expires },
  };
}

export interface ExemptionLookup {
  /** An exemption in force now. */
  active?: ResponseExemption;
  /** The most recently expired exemption, when none is in force: the plan says it no longer exempts. */
  expired?: ResponseExemption;
  /** Why the resource's exempt tag was ignored. */
  invalidTag?: string;
  /** Why the policy refused a readable exempt tag: tag exemptions denied, or an expiry beyond maxDays. */
  refusedTag?: string;
}

const covers = (entry: ExemptionEntry, ruleId: string) =>
  entry.rules === 'all' || entry.rules.includes(ruleId);

/** Each resource type's family hook for the other ids it may be exempted by; built on first use. */
let otherIds: Map<string, (resource: Resource) => readonly string[]> | undefined;

/** The ids a policy exemption may name: the resource's id or ARN, and those its family adds. */
function identities(resource: Resource): string[] {
  otherIds ??= new Map(
    FAMILIES.flatMap(({ resourceTypes, exemptionIds }) =>
      exemptionIds ? resourceTypes.map((type) => [type, exemptionIds] as const) : [],
    ),
  );
  const ids = [resource.resourceId, resource.arn, ...(otherIds.get(resource.resourceType)?.(resource) ?? [])];
  return ids.filter((id): id is string => Boolean(id));
}

/**
 * The latest a tag exemption may end: the end of the UTC day `maxDays` days after today. Counted from now, as
 * the tag carries no creation date; a date `maxDays` days ahead is accepted, the next day is not.
 * @internal Unit-tested directly: the latest end date the tag settings allow.
 */
export function latestTagEnd(now: Date, maxDays: number): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return today + (maxDays + 1) * DAY_MS;
}

/** Finds the exemption for this resource and rule in the policy file and in the resource's exempt tag. */
export function findExemption(
  resource: Resource,
  ruleId: string,
  policy: Policy,
  now: Date,
): ExemptionLookup {
  const candidates: ResponseExemption[] = [];
  const lookup: ExemptionLookup = {};
  const add = ({ rules, reason, expires }: ExemptionEntry, source: ResponseExemption['source']) => {
    if (!covers({ rules, reason, expires }, ruleId)) return;
    const end = exemptionEnd(expires) ?? Number.NEGATIVE_INFINITY;
    candidates.push({ source, rules, reason, expires, expired: now.getTime() >= end });
  };
  const { tags, maxDays, resources } = policy.exemptions;
  // The policy file is reviewed like code: maxDays bounds only what a tag can grant. The resource's names are
  // worked out only when the policy lists exemptions (most policies list none; every finding is looked up).
  const ids = resources.length > 0 ? identities(resource) : [];
  for (const exemption of resources) {
    if (ids.includes(exemption.resource)) add(exemption, 'policy');
  }
  const tag = resource.tags[EXEMPT_TAG];
  if (tag !== undefined && tags === 'deny') {
    lookup.refusedTag = 'exemptions.tags is deny in the policy';
  } else if (tag !== undefined) {
    const parsed = parseExemptTag(tag);
    if (!parsed.ok) lookup.invalidTag = parsed.error;
    else if ((exemptionEnd(parsed.exemption.expires) ?? 0) <= latestTagEnd(now, maxDays)) {
      add(parsed.exemption, 'tag');
    } else if (covers(parsed.exemption, ruleId)) {
      lookup.refusedTag = `expires ${parsed.exemption.expires}, beyond exemptions.maxDays (${maxDays})`;
    }
  }
  if (candidates.length === 0) return lookup;
  const latestFirst = (a: ResponseExemption, b: ResponseExemption) =>
    (exemptionEnd(b.expires) ?? 0) - (exemptionEnd(a.expires) ?? 0);
  const active = candidates.filter((c) => !c.expired).sort(latestFirst)[0];
  if (active) return { ...lookup, active };
  const expired = candidates.sort(latestFirst)[0];
  return expired ? { ...lookup, expired } : lookup;
}

const sourceWords = (exemption: ResponseExemption) =>
  exemption.source === 'policy' ? 'policy exemption' : `${EXEMPT_TAG} tag`;

/** "exempt until 2027-03-31 (policy exemption): legacy clients". */
export function describeActiveExemption(exemption: ResponseExemption): string {
  return `exempt until ${exemption.expires} (${sourceWords(exemption)}): ${exemption.reason}`;
}

/** "exemption expired on 2026-09-30 (policy exemption: legacy clients); it no longer exempts". */
export function describeExpiredExemption(exemption: ResponseExemption): string {
  return `exemption expired on ${exemption.expires} (${sourceWords(exemption)}: ${exemption.reason}); it no longer exempts`;
}

/** What the plan says about an exempt tag that exempts nothing (malformed, or refused by the policy). */
export function describeIgnoredTag(lookup: ExemptionLookup): string | undefined {
  if (lookup.invalidTag) return `${EXEMPT_TAG} tag ignored: ${lookup.invalidTag}`;
  return lookup.refusedTag ? `${EXEMPT_TAG} tag refused: ${lookup.refusedTag}` : undefined;
}

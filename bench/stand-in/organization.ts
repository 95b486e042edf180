/**
 * The stand-in's organization (bench/org): an organization Config aggregator over `accounts` member accounts in
 * `regions`, each account-region holding the Config items of one generated account (the template), with the
 * account id and region rewritten. Pages are built when asked, so 200,000 items never sit in memory at once.
 */
import type { GeneratedAccount, Json } from './account.js';

export interface StandInOrganization {
  /** The ConfigurationAggregatorName the stand-in answers for; another name is NoSuchConfigurationAggregator. */
  aggregator: string;
  /** Member accounts (ids 100000000000, 100000000001, ...). */
  accounts: number;
  regions: readonly string[];
  /** One account-region's Config items; every account-region holds the same, under its own ids. */
  template: GeneratedAccount;
}

/** The member account ids of the organization, in order. */
export function memberAccountIds(organization: Pick<StandInOrganization, 'accounts'>): string[] {
  return Array.from({ length: organization.accounts }, (_, i) => String(100_000_000_000 + i));
}

/** The organization's recorded items of these types: account-regions x the template's items of them. */
export function organizationSize(organization: StandInOrganization, types: readonly string[]): number {
  const wanted = new Set(types);
  const perAccountRegion = organization.template.configItems.filter((item) =>
    wanted.has(item.resourceType as string),
  ).length;
  return organization.accounts * organization.regions.length * perAccountRegion;
}

const TEXTS = new WeakMap<GeneratedAccount, Map<string, string[]>>();

/** The template's items of the listed types, as JSON (kept per type list: every page asks the same). */
function templateTexts(template: GeneratedAccount, typeList: string): string[] {
  let byList = TEXTS.get(template);
  if (!byList) {
    byList = new Map();
    TEXTS.set(template, byList);
  }
  let texts = byList.get(typeList);
  if (!texts) {
    const types = new Set([...typeList.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    texts = template.configItems
      .filter((item) => types.has(item.resourceType as string))
      .map((item) => JSON.stringify(item));
    byList.set(typeList, texts);
  }
  return texts;
}

/**
 * One page of SelectAggregateResourceConfig: the items of the types the expression names, `limit` (at most 100,
 * 25 when absent, as AWS documents) from the offset the token carries.
 */
export function aggregatePage(
  organization: StandInOrganization,
  body: Json,
): { status: 200; answer: Json } | { status: 400; type: string; message: string } {
  if (body.ConfigurationAggregatorName !== organization.aggregator)
    return {
      status: 400,
      type: 'NoSuchConfigurationAggregatorException',
      message: `The stand-in has no aggregator ${String(body.ConfigurationAggregatorName)}`,
    };
  const match = /resourceType\s+IN\s*\(([^)]*)\)/i.exec(String(body.Expression ?? ''));
  if (!match)
    return { status: 400, type: 'InvalidExpressionException', message: 'resourceType IN (...) only' };
  const limit = Number(body.Limit ?? 25);
  if (!Number.isInteger(limit) || limit < 0 || limit > 100)
    return { status: 400, type: 'InvalidLimitException', message: `Limit ${limit} is not 0-100` };
  const { template } = organization;
  const texts = templateTexts(template, match[1] ?? '');
  const accounts = memberAccountIds(organization);
  const perAccountRegion = texts.length;
  const total = perAccountRegion * accounts.length * organization.regions.length;
  const offset = typeof body.NextToken === 'string' ? Number(body.NextToken.slice(1)) || 0 : 0;
  const size = limit === 0 ? 25 : limit;
  const results: string[] = [];
  for (let i = offset; i < Math.min(total, offset + size); i++) {
    const accountRegion = Math.floor(i / perAccountRegion);
    const account = accounts[Math.floor(accountRegion / organization.regions.length)] ?? '';
    const region = organization.regions[accountRegion % organization.regions.length] ?? '';
    results.push(
      (texts[i % perAccountRegion] ?? '{}')
        .replaceAll(template.accountId, account)
        .replaceAll(template.region, region),
    );
  }
  const next = offset + size < total ? `o${offset + size}` : undefined;
  return {
    status: 200,
    answer: { Results: results, QueryInfo: { SelectFields: [] }, ...(next ? { NextToken: next } : {}) },
  };
}

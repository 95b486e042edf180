import { ListParentsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { type Severity, severityRank } from '../model/evaluation.js';
import type { SlackRoute } from './config.js';

/**
 * Where an account sits in the organization: its OU and every OU above it, up to the root (the root id
 * last). Members do not stamp their OU on their findings (an account moved between OUs would keep the old one
 * in every event already on the bus); the central function asks Organizations, ListParents
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html: "the root or OUs that
 * serve as the immediate parent of the specified child OU or account", Type ROOT | ORGANIZATIONAL_UNIT), once
 * per account per TTL.
 */
export type OuPathOf = (accountId: string) => Promise<string[]>;

/** Accounts rarely move; an hour keeps ListParents calls to a few per account per day. */
const DEFAULT_TTL_MS = 3_600_000;
/** Organizations allows five levels of OUs under the root; a longer walk means a malformed answer. */
const MAX_DEPTH = 6;

export function organizationsOuPath(
  client: OrganizationsClient,
  options: { ttlMs?: number; now?: () => number } = {},
): OuPathOf {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { path: string[]; at: number }>();
  return async (accountId) => {
    const cached = cache.get(accountId);
    if (cached && now() - cached.at < ttlMs) return cached.path;
    const path: string[] = [];
    let child = accountId;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const { Parents } = await client.send(new ListParentsCommand({ ChildId: child }));
      const parent = Parents?.[0];
      if (!parent?.Id) throw new Error(`Organizations ListParents: no parent for ${child}`);
      path.push(parent.Id);
      if (parent.Type === 'ROOT') {
        cache.set(accountId, { path, at: now() });
        return path;
      }
      child = parent.Id;
    }
    throw new Error(`Organizations ListParents: no root within ${MAX_DEPTH} levels above ${accountId}`);
  };
}

/** What a route is matched on. */
export interface RoutedFinding {
  accountId: string;
  severity: Severity;
}

/**
 * The route of a finding (its channel and quiet-Slack settings): the first route whose every condition holds (routes are a table read top-down,
 * so specific routes go first and a catch-all `{"match": {}}` last); undefined when none does. The OU path is
 * only asked for when a route names an OU.
 */
export async function routeFor(
  routes: readonly SlackRoute[],
  finding: RoutedFinding,
  ouPathOf: OuPathOf,
): Promise<SlackRoute | undefined> {
  let ouPath: string[] | undefined;
  for (const route of routes) {
    const { match } = route;
    if (match.account && match.account !== finding.accountId) continue;
    if (match.minSeverity && severityRank(finding.severity) < severityRank(match.minSeverity)) continue;
    if (match.ou) {
      ouPath ??= await ouPathOf(finding.accountId);
      if (!ouPath.includes(match.ou)) continue;
    }
    return route;
  }
  return undefined;
}

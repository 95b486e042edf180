import * as z from 'zod';
import { SEVERITIES } from '../model/evaluation.js';
import { policySchema } from '../policy/schema.js';
import type { SecurityLakeTarget } from './security-lake.js';

/**
 * The central (security account) functions' settings, validated once at cold start. The central template
 * (org-stack) declares exactly these variables; nothing else is read from the environment.
 */

/**
 * An OU id as Organizations spells it (pattern of ChildId/ParentId in
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html); a root id (r-...) is
 * allowed too, so a route can name the whole organization explicitly.
 */
const OU_ID = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

/**
 * One Slack route: which findings (all of `match` must hold; an empty match takes every finding) go to which
 * channel. `channel` is the name (or ARN) of the Secrets Manager secret holding that channel's incoming-webhook
 * URL: the URL itself is a credential and never sits in an environment variable.
 */
const routeSchema = z.strictObject({
  match: z.strictObject({
    /** The account's OU, or any OU above it (the whole path up to the root counts). */
    ou: z.string().regex(OU_ID, 'expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)').optional(),
    account: z
      .string()
      .regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
      .optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
  }),
  channel: z.string().min(1),
  /**
   * The quiet-Slack settings of the policy (docs/slack.md), per route: a finding the route takes below
   * `minSeverity` is recorded but not posted (it does not fall through to a later route), and more than
   * `digestThreshold` messages for the channel in one invocation or one hour post one digest instead.
   */
  minSeverity: z.enum(SEVERITIES).optional(),
  digestThreshold: z.number().int().min(1).max(1000).optional(),
});
export type SlackRoute = z.output<typeof routeSchema>;

/** A route's quiet-Slack settings when it names none: the policy's own defaults (slack.minSeverity, digestThreshold). */
export const ROUTE_SLACK_DEFAULTS = (() => {
  const { minSeverity, digestThreshold } = policySchema.parse({}).slack;
  return { minSeverity, digestThreshold };
})();

const routesSchema = z.array(routeSchema).min(1, 'expected at least one route');

const bool = z.enum(['on', 'off']);

const centralEnvironmentSchema = z.object({
  AWS_REGION: z.string().min(1),
  /** The one DynamoDB table of the organization's current findings (keys: centralTableDefinition). */
  TG_CENTRAL_TABLE: z.string().min(1),
  /** JSON: the Slack routes, first match wins (absent with TG_SLACK_OUTBOX: no Slack from the central stack). */
  TG_SLACK_ROUTES: z.string().min(1).optional(),
  /** The SQS outbox the central notify-slack function drains. */
  TG_SLACK_OUTBOX: z.url().optional(),
  /** "on" | "off": whether findings are exported to AWS Security Hub (central-findings only). */
  TG_SECURITY_HUB: bool.optional(),
  /** The name of the bus each member account receives remediation requests on (central-action only). */
  TG_MEMBER_BUS_NAME: z.string().min(1).optional(),
  /** The Security Lake bucket the OCSF export writes to (central-findings only); unset: no export. */
  TG_SECURITY_LAKE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  /** The custom source's key prefix in that bucket (`ext/<source name>/`). */
  TG_SECURITY_LAKE_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._=-]+\/)+$/, 'expected a key prefix ending in "/", such as ext/transit-guard/')
    .optional(),
});

/**
 * The variables the central functions read (besides AWS_REGION, which Lambda sets).
 * @internal test/infra/org.test.ts checks the central template sets them.
 */
export const CENTRAL_VARIABLES = Object.keys(centralEnvironmentSchema.shape).filter(
  (name) => name !== 'AWS_REGION',
);

/** The custom source's prefix when TG_SECURITY_LAKE_PREFIX is unset: `ext/<source name>/` for the name the docs use. */
const DEFAULT_SECURITY_LAKE_PREFIX = 'ext/transit-guard/';

export interface CentralConfig {
  region: string;
  tableName: string;
  slack?: { routes: SlackRoute[]; outboxUrl: string };
  securityHub: boolean;
  memberBusName?: string;
  /** Absent: no OCSF export to Security Lake. */
  securityLake?: SecurityLakeTarget;
}

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class CentralConfigurationError extends Error {
  override name = 'CentralConfigurationError';
}

/** TG_SLACK_ROUTES parsed and validated; the error names the route and field that is wrong. */
export function parseSlackRoutes(text: string): SlackRoute[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CentralConfigurationError(`TG_SLACK_ROUTES: not JSON (${(error as Error).message})`);
  }
  const parsed = routesSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `[${issue.path.join('.')}]: ${issue.message}`);
    throw new CentralConfigurationError(`TG_SLACK_ROUTES${problems.join('; TG_SLACK_ROUTES')}`);
  }
  return parsed.data;
}

/**
 * The central functions' environment; throws naming every variable that is missing or wrong. `needs` says
 * which optional variables this function cannot run without.
 */
export function loadCentralConfig(
  env: NodeJS.ProcessEnv = process.env,
  needs: { memberBus?: boolean; securityHub?: boolean } = {},
): CentralConfig {
  const parsed = centralEnvironmentSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (parsed.success) {
    const e = parsed.data;
    if (Boolean(e.TG_SLACK_ROUTES) !== Boolean(e.TG_SLACK_OUTBOX))
      problems.push('TG_SLACK_ROUTES and TG_SLACK_OUTBOX: set both (Slack on) or neither (Slack off)');
    if (needs.memberBus && !e.TG_MEMBER_BUS_NAME) problems.push('TG_MEMBER_BUS_NAME: required');
    if (needs.securityHub && !e.TG_SECURITY_HUB) problems.push('TG_SECURITY_HUB: required ("on" or "off")');
    if (e.TG_SECURITY_LAKE_PREFIX && !e.TG_SECURITY_LAKE_BUCKET)
      problems.push('TG_SECURITY_LAKE_PREFIX: set without TG_SECURITY_LAKE_BUCKET');
  }
  if (!parsed.success || problems.length > 0)
    throw new CentralConfigurationError(`invalid central function environment: ${problems.join('; ')}`);
  const e = parsed.data;
  return {
    region: e.AWS_REGION,
    tableName: e.TG_CENTRAL_TABLE,
    ...(e.TG_SLACK_ROUTES && e.TG_SLACK_OUTBOX
      ? { slack: { routes: parseSlackRoutes(e.TG_SLACK_ROUTES), outboxUrl: e.TG_SLACK_OUTBOX } }
      : {}),
    securityHub: e.TG_SECURITY_HUB === 'on',
    ...(e.TG_MEMBER_BUS_NAME ? { memberBusName: e.TG_MEMBER_BUS_NAME } : {}),
    ...(e.TG_SECURITY_LAKE_BUCKET
      ? {
          securityLake: {
            bucket: e.TG_SECURITY_LAKE_BUCKET,
            prefix: e.TG_SECURITY_LAKE_PREFIX ?? DEFAULT_SECURITY_LAKE_PREFIX,
          },
        }
      : {}),
  };
}

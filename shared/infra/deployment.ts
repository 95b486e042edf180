/**
 * The parts of the deployment that follow from the families (DESIGN.md, "Event routing"; infra/iam.yml): the
 * EventBridge event patterns and the family IAM statements of each execution role, generated from FAMILIES at
 * package time. osls loads them through infra/event-patterns.cjs and infra/family-iam.cjs.
 */
import { apiCallsBySource } from '../events/cloudtrail.js';
import { CONFIG_RESOURCE_TYPES } from '../events/config.js';
import type { ApiCallRoutes } from '../events/family-events.js';
import { CLOUDTRAIL_DETAIL_TYPE, CONFIG_CHANGE_DETAIL_TYPE } from '../events/schemas.js';
import { FAMILIES, type Family } from '../families/index.js';
import type { FamilyStatement, ReadStatement, RegionalResource } from './family-deployment.js';

type Pattern = Record<string, unknown>;

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

function namesReceived(api: ApiCallRoutes): string[] {
  return [...api.routes.keys(), ...(api.acknowledged ?? [])];
}

/**
 * "AWS API Call via CloudTrail", successful calls only (a failed call changes nothing): per event source the
 * calls the families route or acknowledge. Families that share a source are told apart by apiVersion, and
 * without it (never seen from CloudTrail) the router tells them apart by the request.
 */
function apiCallsPattern(): Pattern {
  const bySource = apiCallsBySource();
  const branches: Pattern[] = [];
  for (const [source, apis] of bySource) {
    const eventSource = [`${source.replace(/^aws\./, '')}.amazonaws.com`];
    // One API, or several of one API version (EC2: the VPN and VPC families) where each after the first claims
    // its calls: the router tells them apart by `claims`, the pattern needs only their names.
    const byClaims =
      apis.every((api) => api.apiVersion === undefined) && apis.slice(1).every((api) => api.claims);
    if (apis.length === 1 || byClaims) {
      branches.push({ eventSource, eventName: unique(apis.flatMap(namesReceived)) });
      continue;
    }
    for (const api of apis) {
      if (api.apiVersion === undefined) {
        throw new Error(
          `${source}: "${api.label}" shares the source with another API and names no apiVersion`,
        );
      }
      branches.push({ eventSource, apiVersion: [api.apiVersion], eventName: namesReceived(api) });
    }
    branches.push({
      eventSource,
      apiVersion: [{ exists: false }],
      eventName: unique(apis.flatMap(namesReceived)),
    });
  }
  return {
    source: [...bySource.keys()],
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    detail: { errorCode: [{ exists: false }], $or: branches },
  };
}

/**
 * What a rule in a global service's region forwards to a stack in another region: the calls of the families
 * whose events CloudTrail delivers there only (Family.globalRegion), as the stack's apiCalls pattern matches them.
 * Empty (null) when no family is global.
 */
function forwardedApiCallsPattern(): Pattern | null {
  const branches = FAMILIES.filter((family) => family.globalRegion !== undefined).flatMap((family) =>
    (family.events?.apiCalls ?? []).map((api) => ({
      eventSource: [`${api.source.replace(/^aws\./, '')}.amazonaws.com`],
      eventName: namesReceived(api),
    })),
  );
  if (branches.length === 0) return null;
  return {
    source: unique(
      branches.map((branch) => `aws.${(branch.eventSource[0] as string).replace(/\.amazonaws\.com$/, '')}`),
    ),
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    region: unique(FAMILIES.flatMap((family) => family.globalRegion ?? [])),
    // EventBridge takes $or with two patterns or more only.
    detail: { errorCode: [{ exists: false }], ...(branches.length === 1 ? branches[0] : { $or: branches }) },
  };
}

/** The families' own events (e.g. ACM's, whose certificate ARN is in resources[0]). */
function nativeEventsPattern(): Pattern {
  const patterns = FAMILIES.flatMap((family) => family.events?.native ?? []).map((native) => ({
    source: [native.source],
    'detail-type': [...native.detailTypes],
  }));
  return patterns.length === 1 && patterns[0] !== undefined ? patterns[0] : { $or: patterns };
}

/** AWS Config item changes of the routed types; an oversized item carries only its summary. */
function configChangesPattern(): Pattern {
  const resourceType = [...CONFIG_RESOURCE_TYPES];
  return {
    source: ['aws.config'],
    'detail-type': [CONFIG_CHANGE_DETAIL_TYPE],
    detail: {
      $or: [
        { messageType: ['ConfigurationItemChangeNotification'], configurationItem: { resourceType } },
        {
          messageType: ['OversizedConfigurationItemChangeNotification'],
          configurationItemSummary: { resourceType },
        },
      ],
    },
  };
}

/** The event patterns of the event functions, and the Config rule's scope (infra/config-rule.yml). */
export function eventPatterns(): {
  apiCalls: Pattern;
  nativeEvents: Pattern;
  configChanges: Pattern;
  configResourceTypes: string[];
  forwardedApiCalls: Pattern | null;
} {
  return {
    apiCalls: apiCallsPattern(),
    forwardedApiCalls: forwardedApiCallsPattern(),
    nativeEvents: nativeEventsPattern(),
    configChanges: configChangesPattern(),
    configResourceTypes: [...CONFIG_RESOURCE_TYPES],
  };
}

// ---------------------------------------------------------------- IAM

interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: '*' | { 'Fn::Sub': string }[];
  Condition?: { StringEquals: Record<string, { 'Fn::Sub': string }> };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The `regions` param: a comma-separated list of AWS regions, each once. */
export function parseRegions(value: unknown): string[] {
  const regions = String(value ?? '')
    .split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const invalid = regions.filter((region) => !REGION.test(region));
  if (regions.length === 0 || invalid.length > 0) {
    throw new Error(`param "regions" must be a comma-separated list of AWS regions, got "${value}"`);
  }
  return unique(regions);
}

/** One ARN per region, of this account (unless the service's ARNs name none); CloudFormation fills them in. */
function regionalArns(
  { service, resource, global, accountless }: RegionalResource,
  regions: readonly string[],
) {
  const account = accountless ? '' : `\${AWS::AccountId}`;
  if (global) return [{ 'Fn::Sub': `arn:\${AWS::Partition}:${service}::${account}:${resource}` }];
  return regions.map((region) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:${service}:${region}:${account}:${resource}`,
  }));
}

/** Statements of the same Sid merge: two families of one service share a statement (one resource). */
function merged(statements: readonly FamilyStatement[], regions: readonly string[]): IamStatement[] {
  const bySid = new Map<string, FamilyStatement>();
  for (const statement of statements) {
    const seen = bySid.get(statement.sid);
    if (seen === undefined) {
      bySid.set(statement.sid, statement);
      continue;
    }
    if (JSON.stringify(seen.resource) !== JSON.stringify(statement.resource)) {
      throw new Error(`IAM statement ${statement.sid}: two families give it different resources`);
    }
    bySid.set(statement.sid, { ...seen, actions: unique([...seen.actions, ...statement.actions]) });
  }
  return [...bySid.values()].map(({ sid, actions, resource }) => ({
    Sid: sid,
    Effect: 'Allow',
    Action: actions.length === 1 ? (actions[0] as string) : [...actions],
    Resource: resource === '*' ? '*' : regionalArns(resource, regions),
    // An ARN without the account (S3 buckets) is kept to this account's resources by its account condition key.
    ...(resource !== '*' && resource.accountKey
      ? { Condition: { StringEquals: { [resource.accountKey]: { 'Fn::Sub': `\${AWS::AccountId}` } } } }
      : {}),
  }));
}

/** A family's write statements grant exactly what its remediators call: checked at package time. */
function writesOf(family: Family): readonly FamilyStatement[] {
  const writes = family.deployment?.writes ?? [];
  const granted = new Set(writes.flatMap((statement) => statement.actions));
  const needed = new Set(family.remediators.flatMap((remediator) => remediator.iamActions));
  const missing = [...needed].filter((action) => !granted.has(action));
  const extra = [...granted].filter((action) => !needed.has(action));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `family ${family.id}: its deployment writes must grant exactly its remediators' IAM actions ` +
        `(missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`,
    );
  }
  return writes;
}

function readsOf(families: readonly Family[]): ReadStatement[] {
  return families.flatMap((family) => family.deployment?.reads ?? []);
}

/** The reads of one resource by its id: a family's reads without its region-wide listings. */
const oneResourceReads = (families: readonly Family[]) =>
  readsOf(families).filter((statement) => statement.remediate !== false);

/**
 * The family statements of each execution role (the core statements stay in infra/iam.yml): the event
 * inspectors read the resources of the families their trigger names (never a region-wide listing: an event names
 * its resources), config-rule also lists its families (a periodic evaluation reads the whole region), the sweep
 * reads every family, remediate reads what it acts on again and writes exactly the remediators' IAM actions, on
 * resources of this account in `regions` only.
 */
export function familyIamStatements(
  regions: readonly string[],
): Record<
  'apiCalls' | 'configChanges' | 'configRule' | 'nativeEvents' | 'sweep' | 'remediate',
  IamStatement[]
> {
  const routing = (facet: (family: Family) => unknown) => FAMILIES.filter((family) => facet(family));
  const remediating = FAMILIES.filter((family) => family.remediators.length > 0);
  const recorded = routing((family) => family.events?.config);
  return {
    apiCalls: merged(oneResourceReads(routing((family) => family.events?.apiCalls?.length)), regions),
    configChanges: merged(oneResourceReads(recorded), regions),
    configRule: merged(readsOf(recorded), regions),
    nativeEvents: merged(oneResourceReads(routing((family) => family.events?.native)), regions),
    sweep: merged(readsOf(FAMILIES), regions),
    remediate: merged([...oneResourceReads(remediating), ...remediating.flatMap(writesOf)], regions),
  };
}

/**
 * The events facet of a family (Family.events): the CloudTrail calls, native EventBridge events and AWS Config
 * item changes that name its resources, and how each becomes refs. The routers (cloudtrail.ts, native.ts,
 * config.ts) iterate FAMILIES and read these; the deployment's event patterns are generated from them too.
 */
import type { ResourceRef } from '../model/ref.js';
import type { ResourceType } from '../model/resource.js';
import { type FieldPath, fieldError } from './errors.js';
import type { RouteResult } from './result.js';
import type { CloudTrailDetail, ConfigurationItemSummary, EventBridgeEvent } from './schemas.js';

/** One API call being routed: the record plus the account and region its resources live in. */
export interface ApiCall {
  eventId: string;
  eventName: string;
  detail: CloudTrailDetail;
  accountId: string;
  region: string;
}

export interface CallRoute {
  refs: (call: ApiCall) => ResourceRef[];
  /** The call deletes the resource: its open findings are resolved, nothing is evaluated. */
  deleted?: boolean;
  /** With `deleted`: the refs are id prefixes, every resource under them is gone. */
  byPrefix?: boolean;
}

/** The calls of one API a family routes (a family may read two APIs; two families may share a service). */
export interface ApiCallRoutes {
  /** The EventBridge source, aws.<service>; the CloudTrail eventSource is <service>.amazonaws.com. */
  source: string;
  /** How reasons name the API: "ELBv2 (API 2015-12-01)". */
  label: string;
  /**
   * Where two families share a source: the CloudTrail apiVersion of this family's calls. Without apiVersion in
   * the record, the first family whose `claims` accepts the request routes it, else the first of the source.
   */
  apiVersion?: string;
  claims?: (detail: CloudTrailDetail) => boolean;
  routes: ReadonlyMap<string, CallRoute>;
  /** Calls not routed, with the reason the ignore result gives (default: "<call> is out of scope for <label>"). */
  ignored?: ReadonlyMap<string, string>;
  /** Calls the event pattern receives on purpose although they are ignored, so the function logs each one. */
  acknowledged?: readonly string[];
}

/** The family's own EventBridge events (not CloudTrail), e.g. ACM's certificate expiry events. */
export interface NativeEvents {
  source: string;
  detailTypes: readonly string[];
  /** How the refusal names them: "an ACM event". */
  label: string;
  /** Routes a validated envelope of `source` with one of `detailTypes`. */
  route: (envelope: EventBridgeEvent) => RouteResult;
}

/** Where a configuration item's resource lives, and its ARN when the item has one. */
interface ItemScope {
  accountId: string;
  region: string;
  arn: string | undefined;
}

/** The AWS Config item changes of the family: the types routed, and those ignored with a reason. */
export interface ConfigEvents {
  resourceTypes: readonly ResourceType[];
  /**
   * The resource id (and name) of an item, when it is not the ARN (or, without one, the resourceId); `region`
   * where the resource is read and acted on, when it is not the item's awsRegion (a global resource: "global").
   */
  resourceOf?: (
    item: ConfigurationItemSummary,
    scope: ItemScope,
  ) => { resourceId: string; name?: string; region?: string };
  /** Types Config records that the family leaves to other triggers: type -> reason. */
  ignored?: ReadonlyMap<string, string>;
}

export interface FamilyEvents {
  apiCalls?: readonly ApiCallRoutes[];
  native?: NativeEvents;
  config?: ConfigEvents;
}

// ---------------------------------------------------------------- reading a call, for the families' routes

export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The first non-empty string among `candidates` (paths in the detail); the error names the first. */
export function stringAt(call: ApiCall, candidates: readonly FieldPath[], expected = 'string'): string {
  for (const path of candidates) {
    const value = valueAt(call.detail, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  const first = candidates[0] ?? [];
  return fieldError(['detail', ...first], expected, valueAt(call.detail, first), call.eventId);
}

/** A ref in the call's account and region. */
export function refOf(
  call: ApiCall,
  resourceType: ResourceType,
  resourceId: string,
  name?: string,
): ResourceRef {
  const result: ResourceRef = { resourceType, resourceId, accountId: call.accountId, region: call.region };
  if (name !== undefined) result.name = name;
  return result;
}

/**
 * "AWS API Call via CloudTrail" -> the resources the call touched (DESIGN.md, "Event routing").
 * Only what the call says is used here; the current state is read later by the inventory.
 * Each family lists the calls it routes (Family.events.apiCalls); this module names no family.
 */
import { sessionNameOf } from '../aws/arn.js';
import { FAMILIES } from '../families/index.js';
import type { Actor } from '../model/ref.js';
import { parseOrThrow, UnsupportedEventError } from './errors.js';
import type { ApiCall, ApiCallRoutes } from './family-events.js';
import { ignore, inspect, type RouteResult } from './result.js';
import {
  CLOUDTRAIL_DETAIL_TYPE,
  type CloudTrailDetail,
  cloudTrailDetailSchema,
  type EventBridgeEvent,
  parseEventBridgeEvent,
  type UserIdentity,
} from './schemas.js';

/** The families' API call routes per EventBridge source, in registry order (the event pattern groups them so too). */
export function apiCallsBySource(): Map<string, [ApiCallRoutes, ...ApiCallRoutes[]]> {
  const bySource = new Map<string, [ApiCallRoutes, ...ApiCallRoutes[]]>();
  for (const family of FAMILIES) {
    for (const calls of family.events?.apiCalls ?? []) {
      const apis = bySource.get(calls.source);
      if (apis === undefined) bySource.set(calls.source, [calls]);
      else apis.push(calls);
    }
  }
  return bySource;
}

const ROUTES_BY_SOURCE = apiCallsBySource();

/**
 * Two families may share an event source (classic and v2 load balancers): apiVersion tells them apart; without
 * it the first family that claims the request, else the first of the source.
 */
function apiOf(apis: readonly [ApiCallRoutes, ...ApiCallRoutes[]], detail: CloudTrailDetail): ApiCallRoutes {
  if (apis.length === 1) return apis[0];
  return (
    apis.find((calls) => calls.apiVersion !== undefined && calls.apiVersion === detail.apiVersion) ??
    apis.find((calls) => calls.claims?.(detail) === true) ??
    apis[0]
  );
}

/**
 * Who made the call, from CloudTrail's userIdentity.
 * @internal Unit-tested directly: the actor of every userIdentity type CloudTrail documents.
 */
export function actorFromUserIdentity(identity: UserIdentity): Actor {
  const issuer = identity.sessionContext?.sessionIssuer;
  const actor: Actor = {};
  if (identity.type !== undefined) actor.type = identity.type;
  if (identity.arn !== undefined) actor.arn = identity.arn;
  if (identity.principalId !== undefined) actor.principalId = identity.principalId;
  if (identity.accountId !== undefined) actor.accountId = identity.accountId;
  if (identity.invokedBy !== undefined) actor.invokedBy = identity.invokedBy;
  if (identity.type === 'AssumedRole' || issuer?.type === 'Role') {
    if (issuer?.arn !== undefined) actor.roleArn = issuer.arn;
    const sessionName = sessionNameOf(identity.arn);
    if (sessionName !== undefined) actor.sessionName = sessionName;
  }
  return actor;
}

/** Routes a validated EventBridge envelope whose detail-type is "AWS API Call via CloudTrail". */
export function routeApiCall(envelope: EventBridgeEvent): RouteResult {
  const eventId = envelope.id;
  if (envelope['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) {
    throw new UnsupportedEventError(
      `detail-type: expected "${CLOUDTRAIL_DETAIL_TYPE}", received "${envelope['detail-type']}"`,
      { eventId },
    );
  }
  const apis = ROUTES_BY_SOURCE.get(envelope.source);
  if (apis === undefined) {
    throw new UnsupportedEventError(`source: no CloudTrail routes for "${envelope.source}"`, { eventId });
  }
  const detail = parseOrThrow(cloudTrailDetailSchema, envelope.detail, { at: ['detail'], eventId });
  if (detail.errorCode !== undefined) {
    return ignore(eventId, `failed call changes nothing (${detail.errorCode})`);
  }
  const api = apiOf(apis, detail);
  const route = api.routes.get(detail.eventName);
  if (route === undefined) {
    const reason = api.ignored?.get(detail.eventName);
    return ignore(eventId, reason ?? `${detail.eventName} is out of scope for ${api.label}`);
  }
  const call: ApiCall = {
    eventId,
    eventName: detail.eventName,
    detail,
    accountId: detail.recipientAccountId ?? detail.userIdentity.accountId ?? envelope.account,
    region: detail.awsRegion,
  };
  const refs = route.refs(call);
  // A family may find that the call changes nothing it judges (an RDS parameter change without a TLS parameter).
  if (refs.length === 0) return ignore(eventId, `${detail.eventName} changes nothing ${api.label} judges`);
  return inspect({
    eventId,
    eventName: detail.eventName,
    eventTime: detail.eventTime,
    actor: actorFromUserIdentity(detail.userIdentity),
    refs,
    deleted: route.deleted,
    byPrefix: route.byPrefix,
  });
}

/** Validates an "AWS API Call via CloudTrail" EventBridge event and routes it. */
export function routeCloudTrail(event: unknown): RouteResult {
  return routeApiCall(parseEventBridgeEvent(event));
}

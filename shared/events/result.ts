import type { Actor, ResourceRef } from '../model/ref.js';

/** An event that touched resources transit-guard judges: read each ref's current state and evaluate it. */
export interface InspectRoute {
  kind: 'inspect';
  /** The EventBridge event id (stable across redeliveries), or a Config rule invocation's derived id. */
  eventId: string;
  /** The CloudTrail eventName, the EventBridge detail-type, or the Config messageType. */
  eventName: string;
  eventTime?: string;
  actor?: Actor;
  refs: ResourceRef[];
  /** The resource is gone: resolve its open findings instead of evaluating it. */
  deleted?: boolean;
  /**
   * With `deleted`: each ref's resourceId is a prefix, and every resource whose id starts with it is gone (the
   * listeners of a deleted load balancer, which the event does not name one by one).
   */
  byPrefix?: boolean;
  /** The configuration item that came inline with a Config event, as AWS sent it. */
  configurationItem?: unknown;
  /**
   * Always read, never coalesced with another trigger of the same change (the change ledger): a request to
   * re-plan (the central "remediate" action) asks for the current state, whatever was read just before.
   */
  rereadAlways?: boolean;
}

/** An event that changes nothing transit-guard judges. */
export interface IgnoreRoute {
  kind: 'ignore';
  eventId: string;
  reason: string;
}

export type RouteResult = InspectRoute | IgnoreRoute;

export function ignore(eventId: string, reason: string): IgnoreRoute {
  return { kind: 'ignore', eventId, reason };
}

/** Builds an inspect route, leaving out the optional fields that are undefined or false. */
export function inspect(route: Omit<InspectRoute, 'kind'>): InspectRoute {
  const result: InspectRoute = {
    kind: 'inspect',
    eventId: route.eventId,
    eventName: route.eventName,
    refs: route.refs,
  };
  if (route.eventTime !== undefined) result.eventTime = route.eventTime;
  if (route.actor !== undefined) result.actor = route.actor;
  if (route.deleted === true) {
    result.deleted = true;
    if (route.byPrefix === true) result.byPrefix = true;
  }
  if (route.configurationItem !== undefined) result.configurationItem = route.configurationItem;
  if (route.rereadAlways === true) result.rereadAlways = true;
  return result;
}

/**
 * "AWS API Call via CloudTrail" -> the resources the call touched (DESIGN.md, "Event routing").
 * Only what the call says is used here; the current state is read later by the inventory.
 */
import type { Actor, ResourceRef } from '../model/ref.js';
import type { ResourceType } from '../model/resource.js';
import {
  classicLoadBalancerArn,
  isAcmCertificateArn,
  isListenerArn,
  listenerArnFromRuleArn,
  listenerPrefixOfLoadBalancer,
  sessionNameOf,
} from './arn.js';
import { type FieldPath, fieldError, parseOrThrow, UnsupportedEventError } from './errors.js';
import { ignore, inspect, type RouteResult } from './result.js';
import {
  CLOUDTRAIL_DETAIL_TYPE,
  type CloudTrailDetail,
  cloudTrailDetailSchema,
  type EventBridgeEvent,
  parseEventBridgeEvent,
  type UserIdentity,
} from './schemas.js';

/** One API call being routed: the record plus the account and region its resources live in. */
interface ApiCall {
  eventId: string;
  eventName: string;
  detail: CloudTrailDetail;
  accountId: string;
  region: string;
}

interface CallRoute {
  refs: (call: ApiCall) => ResourceRef[];
  /** The call deletes the resource: its open findings are resolved, nothing is evaluated. */
  deleted?: boolean;
  /** With `deleted`: the refs are id prefixes, every resource under them is gone. */
  byPrefix?: boolean;
}

type Family = 'elbv2' | 'elb' | 'ec2' | 'directconnect' | 'acm' | 'iam';

const FAMILY_LABELS: Record<Family, string> = {
  elbv2: 'ELBv2 (API 2015-12-01)',
  elb: 'classic ELB (API 2012-06-01)',
  ec2: 'EC2',
  directconnect: 'Direct Connect',
  acm: 'ACM',
  iam: 'IAM',
};

// ---------------------------------------------------------------- reading fields

function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The first non-empty string among `candidates` (paths in the detail); the error names the first. */
function stringAt(call: ApiCall, candidates: readonly FieldPath[], expected = 'string'): string {
  for (const path of candidates) {
    const value = valueAt(call.detail, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  const first = candidates[0] ?? [];
  return fieldError(['detail', ...first], expected, valueAt(call.detail, first), call.eventId);
}

function ref(call: ApiCall, resourceType: ResourceType, resourceId: string, name?: string): ResourceRef {
  const result: ResourceRef = { resourceType, resourceId, accountId: call.accountId, region: call.region };
  if (name !== undefined) result.name = name;
  return result;
}

// ---------------------------------------------------------------- ELBv2

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

function listenerAt(call: ApiCall, path: FieldPath): ResourceRef {
  const arn = stringAt(call, [path]);
  if (!isListenerArn(arn)) fieldError(['detail', ...path], 'a listener ARN', arn, call.eventId);
  return ref(call, LISTENER, arn);
}

function listenerOfRuleAt(call: ApiCall, path: FieldPath): ResourceRef {
  const ruleArn = stringAt(call, [path]);
  const listenerArn = listenerArnFromRuleArn(ruleArn);
  if (listenerArn === undefined) {
    fieldError(['detail', ...path], 'a listener rule ARN', ruleArn, call.eventId);
  }
  return ref(call, LISTENER, listenerArn);
}

/** CreateRule names the listener in its request; the new rule's ARN in the response leads there too. */
function listenerOfNewRule(call: ApiCall): ResourceRef {
  const ruleArnPath = ['responseElements', 'rules', 0, 'ruleArn'];
  if (typeof valueAt(call.detail, ['requestParameters', 'listenerArn']) !== 'string') {
    if (valueAt(call.detail, ruleArnPath) !== undefined) return listenerOfRuleAt(call, ruleArnPath);
  }
  return listenerAt(call, ['requestParameters', 'listenerArn']);
}

function uniqueRefs(refs: ResourceRef[]): ResourceRef[] {
  const byId = new Map<string, ResourceRef>();
  for (const r of refs) if (!byId.has(r.resourceId)) byId.set(r.resourceId, r);
  return [...byId.values()];
}

/** DeleteLoadBalancer names the load balancer only: the ref is the prefix of all its listener ARNs. */
function listenersOfLoadBalancer(call: ApiCall): ResourceRef[] {
  const path = ['requestParameters', 'loadBalancerArn'];
  const arn = stringAt(call, [path]);
  const prefix = listenerPrefixOfLoadBalancer(arn);
  if (prefix === undefined) fieldError(['detail', ...path], 'an ELBv2 load balancer ARN', arn, call.eventId);
  return [ref(call, LISTENER, prefix)];
}

const ELBV2_CALLS = new Map<string, CallRoute>([
  ['CreateListener', { refs: (c) => [listenerAt(c, ['responseElements', 'listeners', 0, 'listenerArn'])] }],
  ['ModifyListener', { refs: (c) => [listenerAt(c, ['requestParameters', 'listenerArn'])] }],
  ['CreateRule', { refs: (c) => [listenerOfNewRule(c)] }],
  ['ModifyRule', { refs: (c) => [listenerOfRuleAt(c, ['requestParameters', 'ruleArn'])] }],
  ['AddListenerCertificates', { refs: (c) => [listenerAt(c, ['requestParameters', 'listenerArn'])] }],
  [
    'SetRulePriorities',
    {
      refs: (c) => {
        const path = ['requestParameters', 'rulePriorities'];
        const priorities = valueAt(c.detail, path);
        if (!Array.isArray(priorities) || priorities.length === 0) {
          fieldError(['detail', ...path], 'a non-empty array', priorities, c.eventId);
        }
        return uniqueRefs(priorities.map((_, index) => listenerOfRuleAt(c, [...path, index, 'ruleArn'])));
      },
    },
  ],
  ['DeleteListener', { refs: (c) => [listenerAt(c, ['requestParameters', 'listenerArn'])], deleted: true }],
  ['DeleteLoadBalancer', { refs: listenersOfLoadBalancer, deleted: true, byPrefix: true }],
]);

// ---------------------------------------------------------------- classic ELB

function classicLoadBalancer(call: ApiCall): ResourceRef[] {
  const name = stringAt(call, [['requestParameters', 'loadBalancerName']]);
  const arn = classicLoadBalancerArn(call.region, call.accountId, name);
  return [ref(call, 'AWS::ElasticLoadBalancing::LoadBalancer', arn, name)];
}

// DeleteLoadBalancerListeners leaves the load balancer: reading it again judges the listeners left, and the
// findings of the removed ones resolve as fixed (each classic finding is about the whole load balancer).
const INSPECT_CLASSIC: CallRoute = { refs: classicLoadBalancer };
const ELB_CALLS = new Map<string, CallRoute>([
  ['CreateLoadBalancer', INSPECT_CLASSIC],
  ['CreateLoadBalancerListeners', INSPECT_CLASSIC],
  ['SetLoadBalancerPoliciesOfListener', INSPECT_CLASSIC],
  ['CreateLoadBalancerPolicy', INSPECT_CLASSIC],
  ['DeleteLoadBalancerListeners', INSPECT_CLASSIC],
  ['SetLoadBalancerListenerSSLCertificate', INSPECT_CLASSIC],
  ['DeleteLoadBalancer', { refs: classicLoadBalancer, deleted: true }],
]);

// ---------------------------------------------------------------- Site-to-Site VPN

const VPN_ID_KEYS = ['vpnConnectionId', 'VpnConnectionId'];

/**
 * EC2 records requests flat in camelCase (`vpnConnectionId`), flat in PascalCase, or wrapped in
 * `<EventName>Request` (`ModifyVpnTunnelOptionsRequest.VpnConnectionId`); responses likewise.
 */
function vpnConnection(call: ApiCall, fromRequest: boolean): ResourceRef[] {
  const request = VPN_ID_KEYS.flatMap((key) => [
    ['requestParameters', key],
    ['requestParameters', `${call.eventName}Request`, key],
  ]);
  const response = [
    ['responseElements', 'vpnConnection', 'vpnConnectionId'],
    ['responseElements', `${call.eventName}Response`, 'vpnConnection', 'vpnConnectionId'],
  ];
  const candidates = fromRequest ? [...request, ...response] : response;
  const id = stringAt(call, candidates);
  if (!id.startsWith('vpn-')) fieldError(['detail', ...(candidates[0] ?? [])], 'a vpn- id', id, call.eventId);
  return [ref(call, 'AWS::EC2::VPNConnection', id)];
}

const EC2_CALLS = new Map<string, CallRoute>([
  ['CreateVpnConnection', { refs: (c) => vpnConnection(c, false) }],
  ['ModifyVpnTunnelOptions', { refs: (c) => vpnConnection(c, true) }],
  ['ModifyVpnConnection', { refs: (c) => vpnConnection(c, true) }],
  ['ModifyVpnConnectionOptions', { refs: (c) => vpnConnection(c, true) }],
  ['DeleteVpnConnection', { refs: (c) => vpnConnection(c, true), deleted: true }],
]);

// ---------------------------------------------------------------- Direct Connect

const DX_KINDS = {
  connection: { prefixes: ['dxcon-'], expected: 'a dxcon- id' },
  lag: { prefixes: ['dxlag-'], expected: 'a dxlag- id' },
  either: { prefixes: ['dxcon-', 'dxlag-'], expected: 'a dxcon- or dxlag- id' },
} as const;

/** A Direct Connect id: dxcon- is a connection, dxlag- a LAG (MACsec keys go on either). */
function dxAt(call: ApiCall, path: FieldPath, kind: keyof typeof DX_KINDS): ResourceRef {
  const id = stringAt(call, [path]);
  const { prefixes, expected } = DX_KINDS[kind];
  if (!prefixes.some((prefix) => id.startsWith(prefix)))
    fieldError(['detail', ...path], expected, id, call.eventId);
  return id.startsWith('dxlag-')
    ? ref(call, 'AWS::DirectConnect::Lag', id)
    : ref(call, 'AWS::DirectConnect::Connection', id);
}

function connectionAndLag(call: ApiCall): ResourceRef[] {
  return [
    dxAt(call, ['requestParameters', 'connectionId'], 'connection'),
    dxAt(call, ['requestParameters', 'lagId'], 'lag'),
  ];
}

const DX_CALLS = new Map<string, CallRoute>([
  ['CreateConnection', { refs: (c) => [dxAt(c, ['responseElements', 'connectionId'], 'connection')] }],
  ['UpdateConnection', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')] }],
  ['AssociateMacSecKey', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'either')] }],
  ['DisassociateMacSecKey', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'either')] }],
  ['CreateLag', { refs: (c) => [dxAt(c, ['responseElements', 'lagId'], 'lag')] }],
  ['UpdateLag', { refs: (c) => [dxAt(c, ['requestParameters', 'lagId'], 'lag')] }],
  ['AssociateConnectionWithLag', { refs: connectionAndLag }],
  ['DisassociateConnectionFromLag', { refs: connectionAndLag }],
  // A hosted connection's owner accepts it: from now on it carries traffic.
  ['ConfirmConnection', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')] }],
  [
    'DeleteConnection',
    { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')], deleted: true },
  ],
  ['DeleteLag', { refs: (c) => [dxAt(c, ['requestParameters', 'lagId'], 'lag')], deleted: true }],
]);

// ---------------------------------------------------------------- ACM

function certificateAt(...candidates: FieldPath[]): (call: ApiCall) => ResourceRef[] {
  return (call) => {
    const arn = stringAt(call, candidates);
    if (!isAcmCertificateArn(arn)) {
      fieldError(['detail', ...(candidates[0] ?? [])], 'an ACM certificate ARN', arn, call.eventId);
    }
    return [ref(call, 'AWS::ACM::Certificate', arn)];
  };
}

const ACM_CALLS = new Map<string, CallRoute>([
  // A re-import names the certificate in the request too.
  [
    'ImportCertificate',
    { refs: certificateAt(['responseElements', 'certificateArn'], ['requestParameters', 'certificateArn']) },
  ],
  ['RequestCertificate', { refs: certificateAt(['responseElements', 'certificateArn']) }],
  ['RenewCertificate', { refs: certificateAt(['requestParameters', 'certificateArn']) }],
  ['DeleteCertificate', { refs: certificateAt(['requestParameters', 'certificateArn']), deleted: true }],
]);

// ---------------------------------------------------------------- routing

const CALLS: Record<Family, ReadonlyMap<string, CallRoute>> = {
  elbv2: ELBV2_CALLS,
  elb: ELB_CALLS,
  ec2: EC2_CALLS,
  directconnect: DX_CALLS,
  acm: ACM_CALLS,
  // No IAM resource is judged yet; UploadServerCertificate is received on purpose (ACKNOWLEDGED_API_CALLS).
  iam: new Map(),
};

const SOURCE_FAMILIES = new Map<string, Family | 'elasticloadbalancing'>([
  ['aws.elasticloadbalancing', 'elasticloadbalancing'],
  ['aws.ec2', 'ec2'],
  ['aws.directconnect', 'directconnect'],
  ['aws.acm', 'acm'],
  ['aws.iam', 'iam'],
]);

const IGNORE_REASONS = new Map<string, string>([
  [
    'elbv2:CreateLoadBalancer',
    'an ELBv2 CreateLoadBalancer call creates no listener; CreateListener events cover listeners',
  ],
  [
    'iam:UploadServerCertificate',
    'an uploaded IAM server certificate serves no listener yet: the call that gives it to a listener (CreateListener, ModifyListener, AddListenerCertificates, classic CreateLoadBalancerListeners or SetLoadBalancerListenerSSLCertificate) inspects that listener, and the sweep every listener',
  ],
]);

/** CloudTrail event names routed per EventBridge source, for event patterns and their tests. */
export const ROUTED_API_CALLS: Readonly<Record<string, readonly string[]>> = {
  // DeleteLoadBalancer is in both APIs: named once.
  'aws.elasticloadbalancing': [...new Set([...ELBV2_CALLS.keys(), ...ELB_CALLS.keys()])],
  'aws.ec2': [...EC2_CALLS.keys()],
  'aws.directconnect': [...DX_CALLS.keys()],
  'aws.acm': [...ACM_CALLS.keys()],
};

/**
 * Calls the event pattern receives on purpose although the router ignores them (with the reason above), so the
 * function logs each one: IAM is global and its calls reach EventBridge in us-east-1 only (docs/deploy.md).
 */
export const ACKNOWLEDGED_API_CALLS: Readonly<Record<string, readonly string[]>> = {
  'aws.iam': ['UploadServerCertificate'],
};

/**
 * Classic and v2 load balancer calls share the event source: apiVersion tells them apart; without
 * it the request does (classic calls name `loadBalancerName`, v2 calls `name` or ARNs).
 */
function loadBalancingFamily(detail: CloudTrailDetail): Family {
  if (detail.apiVersion === '2012-06-01') return 'elb';
  if (detail.apiVersion === '2015-12-01') return 'elbv2';
  return typeof detail.requestParameters?.loadBalancerName === 'string' ? 'elb' : 'elbv2';
}

/** Who made the call, from CloudTrail's userIdentity. */
export function actorFromUserIdentity(identity: UserIdentity): Actor {
  const issuer = identity.sessionContext?.sessionIssuer;
  const actor: Actor = { type: identity.type };
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
  const sourceFamily = SOURCE_FAMILIES.get(envelope.source);
  if (sourceFamily === undefined) {
    throw new UnsupportedEventError(`source: no CloudTrail routes for "${envelope.source}"`, { eventId });
  }
  const detail = parseOrThrow(cloudTrailDetailSchema, envelope.detail, { at: ['detail'], eventId });
  if (detail.errorCode !== undefined) {
    return ignore(eventId, `failed call changes nothing (${detail.errorCode})`);
  }
  const family = sourceFamily === 'elasticloadbalancing' ? loadBalancingFamily(detail) : sourceFamily;
  const route = CALLS[family].get(detail.eventName);
  if (route === undefined) {
    const reason = IGNORE_REASONS.get(`${family}:${detail.eventName}`);
    return ignore(eventId, reason ?? `${detail.eventName} is out of scope for ${FAMILY_LABELS[family]}`);
  }
  const call: ApiCall = {
    eventId,
    eventName: detail.eventName,
    detail,
    accountId: detail.recipientAccountId ?? detail.userIdentity.accountId ?? envelope.account,
    region: detail.awsRegion,
  };
  return inspect({
    eventId,
    eventName: detail.eventName,
    eventTime: detail.eventTime,
    actor: actorFromUserIdentity(detail.userIdentity),
    refs: route.refs(call),
    deleted: route.deleted,
    byPrefix: route.byPrefix,
  });
}

/** Validates an "AWS API Call via CloudTrail" EventBridge event and routes it. */
export function routeCloudTrail(event: unknown): RouteResult {
  return routeApiCall(parseEventBridgeEvent(event));
}

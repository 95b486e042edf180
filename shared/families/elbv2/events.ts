/** The ELBv2 API calls (apiVersion 2015-12-01) that change a listener, and the Config items of listeners. */
import type { FieldPath } from '../../events/errors.js';
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { isListenerArn, listenerArnFromRuleArn, listenerPrefixOfLoadBalancer } from './arn.js';
import { withTargetGroupRoutes } from './target-group-events.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

function listenerAt(call: ApiCall, path: FieldPath): ResourceRef {
  const arn = stringAt(call, [path]);
  if (!isListenerArn(arn)) fieldError(['detail', ...path], 'a listener ARN', arn, call.eventId);
  return refOf(call, LISTENER, arn);
}

function listenerOfRuleAt(call: ApiCall, path: FieldPath): ResourceRef {
  const ruleArn = stringAt(call, [path]);
  const listenerArn = listenerArnFromRuleArn(ruleArn);
  if (listenerArn === undefined) {
    fieldError(['detail', ...path], 'a listener rule ARN', ruleArn, call.eventId);
  }
  return refOf(call, LISTENER, listenerArn);
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
  return [refOf(call, LISTENER, prefix)];
}

const CALLS = new Map<string, CallRoute>([
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

export const elbv2Events: FamilyEvents = {
  apiCalls: [
    {
      source: 'aws.elasticloadbalancing',
      label: 'ELBv2 (API 2015-12-01)',
      apiVersion: '2015-12-01',
      routes: withTargetGroupRoutes(CALLS),
      ignored: new Map([
        [
          'CreateLoadBalancer',
          'an ELBv2 CreateLoadBalancer call creates no listener; CreateListener events cover listeners',
        ],
      ]),
    },
  ],
  config: {
    resourceTypes: [LISTENER, 'AWS::ElasticLoadBalancingV2::TargetGroup'],
    ignored: new Map([
      [
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'load balancer items carry no listener data; listener items and CloudTrail events cover listeners',
      ],
    ]),
  },
};

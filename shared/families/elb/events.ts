/** The classic ELB API calls (apiVersion 2012-06-01) that change a load balancer's listeners, and its Config items. */

import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import type { CloudTrailDetail } from '../../events/schemas.js';
import type { ResourceRef } from '../../model/ref.js';
import { classicLoadBalancerArn } from './arn.js';

const LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';

function classicLoadBalancer(call: ApiCall): ResourceRef[] {
  const name = stringAt(call, [['requestParameters', 'loadBalancerName']]);
  const arn = classicLoadBalancerArn(call.region, call.accountId, name);
  return [refOf(call, LOAD_BALANCER, arn, name)];
}

// DeleteLoadBalancerListeners leaves the load balancer: reading it again judges the listeners left, and the
// findings of the removed ones resolve as fixed (each classic finding is about the whole load balancer).
const INSPECT_CLASSIC: CallRoute = { refs: classicLoadBalancer };
const CALLS = new Map<string, CallRoute>([
  ['CreateLoadBalancer', INSPECT_CLASSIC],
  ['CreateLoadBalancerListeners', INSPECT_CLASSIC],
  ['SetLoadBalancerPoliciesOfListener', INSPECT_CLASSIC],
  ['CreateLoadBalancerPolicy', INSPECT_CLASSIC],
  ['DeleteLoadBalancerListeners', INSPECT_CLASSIC],
  ['SetLoadBalancerListenerSSLCertificate', INSPECT_CLASSIC],
  ['DeleteLoadBalancer', { refs: classicLoadBalancer, deleted: true }],
]);

/** Without apiVersion the request tells: classic calls name `loadBalancerName`, v2 calls `name` or ARNs. */
function namesClassicLoadBalancer(detail: CloudTrailDetail): boolean {
  return typeof detail.requestParameters?.loadBalancerName === 'string';
}

export const elbEvents: FamilyEvents = {
  apiCalls: [
    {
      source: 'aws.elasticloadbalancing',
      label: 'classic ELB (API 2012-06-01)',
      apiVersion: '2012-06-01',
      claims: namesClassicLoadBalancer,
      routes: CALLS,
    },
  ],
  config: {
    resourceTypes: [LOAD_BALANCER],
    // Classic load balancer items use the name as resourceId.
    resourceOf: (item, { accountId, region, arn }) => {
      const name = item.resourceName || item.resourceId;
      return { resourceId: arn ?? classicLoadBalancerArn(region, accountId, name), name };
    },
  },
};

import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';

/** The name in a classic load balancer ARN (arn:...:loadbalancer/<name>), or the id itself. */
export function classicLoadBalancerName(ref: ResourceRef): string {
  if (ref.name) return ref.name;
  const match = /:loadbalancer\/([^/]+)$/.exec(ref.resourceId);
  return match?.[1] ?? ref.resourceId;
}

/** True when the normalized resource is the one the ref points at (by ARN, id or classic name). */
export function matchesRef(resource: Resource, ref: ResourceRef): boolean {
  if (resource.resourceType !== ref.resourceType) return false;
  if (resource.resourceId === ref.resourceId || resource.arn === ref.resourceId) return true;
  return (
    resource.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer' &&
    resource.loadBalancerName === classicLoadBalancerName(ref)
  );
}

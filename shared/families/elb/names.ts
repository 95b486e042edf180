import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { classicLoadBalancerArn } from './arn.js';

/** The name in a classic load balancer ARN (arn:...:loadbalancer/<name>), or the id itself. */
export function classicLoadBalancerName(ref: Pick<ResourceRef, 'resourceId' | 'name'>): string {
  if (ref.name) return ref.name;
  const match = /:loadbalancer\/([^/]+)$/.exec(ref.resourceId);
  return match?.[1] ?? ref.resourceId;
}

/** A classic load balancer is also the one a ref names by its name. */
export function matchesClassicName(resource: Resource, ref: ResourceRef): boolean {
  return (
    resource.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer' &&
    resource.loadBalancerName === classicLoadBalancerName(ref)
  );
}

/**
 * DescribeLoadBalancers (classic) has no ARN; once the region and account are known, the resource takes
 * the ARN that CloudTrail events and AWS Config name it by, so findings of one load balancer stay one.
 */
export function withClassicArn(resource: Resource): Resource {
  if (resource.resourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer' || resource.arn) return resource;
  if (!resource.region || !resource.accountId) return resource;
  const arn = classicLoadBalancerArn(resource.region, resource.accountId, resource.loadBalancerName);
  return { ...resource, arn, resourceId: arn };
}

import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { classicLoadBalancerArn } from '../../families/elb/arn.js';
import { linkInventory, mergeInventories, normalizeDocument } from '../index.js';
import type { Inventory } from '../types.js';
import type { ApiDocument, Collected, NegotiatedTunnel } from './context.js';
import { toDocument } from './document.js';
import { matchesRef } from './match.js';
import { emptyReadResult, type ReadResult } from './port.js';

function normalizeOne({ document, source }: ApiDocument): Inventory {
  try {
    return normalizeDocument(toDocument(document), source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { resources: [], errors: [{ source, message }], elbv2Policies: [] };
  }
}

function withNegotiated(resource: Resource, negotiated: readonly NegotiatedTunnel[]): Resource {
  if (resource.resourceType !== 'AWS::EC2::VPNConnection') return resource;
  const mine = negotiated.filter((tunnel) => tunnel.vpnConnectionId === resource.vpnConnectionId);
  if (mine.length === 0) return resource;
  return {
    ...resource,
    tunnels: resource.tunnels.map((tunnel) => {
      const found = mine.find((entry) => entry.outsideIpAddress === tunnel.outsideIpAddress);
      return found ? { ...tunnel, negotiated: found.negotiated } : tunnel;
    }),
  };
}

export interface Whereabouts {
  region: string;
  /** The refs that were read, whose account ids the resources take; else `accountId`. */
  refs?: readonly ResourceRef[];
  accountId?: string;
}

/**
 * DescribeLoadBalancers (classic) has no ARN; once the region and account are known, the resource takes
 * the ARN that CloudTrail events and AWS Config name it by, so findings of one load balancer stay one.
 */
function withClassicArn(resource: Resource): Resource {
  if (resource.resourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer' || resource.arn) return resource;
  if (!resource.region || !resource.accountId) return resource;
  const arn = classicLoadBalancerArn(resource.region, resource.accountId, resource.loadBalancerName);
  return { ...resource, arn, resourceId: arn };
}

/**
 * Turns collected API outputs into the model through the one normalizer, group by group, and fills
 * in the region and account that describe outputs leave out.
 */
export function toReadResult(collected: Collected, where: Whereabouts): ReadResult {
  const result = emptyReadResult();
  result.gone.push(...collected.gone);
  result.errors.push(...collected.errors);
  for (const group of collected.groups) {
    const linked = linkInventory(mergeInventories(group.documents.map(normalizeOne)));
    result.errors.push(...linked.errors);
    result.elbv2Policies.push(...linked.elbv2Policies);
    for (const resource of linked.resources) {
      if (group.keep && !group.keep(resource)) continue;
      const accountId =
        resource.accountId ??
        where.refs?.find((ref) => matchesRef(resource, ref))?.accountId ??
        where.accountId;
      const region = resource.region ?? where.region;
      result.resources.push(
        withNegotiated(
          withClassicArn({ ...resource, region, ...(accountId ? { accountId } : {}) }),
          collected.negotiated,
        ),
      );
    }
  }
  return result;
}

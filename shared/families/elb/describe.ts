import type { InventoryBuilder } from '../../inventory/builder.js';
import { decodeJsonString, FieldError, Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import { classicLoadBalancerArn, regionOfElbDnsName } from './arn.js';
import type { ClassicListener, ClassicLoadBalancer, ClassicPolicy } from './model.js';

function mapClassicListener(description: Fields): ClassicListener {
  const listener = description.object('Listener');
  if (!listener) throw new FieldError(description.pathOf('Listener'), 'missing');
  const loadBalancerPort = listener.number('LoadBalancerPort');
  if (loadBalancerPort === undefined) throw new FieldError(listener.pathOf('LoadBalancerPort'), 'missing');
  return {
    protocol: requireString(listener, 'Protocol'),
    loadBalancerPort,
    policyNames: description.strings('PolicyNames') ?? [],
    instanceProtocol: listener.string('InstanceProtocol'),
    instancePort: listener.number('InstancePort'),
    sslCertificateId: listener.string('SSLCertificateId'),
  };
}

/** A DescribeLoadBalancerPolicies policy description, API or Config (supplementaryConfiguration). */
export function mapClassicPolicy(policy: Fields): ClassicPolicy {
  return {
    policyName: requireString(policy, 'PolicyName'),
    attributes: (policy.objects('PolicyAttributeDescriptions') ?? []).map((attribute) => ({
      name: requireString(attribute, 'AttributeName'),
      value: attribute.string('AttributeValue') ?? '',
    })),
    policyTypeName: policy.string('PolicyTypeName'),
  };
}

export interface ClassicScope {
  arn?: string;
  accountId?: string;
  region?: string;
}

/**
 * Where a described classic load balancer lives: DescribeLoadBalancers has no ARN, but its DNS name
 * holds the region and, in a VPC, the source security group's owner is the load balancer's account.
 */
function scopeOf(loadBalancer: Fields, name: string): ClassicScope {
  const region = regionOfElbDnsName(
    loadBalancer.string('DNSName') ?? loadBalancer.string('CanonicalHostedZoneName'),
  );
  const owner = loadBalancer.object('SourceSecurityGroup')?.string('OwnerAlias');
  const accountId = owner && /^\d{12}$/.test(owner) ? owner : undefined;
  const arn = region && accountId ? classicLoadBalancerArn(region, accountId, name) : undefined;
  return { arn, accountId, region };
}

/**
 * A classic load balancer (DescribeLoadBalancers, or a Config item's configuration). `scope` comes from
 * the Config item when there is one; `policies` are the load balancer's own (Config lists them).
 */
export function mapClassicLoadBalancer(
  loadBalancer: Fields,
  source: string,
  scope?: ClassicScope,
  policies: ClassicPolicy[] = [],
): ClassicLoadBalancer {
  const loadBalancerName = requireString(loadBalancer, 'LoadBalancerName');
  const described = scopeOf(loadBalancer, loadBalancerName);
  const where = {
    arn: scope?.arn ?? described.arn,
    accountId: scope?.accountId ?? described.accountId,
    region: scope?.region ?? described.region,
  };
  const tags = readTags(loadBalancer, 'Tags');
  return {
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId: where.arn ?? loadBalancerName,
    tags,
    source,
    loadBalancerName,
    listeners: (loadBalancer.objects('ListenerDescriptions') ?? []).map(mapClassicListener),
    policies,
    ...where,
    name: displayName(tags, loadBalancerName),
    dnsName: loadBalancer.string('DNSName'),
    scheme: loadBalancer.string('Scheme'),
  };
}

/** Config's supplementaryConfiguration.LoadBalancerPolicies, an array or its JSON encoding. */
export function readConfigClassicPolicies(supplementary: Fields | undefined): ClassicPolicy[] {
  if (!supplementary) return [];
  const path = supplementary.pathOf('LoadBalancerPolicies');
  const value = decodeJsonString(supplementary.raw('LoadBalancerPolicies'), path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FieldError(path, 'expected a list');
  return value.map((entry, index) => mapClassicPolicy(Fields.of(entry, `${path}[${index}]`)));
}

export function readClassicLoadBalancers(records: Fields[], label: string, out: InventoryBuilder): void {
  out.eachRecord('elb describe-load-balancers', 'load balancer', records, (record) => {
    out.resources.push(mapClassicLoadBalancer(record, label));
  });
}

import { mapCertificate } from '../families/acm/describe.js';
import { mapClassicLoadBalancer, readConfigClassicPolicies } from '../families/elb/describe.js';
import { mapElbv2LoadBalancer, mapListener } from '../families/elbv2/describe.js';
import { mapVpnConnection } from '../families/vpn/describe.js';
import type { Resource } from '../model/resource.js';
import type { InventoryBuilder } from './builder.js';
import { toIsoDate } from './dates.js';
import type { Fields } from './fields.js';
import { readTags, requireString } from './record.js';

/** Statuses of items that describe no current resource. */
const NOT_RECORDED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const ELBV2_LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLASSIC_LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';
const VPN_CONNECTION = 'AWS::EC2::VPNConnection';
const CERTIFICATE = 'AWS::ACM::Certificate';

const IN_SCOPE = new Set([LISTENER, ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER, VPN_CONNECTION, CERTIFICATE]);

function oversized(out: InventoryBuilder, format: string, resourceType: string, resourceId: string): void {
  out.error(
    `${format}: oversized configuration item ${resourceType} ${resourceId} (the input has no configuration for it): fetch it with GetResourceConfigHistory`,
  );
}

/**
 * An OversizedConfigurationItemChangeNotification: Config sent only a summary. An in-scope resource
 * is reported, never guessed from the summary.
 */
export function readOversizedSummary(summary: Fields, format: string, out: InventoryBuilder): void {
  out.guard(format, 'item', () => {
    const resourceType = requireString(summary, 'resourceType');
    if (NOT_RECORDED.has(summary.string('configurationItemStatus') ?? '')) return out.skipNotRecorded();
    if (!IN_SCOPE.has(resourceType)) return out.skipOutOfScope(resourceType);
    oversized(
      out,
      format,
      resourceType,
      summary.identifier('ARN') ?? summary.identifier('resourceId') ?? '(no id)',
    );
  });
}

interface ItemScope {
  arn: string | undefined;
  accountId: string | undefined;
  region: string | undefined;
  capturedAt?: string | undefined;
}

/** Item-level facts the configuration does not repeat: account, region, tags (completes the new resource in place). */
function overlayItem(resource: Resource, scope: ItemScope, tags: Record<string, string>): Resource {
  resource.accountId ??= scope.accountId;
  resource.region ??= scope.region;
  // Which of two inputs describing this resource is newer (dedupeResources).
  if (scope.capturedAt) resource.capturedAt = scope.capturedAt;
  Object.assign(resource.tags, tags);
  const name = resource.tags.Name?.trim();
  if (name) resource.name = name;
  return resource;
}

function mapInScope(
  resourceType: string,
  configuration: Fields,
  item: Fields,
  scope: ItemScope,
  supplementary: Fields | undefined,
  label: string,
  out: InventoryBuilder,
): Resource | undefined {
  const arn = scope.arn;
  const resourceId = item.identifier('resourceId');
  switch (resourceType) {
    case LISTENER:
      return mapListener(configuration.withDefault('ListenerArn', arn ?? resourceId), label);
    case ELBV2_LOAD_BALANCER:
      out.pending.loadBalancers.push(
        mapElbv2LoadBalancer(configuration.withDefault('LoadBalancerArn', arn ?? resourceId), label),
      );
      return undefined;
    case CLASSIC_LOAD_BALANCER: {
      const policies = readConfigClassicPolicies(supplementary);
      const named = configuration.withDefault(
        'LoadBalancerName',
        item.identifier('resourceName') ?? resourceId,
      );
      return mapClassicLoadBalancer(named, label, scope, policies);
    }
    case VPN_CONNECTION:
      return mapVpnConnection(configuration.withDefault('VpnConnectionId', resourceId), label, scope);
    default:
      return mapCertificate(configuration.withDefault('CertificateArn', arn ?? resourceId), label);
  }
}

/**
 * The newest item of each resource: GetResourceConfigHistory lists a resource's past states too, newest
 * first. Items are compared by capture time; on a tie (or without one) the later item wins.
 */
export function newestItems(items: readonly Fields[]): Fields[] {
  const newest = new Map<string, number>();
  const kept = items.map(() => true);
  items.forEach((item, index) => {
    const key = itemKey(item);
    if (key === undefined) return;
    const current = newest.get(key);
    if (current === undefined) {
      newest.set(key, index);
      return;
    }
    // Only a resource listed twice has its capture times read.
    const older = captureTime(items[current] as Fields) > captureTime(item) ? index : current;
    kept[older] = false;
    newest.set(key, older === index ? current : index);
  });
  return items.filter((_, index) => kept[index]);
}

/** Which resource an item is about, as newestItems compares them; undefined when it does not say. */
export function itemIdentity(item: Fields): { type: string; id: string } | undefined {
  const type = item.raw('resourceType');
  const id = item.raw('resourceId') ?? item.raw('ARN');
  return typeof type === 'string' && typeof id === 'string' ? { type, id } : undefined;
}

function itemKey(item: Fields): string | undefined {
  const identity = itemIdentity(item);
  return identity && `${identity.type}|${identity.id}`;
}

function captureTime(item: Fields): number {
  const captured = toIsoDate(item.raw('configurationItemCaptureTime'));
  return captured ? Date.parse(captured) : Number.NEGATIVE_INFINITY;
}

/**
 * One configuration item (snapshot, history, change notification). `configuration` may be an object
 * or a JSON string; supplementaryConfiguration values may be JSON strings too.
 */
export function readConfigItem(item: Fields, format: string, label: string, out: InventoryBuilder): void {
  out.guard(format, 'configuration item', () => {
    const resourceType = requireString(item, 'resourceType');
    if (NOT_RECORDED.has(item.string('configurationItemStatus') ?? '')) return out.skipNotRecorded();
    if (!IN_SCOPE.has(resourceType)) return out.skipOutOfScope(resourceType);
    const configuration = item.decodedObject('configuration');
    if (!configuration) {
      return oversized(
        out,
        format,
        resourceType,
        item.identifier('ARN') ?? item.identifier('resourceId') ?? '(no id)',
      );
    }
    const supplementary = item.decodedObject('supplementaryConfiguration');
    const tags = { ...(supplementary ? readTags(supplementary, 'Tags') : {}), ...readTags(item, 'tags') };
    const scope = {
      arn: item.identifier('ARN'),
      accountId: item.string('accountId') ?? item.string('awsAccountId'),
      region: item.string('awsRegion'),
      capturedAt: toIsoDate(item.raw('configurationItemCaptureTime')),
    };
    const resource = mapInScope(resourceType, configuration, item, scope, supplementary, label, out);
    if (resource) out.resources.push(overlayItem(resource, scope, tags));
  });
}

/**
 * ELBv2 target groups (AWS::ElasticLoadBalancingV2::TargetGroup), for elbv2-target-group-plaintext: the hop from
 * a load balancer to its targets. Read from `aws elbv2 describe-target-groups` (TargetGroups) and AWS Config
 * items; linked to the HTTPS and TLS listeners that forward to them, and to their VPC's encryption control.
 * API shapes: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html
 */
import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import type { ConfigItemReader, DescribeFormat, PendingKind } from '../../inventory/family-inputs.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import type { PendingLinks } from '../../inventory/types.js';
import type { Resource, ResourceBase } from '../../model/resource.js';
import type { Elbv2Listener, ListenerAction } from './model.js';

export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/** A listener that decrypts (HTTPS or TLS) and forwards to the target group. */
interface ForwardingListener {
  listenerArn: string;
  protocol: string;
  port?: number;
}

/**
 * A VPC's encryption control as EC2 describes it (DescribeVpcEncryptionControls / DescribeVpcs EncryptionControl).
 * @internal Exported for the target-group test: the VPC family fills it by key (families import no other family).
 */
export interface VpcEncryptionControlFact {
  vpcId: string;
  /** monitor | enforce */
  mode?: string;
  /** available | creating | enforce-in-progress | ... (reference/vpc-encryption-controls.md) */
  state?: string;
}

export interface Elbv2TargetGroup extends ResourceBase {
  resourceType: typeof TARGET_GROUP;
  targetGroupArn: string;
  /** HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE | QUIC | TCP_QUIC; absent for Lambda targets. */
  protocol?: string;
  port?: number;
  /** instance | ip | lambda | alb */
  targetType?: string;
  vpcId?: string;
  /** The load balancers that route to it; undefined when the input does not say. */
  loadBalancerArns?: string[];
  /** Set when linked: the HTTPS and TLS listeners of the inputs that forward to it. */
  forwardedBy?: ForwardingListener[];
  /**
   * Set when linked: what the inputs lack to know every listener that forwards to it (a load balancer without
   * listeners in the inputs, an HTTPS listener whose rules were not read).
   */
  forwardingUnknown?: string[];
  /** Set when linked and a family supplied it: the encryption control of its VPC; undefined is unknown. */
  vpcEncryptionControl?: VpcEncryptionControlFact;
}

/**
 * The encryption controls of VPCs, as facts the VPC family's readers (shared/families/vpc/describe.ts) keep in
 * `Inventory.pending` under this key: one per VPC, from DescribeVpcEncryptionControls or DescribeVpcs
 * (`EncryptionControl`).
 * @internal Exported for the target-group test: the VPC family declares its own kind with the same key, since
 * families import no other family.
 */
export const VPC_ENCRYPTION_CONTROLS: PendingKind<VpcEncryptionControlFact> = {
  key: 'vpcEncryptionControls',
};

/** A target group: a `TargetGroups` record of describe-target-groups, or a Config item's configuration. */
function mapTargetGroup(record: Fields, source: string): Elbv2TargetGroup {
  const targetGroupArn = requireString(record, 'TargetGroupArn');
  const tags = readTags(record, 'Tags');
  return {
    resourceType: TARGET_GROUP,
    resourceId: targetGroupArn,
    arn: targetGroupArn,
    ...arnScope(targetGroupArn),
    // A Config item carries the CloudFormation resource's properties, where `Name` is the settable name.
    name: displayName(tags, record.string('TargetGroupName') ?? record.string('Name')),
    tags,
    source,
    targetGroupArn,
    protocol: record.string('Protocol'),
    port: record.number('Port'),
    targetType: record.string('TargetType'),
    vpcId: record.string('VpcId'),
    loadBalancerArns: record.strings('LoadBalancerArns'),
  };
}

function readTargetGroups(records: Fields[], format: string, label: string, out: InventoryBuilder): void {
  out.eachRecord(format, 'target group', records, (record) => {
    out.resources.push(mapTargetGroup(record, label));
  });
}

/** Every target group an action sends to: TargetGroupArn, or each of a (weighted) ForwardConfig's. */
function targetsOf(action: ListenerAction): string[] {
  if (action.type.toLowerCase() !== 'forward') return [];
  return [
    ...new Set([
      ...(action.targetGroupArns ?? []),
      ...(action.targetGroupArn ? [action.targetGroupArn] : []),
    ]),
  ];
}

const DECRYPTING = new Set(['HTTPS', 'TLS']);

/**
 * Links each target group to the HTTPS and TLS listeners of the inputs that forward to it (default actions and
 * rules), and to its VPC's encryption control; `linked` holds the listeners as the listener step linked them
 * (with their rules). Returns `linked` with the target groups added.
 */
export function linkTargetGroups(
  resources: readonly Resource[],
  linked: Map<Resource, Resource>,
  pending: PendingLinks,
): Map<Resource, Resource> {
  const groups = resources.filter(
    (resource): resource is Elbv2TargetGroup => resource.resourceType === TARGET_GROUP,
  );
  if (groups.length === 0) return linked;
  const listeners = resources
    .map((resource) => linked.get(resource) ?? resource)
    .filter(
      (resource): resource is Elbv2Listener =>
        resource.resourceType === 'AWS::ElasticLoadBalancingV2::Listener',
    );
  const controls = new Map(
    ((pending[VPC_ENCRYPTION_CONTROLS.key] ?? []) as VpcEncryptionControlFact[]).map((fact) => [
      fact.vpcId,
      fact,
    ]),
  );
  for (const group of groups) {
    const forwardedBy: ForwardingListener[] = [];
    const unknown: string[] = [];
    for (const loadBalancerArn of group.loadBalancerArns ?? []) {
      const own = listeners.filter((listener) => listener.loadBalancerArn === loadBalancerArn);
      if (own.length === 0) unknown.push(`the listeners of ${loadBalancerArn}`);
      for (const listener of own) {
        const protocol = listener.protocol ?? '';
        if (!DECRYPTING.has(protocol)) continue;
        const actions = [
          ...listener.defaultActions,
          ...(listener.rules ?? []).flatMap((rule) => rule.actions),
        ];
        if (actions.some((action) => targetsOf(action).includes(group.targetGroupArn))) {
          forwardedBy.push({ listenerArn: listener.listenerArn, protocol, port: listener.port });
        } else if (protocol === 'HTTPS' && listener.rules === undefined) {
          unknown.push(`the rules of ${listener.listenerArn}`);
        }
      }
    }
    const control = group.vpcId ? controls.get(group.vpcId) : undefined;
    linked.set(group, {
      ...group,
      forwardedBy,
      forwardingUnknown: unknown,
      ...(control ? { vpcEncryptionControl: control } : {}),
    });
  }
  return linked;
}

/** The target groups' part of the elbv2 inputs facet: describe-target-groups output and AWS Config items. */
export const TARGET_GROUP_INPUTS: {
  format: DescribeFormat;
  configItems: Record<string, ConfigItemReader>;
} = {
  format: { key: 'TargetGroups', format: 'elbv2 describe-target-groups', read: readTargetGroups },
  configItems: {
    // AWS::ElasticLoadBalancingV2::TargetGroup is in the Config ResourceType enum (reference/service-facts.md) but
    // not in the awslabs/aws-config-resource-schema repo (checked 2025-03-17, adf5513), and no sample item was found.
    // Config describes such types by their CloudFormation resource (resource-config-reference.html), whose
    // properties and return values use the names read here: TargetGroupArn, TargetGroupName (or Name), Protocol,
    // Port, TargetType, VpcId, LoadBalancerArns, Tags as Key/Value
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-targetgroup.html).
    [TARGET_GROUP]: ({ configuration, scope, resourceId, label }) =>
      mapTargetGroup(configuration.withDefault('TargetGroupArn', scope.arn ?? resourceId), label),
  },
};

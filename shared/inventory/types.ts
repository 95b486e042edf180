import type { ClassicPolicy } from '../families/elb/model.js';
import type { ListenerRule, LoadBalancerType } from '../families/elbv2/model.js';
import type { VpnNegotiatedCrypto } from '../families/vpn/model.js';
import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';

/** A problem with one input: names the input (file, event id, API call) and what is wrong. */
export interface InputError {
  source: string;
  message: string;
}

/** AWS Config items that are deliberately not resources, counted so a report can say so. */
export interface SkippedItems {
  /** Items of resource types transit-guard does not judge, per type. */
  outOfScope: Record<string, number>;
  /** Items recorded as ResourceDeleted, ResourceDeletedNotRecorded or ResourceNotRecorded. */
  notRecorded: number;
}

/** An ELBv2 load balancer: not judged itself, it tells its listeners their type and name. */
export interface Elbv2LoadBalancerInfo {
  loadBalancerArn: string;
  loadBalancerName?: string;
  loadBalancerType?: LoadBalancerType;
  /** internet-facing | internal */
  scheme?: string;
  source: string;
}

/** A DescribeRules rule with the listener its ARN names. */
export interface PendingRule {
  listenerArn: string;
  rule: ListenerRule;
}

/** A DescribeLoadBalancerPolicies policy; the output does not say which load balancer it came from. */
export interface PendingClassicPolicy {
  policy: ClassicPolicy;
  source: string;
}

/**
 * What one tunnel negotiated (get-active-vpn-tunnel-status output, with the connection id and tunnel
 * outside IP address it was asked for), waiting for the VPN connection it belongs to.
 */
export interface PendingTunnelStatus {
  vpnConnectionId: string;
  outsideIpAddress: string;
  negotiated: VpnNegotiatedCrypto;
  /** The input (file name) and the record's path in it, for errors that name the field. */
  source: string;
  path: string;
}

/** What the normalizers keep for linkInventory: facts about other resources, not resources themselves. */
export interface PendingLinks {
  loadBalancers: Elbv2LoadBalancerInfo[];
  rules: PendingRule[];
  /** Listener ARNs that DescribeRules output covered (their rules are known, even when only the default). */
  rulesCovered: string[];
  classicPolicies: PendingClassicPolicy[];
  tunnelStatuses: PendingTunnelStatus[];
}

/** What the normalizers produce from any mix of inputs. */
export interface Inventory {
  resources: Resource[];
  errors: InputError[];
  /** ELBv2 security policies found in the input (describe-ssl-policies); they override bundled data. */
  elbv2Policies: ResolvedTlsPolicy[];
  /** Config items that were not turned into resources on purpose (absent: none were seen). */
  skipped?: SkippedItems;
  /** Linking data not yet applied; linkInventory consumes it and leaves it out of its result. */
  pending?: PendingLinks;
}

/** Thrown for input that cannot be understood; the message names the input and the field. */
export class InputFormatError extends Error {
  override name = 'InputFormatError';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/** The Classic Load Balancer in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

interface ClassicPolicyAttribute {
  name: string;
  value: string;
}

export interface ClassicPolicy {
  policyName: string;
  /** SSLNegotiationPolicyType for negotiation policies. */
  policyTypeName?: string;
  attributes: ClassicPolicyAttribute[];
}

export interface ClassicListener {
  /** HTTP | HTTPS | TCP | SSL (front end). */
  protocol: string;
  loadBalancerPort: number;
  instanceProtocol?: string;
  instancePort?: number;
  sslCertificateId?: string;
  policyNames: string[];
}

export interface ClassicLoadBalancer extends ResourceBase {
  resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer';
  loadBalancerName: string;
  dnsName?: string;
  scheme?: string;
  listeners: ClassicListener[];
  /**
   * Policies defined on this load balancer with their attributes (DescribeLoadBalancerPolicies),
   * keyed by policy name. A listener's policy that is missing here is resolved from the predefined
   * policy data, or is unknown.
   */
  policies: ClassicPolicy[];
}

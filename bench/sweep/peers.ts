/**
 * What Prowler and Cloud Custodian call to read the same resources for the same checks, worked out from
 * their source (files, commits and lines in bench/README.md). Calls we could not trace in their source
 * are counted at the least they could be, so both totals are lower bounds.
 */
import type { GeneratedAccount } from '../stand-in/account.js';
import type { CallCounts } from './expected.js';

const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

/**
 * Prowler's services load everything a service's checks use when the service is first used:
 * - acm_service.py: ListCertificates (paginator, every key type), then DescribeCertificate and
 *   ListTagsForCertificate for every certificate.
 * - elbv2_service.py: DescribeLoadBalancers (paginator), then per load balancer DescribeListeners,
 *   DescribeLoadBalancerAttributes and DescribeTags, and DescribeRules for every listener (any protocol).
 *   DescribeTargetGroups / DescribeTargetHealth only for internet-facing ALBs with security groups (none here).
 * - elb_service.py: DescribeLoadBalancers, then per load balancer DescribeLoadBalancerAttributes and DescribeTags
 *   (no DescribeLoadBalancerPolicies: its TLS checks read policy names only).
 * - directconnect_service.py: DescribeConnections and DescribeVirtualInterfaces (no LAGs, no MACsec checks).
 * - VPN connections: one DescribeVpnConnections (not traced to a line; counted at the least).
 * - cloudfront_service.py: ListDistributions (paginator, 100 a page), then GetDistributionConfig and
 *   ListTagsForResource per distribution, and CloudWatch Logs DescribeDeliverySources / DescribeDeliveries
 *   (one page each here) for its logging check.
 */
export function prowlerCalls(account: GeneratedAccount): CallCounts {
  const certificates = account.certificates.length;
  const loadBalancers = account.loadBalancers.length;
  const classic = account.classicLoadBalancers.length;
  const distributions = account.cloudFrontDistributions.length;
  return {
    'acm:ListCertificates': pages(certificates, 1000),
    'acm:DescribeCertificate': certificates,
    'acm:ListTagsForCertificate': certificates,
    'elbv2:DescribeLoadBalancers': pages(loadBalancers, 400),
    'elbv2:DescribeListeners': loadBalancers,
    'elbv2:DescribeLoadBalancerAttributes': loadBalancers,
    'elbv2:DescribeRules': account.listeners.length,
    'elbv2:DescribeTags': loadBalancers,
    'elb:DescribeLoadBalancers': pages(classic, 400),
    'elb:DescribeLoadBalancerAttributes': classic,
    'elb:DescribeTags': classic,
    'ec2:DescribeVpnConnections': 1,
    'directConnect:DescribeConnections': 1,
    'directConnect:DescribeVirtualInterfaces': 1,
    ...(distributions > 0
      ? {
          'cloudfront:ListDistributions': pages(distributions, 100),
          'cloudfront:GetDistributionConfig': distributions,
          'cloudfront:ListTagsForResource': distributions,
          'logs:DescribeDeliverySources': 1,
          'logs:DescribeDeliveries': 1,
        }
      : {}),
  };
}

/**
 * Cloud Custodian (`everyKeyType`: as if its listing saw every certificate, to compare the same resources),
 * one policy per resource type with the filters of the same checks:
 * - acm.py (acm-certificate): ListCertificates without Includes (so only RSA_1024 / RSA_2048 certificates are
 *   listed at all) and DescribeCertificate for each listed certificate (detail_spec); tags by
 *   universal_augment (tagging API, not counted).
 * - appelb.py (app-elb): DescribeLoadBalancers, DescribeTags in chunks of 20 (_describe_appelb_tags), and
 *   DescribeListeners per load balancer for each `listener` filter (AppELBListenerFilterBase.initialize);
 *   counted once, as if one filter served every listener check. No check reads listener rules.
 * - elb.py (elb): DescribeLoadBalancers and DescribeTags in chunks (not traced to a line; counted at one call),
 *   DescribeLoadBalancerPolicies for the ssl-policy filter (not traced; counted at the least, TLS load balancers).
 * - vpn-connection and directconnect: one DescribeVpnConnections, one DescribeConnections (no LAGs).
 */
export function custodianCalls(account: GeneratedAccount, everyKeyType = false): CallCounts {
  const listed = everyKeyType
    ? account.certificates.length
    : account.certificates.filter((certificate) => ['RSA_1024', 'RSA_2048'].includes(certificate.keyType))
        .length;
  const loadBalancers = account.loadBalancers.length;
  const tlsClassic = account.classicLoadBalancers.filter((lb) =>
    ((lb.ListenerDescriptions as { Listener: { Protocol: string } }[]) ?? []).some((description) =>
      ['HTTPS', 'SSL'].includes(description.Listener.Protocol.toUpperCase()),
    ),
  ).length;
  return {
    'acm:ListCertificates': pages(listed, 1000),
    'acm:DescribeCertificate': listed,
    'elbv2:DescribeLoadBalancers': pages(loadBalancers, 400),
    'elbv2:DescribeTags': Math.ceil(loadBalancers / 20),
    'elbv2:DescribeListeners': loadBalancers,
    'elb:DescribeLoadBalancers': pages(account.classicLoadBalancers.length, 400),
    'elb:DescribeTags': 1,
    'elb:DescribeLoadBalancerPolicies': tlsClassic,
    'ec2:DescribeVpnConnections': 1,
    'directConnect:DescribeConnections': 1,
  };
}

/** Certificates a peer never sees because its listing leaves their key type out. */
export function custodianMissedCertificates(account: GeneratedAccount): number {
  return account.certificates.filter((certificate) => !['RSA_1024', 'RSA_2048'].includes(certificate.keyType))
    .length;
}

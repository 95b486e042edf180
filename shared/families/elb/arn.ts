/** Classic load balancer ARNs (which classic API calls and Config items do not carry) and regions. */
import { partitionOf } from '../../aws/arn.js';

/** The region in a classic ELB DNS name: <name>-<n>.<region>.elb.amazonaws.com(.cn). */
export function regionOfElbDnsName(dnsName: string | undefined): string | undefined {
  const match = dnsName
    ? /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com(?:\.cn)?\.?$/i.exec(dnsName)
    : null;
  return match?.[1]?.toLowerCase();
}

/** arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<name> */
export function classicLoadBalancerArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${accountId}:loadbalancer/${name}`;
}

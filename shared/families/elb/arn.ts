/** Where a classic load balancer lives, read from what DescribeLoadBalancers gives instead of an ARN. */

/** The region in a classic ELB DNS name: <name>-<n>.<region>.elb.amazonaws.com(.cn). */
export function regionOfElbDnsName(dnsName: string | undefined): string | undefined {
  const match = dnsName
    ? /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com(?:\.cn)?\.?$/i.exec(dnsName)
    : null;
  return match?.[1]?.toLowerCase();
}

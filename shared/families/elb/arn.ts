/** The classic load balancer ARN, which classic API calls and Config items do not carry. */
import { partitionOf } from '../../aws/arn.js';

/** arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<name> */
export function classicLoadBalancerArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${accountId}:loadbalancer/${name}`;
}

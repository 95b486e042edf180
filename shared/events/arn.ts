/** ARN and id helpers for routing. Pure string work: no AWS calls. */

const PARTITION_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

/** The partition of a region: aws, aws-cn, aws-us-gov, ... */
export function partitionOf(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/** arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<name> */
export function classicLoadBalancerArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${accountId}:loadbalancer/${name}`;
}

const LISTENER_ARN =
  /^arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:listener\/(?:app|net|gwy)\/[^/]+\/[^/]+\/[^/]+$/;
const LISTENER_RULE_ARN =
  /^(arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:)listener-rule\/((?:app|net|gwy)\/[^/]+\/[^/]+\/[^/]+)\/[^/]+$/;
const ELBV2_LOAD_BALANCER_ARN =
  /^(arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:)loadbalancer\/((?:app|net|gwy)\/[^/]+\/[^/]+)$/;
const ACM_CERTIFICATE_ARN = /^arn:[^:]+:acm:[^:]+:[^:]+:certificate\/[^/]+$/;
const ASSUMED_ROLE_ARN = /:assumed-role\/[^/]+\/([^/]+)$/;
const ARN_REGION = /^arn:[^:]+:[^:]+:([^:]+):/;

export function isListenerArn(value: string): boolean {
  return LISTENER_ARN.test(value);
}

export function isAcmCertificateArn(value: string): boolean {
  return ACM_CERTIFICATE_ARN.test(value);
}

/**
 * The listener a rule belongs to:
 * arn:aws:elasticloadbalancing:r:a:listener-rule/app/web/lb-id/listener-id/rule-id
 * -> arn:aws:elasticloadbalancing:r:a:listener/app/web/lb-id/listener-id. Undefined for other strings.
 */
export function listenerArnFromRuleArn(ruleArn: string): string | undefined {
  const match = LISTENER_RULE_ARN.exec(ruleArn);
  return match ? `${match[1]}listener/${match[2]}` : undefined;
}

/**
 * What every listener ARN of an ELBv2 load balancer starts with:
 * arn:aws:elasticloadbalancing:r:a:loadbalancer/app/web/lb-id -> arn:aws:elasticloadbalancing:r:a:listener/app/web/lb-id/.
 * Undefined for anything else (a classic load balancer has no listener ARNs).
 */
export function listenerPrefixOfLoadBalancer(loadBalancerArn: string): string | undefined {
  const match = ELBV2_LOAD_BALANCER_ARN.exec(loadBalancerArn);
  return match ? `${match[1]}listener/${match[2]}/` : undefined;
}

/** The session name of an assumed-role ARN (arn:aws:sts::acct:assumed-role/ROLE/SESSION). */
export function sessionNameOf(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ASSUMED_ROLE_ARN.exec(arn)?.[1];
}

/** The region field of an ARN, when it has one. */
export function regionOfArn(arn: string): string | undefined {
  return ARN_REGION.exec(arn)?.[1];
}

import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import { parseDescribeSslPolicies } from '../../tls/index.js';
import { elbv2ArnParts, listenerArnFromRuleArn, loadBalancerTypeOf } from './arn.js';
import type { Elbv2LoadBalancerInfo, PendingRule } from './inputs.js';
import type {
  Elbv2Listener,
  ListenerAction,
  ListenerCertificate,
  ListenerRule,
  LoadBalancerType,
} from './model.js';

function mapAction(action: Fields): ListenerAction {
  const redirect = action.object('RedirectConfig');
  const fixed = action.object('FixedResponseConfig');
  const forwarded = action.object('ForwardConfig')?.objects('TargetGroups') ?? [];
  const targetGroupArn = action.string('TargetGroupArn') ?? forwarded[0]?.string('TargetGroupArn');
  return {
    type: requireString(action, 'Type'),
    order: action.number('Order'),
    targetGroupArn,
    ...(forwarded.length > 1
      ? { targetGroupArns: forwarded.map((group) => requireString(group, 'TargetGroupArn')) }
      : {}),
    redirect: redirect && {
      protocol: redirect.string('Protocol'),
      port: redirect.string('Port'),
      host: redirect.string('Host'),
      path: redirect.string('Path'),
      query: redirect.string('Query'),
      statusCode: redirect.string('StatusCode'),
    },
    fixedResponse: fixed && {
      statusCode: fixed.string('StatusCode'),
      contentType: fixed.string('ContentType'),
      messageBody: fixed.string('MessageBody'),
    },
  };
}

function mapCertificate(certificate: Fields): ListenerCertificate {
  return {
    certificateArn: requireString(certificate, 'CertificateArn'),
    isDefault: certificate.boolean('IsDefault'),
  };
}

const PROTOCOL_OWNERS = { application: 'an Application', network: 'a Network' } as const;

/**
 * The listener's protocol. Only a Gateway Load Balancer listener has none: one of an Application or Network
 * Load Balancer (listener/app/... or listener/net/...) without it is a broken input, not a GWLB listener.
 */
function listenerProtocolField(listener: Fields, type: LoadBalancerType | undefined): string | undefined {
  const protocol = listener.string('Protocol');
  if (protocol === undefined && (type === 'application' || type === 'network')) {
    throw new FieldError(
      listener.pathOf('Protocol'),
      `missing (${PROTOCOL_OWNERS[type]} Load Balancer listener always has a protocol)`,
    );
  }
  return protocol;
}

/** A listener as DescribeListeners returns it, or the `configuration` of an AWS Config Listener item. */
export function mapListener(listener: Fields, source: string): Elbv2Listener {
  const listenerArn = requireString(listener, 'ListenerArn');
  const fromArn = elbv2ArnParts(listenerArn);
  const protocol = listenerProtocolField(listener, fromArn.loadBalancerType);
  const loadBalancerArn =
    listener.string('LoadBalancerArn') ?? listenerArn.replace(/:listener\/(.+)\/[^/]+$/, ':loadbalancer/$1');
  const tags = readTags(listener, 'Tags');
  const alpnPolicy = listener.strings('AlpnPolicy');
  const scope = arnScope(listenerArn);
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listenerArn,
    arn: listenerArn,
    tags,
    source,
    listenerArn,
    loadBalancerArn,
    certificates: (listener.objects('Certificates') ?? []).map(mapCertificate),
    defaultActions: (listener.objects('DefaultActions') ?? []).map(mapAction),
    name: displayName(tags, fromArn.loadBalancerName),
    accountId: scope.accountId,
    region: scope.region,
    loadBalancerType: fromArn.loadBalancerType,
    loadBalancerName: fromArn.loadBalancerName,
    protocol,
    port: listener.number('Port'),
    sslPolicy: listener.string('SslPolicy'),
    alpnPolicy: alpnPolicy && alpnPolicy.length > 0 ? alpnPolicy : undefined,
    // Set by linkInventory; present from the start so that linking replaces values and adds no property
    // (V8 would give every listener copied with an added property a hidden class of its own).
    siblingListeners: undefined,
    rules: undefined,
  };
}

/** A load balancer (DescribeLoadBalancers, or a Config LoadBalancer item's configuration). */
export function mapElbv2LoadBalancer(loadBalancer: Fields, source: string): Elbv2LoadBalancerInfo {
  const loadBalancerArn = requireString(loadBalancer, 'LoadBalancerArn');
  const fromArn = elbv2ArnParts(loadBalancerArn);
  return {
    loadBalancerArn,
    source,
    loadBalancerName: loadBalancer.string('LoadBalancerName') ?? fromArn.loadBalancerName,
    loadBalancerType: loadBalancerTypeOf(loadBalancer.string('Type')) ?? fromArn.loadBalancerType,
    scheme: loadBalancer.string('Scheme'),
  };
}

/** A DescribeRules rule, with its listener taken from the rule ARN (the output does not name it). */
export function mapRule(rule: Fields): PendingRule {
  const ruleArn = requireString(rule, 'RuleArn');
  const listenerArn = listenerArnFromRuleArn(ruleArn);
  if (!listenerArn) throw new FieldError(rule.pathOf('RuleArn'), 'not a listener-rule ARN');
  const priority = rule.string('Priority') ?? '';
  const mapped: ListenerRule = {
    ruleArn,
    priority,
    isDefault: rule.boolean('IsDefault') ?? priority.toLowerCase() === 'default',
    actions: (rule.objects('Actions') ?? []).map(mapAction),
  };
  return { listenerArn, rule: mapped };
}

export function readListeners(records: Fields[], label: string, out: InventoryBuilder): void {
  out.eachRecord('elbv2 describe-listeners', 'listener', records, (record) => {
    out.resources.push(mapListener(record, label));
  });
}

export function readSslPolicies(document: unknown, out: InventoryBuilder): void {
  try {
    out.tlsPolicies.push(...parseDescribeSslPolicies(document, out.source));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const message = error.message.startsWith(`${out.source}: `)
      ? error.message.slice(out.source.length + 2)
      : error.message;
    out.error(`elbv2 describe-ssl-policies: ${message}`);
  }
}

/**
 * The preventive control: a Service Control Policy that denies creating the configurations the policy
 * file's rules would flag, derived from the same policy (rules in mode `off` add nothing).
 *
 * Condition keys, as AWS names them (checked against the Service Authorization Reference pages
 * list_awselasticloadbalancingv2.html and list_amazonec2.html, and the ELB user guide page
 * security_iam_service-with-iam.html, "Policy condition keys"):
 * - ELBv2 CreateListener / ModifyListener: elasticloadbalancing:ListenerProtocol and
 *   elasticloadbalancing:SecurityPolicy (both multi-valued, so ForAnyValue:). Classic CreateLoadBalancer /
 *   CreateLoadBalancerListeners: elasticloadbalancing:ListenerProtocol, one value per listener.
 *   (There is no "elasticloadbalancing:Protocol" key.)
 * - EC2 CreateVpnConnection / ModifyVpnTunnelOptions: ec2:IKEVersions, ec2:Phase1EncryptionAlgorithms,
 *   ec2:Phase2EncryptionAlgorithms, ec2:Phase1IntegrityAlgorithms, ec2:Phase2IntegrityAlgorithms,
 *   ec2:Phase1DHGroup, ec2:Phase2DHGroup (all ArrayOfString; older VPN guides spell the DH keys
 *   ec2:Phase1DHGroupNumbers / ec2:Phase2DHGroupNumbers).
 *
 * ModifyVpnTunnelOptions carries the same ec2: keys as CreateVpnConnection (Service Authorization Reference,
 * vpn-connection resource of both actions).
 *
 * A key the request does not carry is absent: ForAnyValue:StringEquals is then false, so a ModifyListener
 * without Protocol (changing only the default action, as remediation does) is not denied by the protocol
 * statement; a Null condition denies only where absence itself is the weak choice (a TLS listener created or
 * switched to HTTPS/TLS without a security policy, a VPN created with AWS's default for an option list).
 * Null conditions in one statement are ANDed, so each key whose absence is weak has a statement of its own.
 *
 * The tag guards (Service Authorization Reference pages of Elastic Load Balancing, Amazon EC2, AWS Direct Connect
 * and AWS Certificate Manager; global keys aws:TagKeys and aws:PrincipalArn): aws:TagKeys holds the tag keys of
 * a request, those set (AddTags, CreateTags, TagResource, AddTagsToCertificate) and those removed (RemoveTags,
 * DeleteTags, UntagResource, RemoveTagsFromCertificate). Tag-on-create is authorized as tagging too: ELB checks
 * elasticloadbalancing:AddTags on a create call that carries tags (ELB user guide, "tag resources during
 * creation"), EC2 checks ec2:CreateTags (ec2:CreateAction), ACM's ImportCertificate checks
 * acm:AddTagsToCertificate; the guards name whole services, so a create action that takes aws:TagKeys itself
 * (acm:RequestCertificate, directconnect:CreateConnection) is covered too.
 */

import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  policyAllowedValues,
  type TunnelOptionList,
  valuesOutside,
} from '../families/vpn/tunnels.js';
import type { Policy } from '../policy/schema.js';
import { EXEMPT_TAG } from '../response/exemptions.js';
import { modeFor } from '../response/planner.js';
import { findRule } from '../rules/index.js';
import { assessTlsPolicy } from '../tls/assess.js';
import type { TlsCatalog } from '../tls/catalog.js';
import { createTlsCatalog } from '../tls/policies.js';

/** AWS Organizations refuses an SCP longer than this (characters, whitespace included). */
export const SCP_MAX_CHARACTERS = 5120;

/**
 * The escape for plaintext listeners that are meant to be there (an HTTP:80 listener that only redirects
 * to HTTPS; an NLB port that passes TLS through): a principal with this tag set to "true" (the pipeline that
 * deploys them) may create them, and so may anyone on a load balancer or listener carrying the resource tag.
 * No condition key tells a redirect from a forward, so the escape is a tag the organization controls.
 */
export const DEFAULT_PRINCIPAL_EXCEPTION_TAG = 'transit-guard:scp-exempt';
export const DEFAULT_PLAINTEXT_EXCEPTION_TAG = 'transit-guard:allow-plaintext';

export type ScpCondition = Record<string, Record<string, string | string[]>>;

export interface ScpStatement {
  Sid: string;
  Effect: 'Deny';
  Action: string[];
  Resource: '*';
  Condition: ScpCondition;
}

export interface ServiceControlPolicy {
  Version: '2012-10-17';
  Statement: ScpStatement[];
}

export interface ScpOptions {
  /** Defaults to the bundled TLS policy data. */
  catalog?: TlsCatalog;
  /** Tag keys of the plaintext-listener escape (value "true"); defaults above. */
  principalExceptionTag?: string;
  plaintextExceptionTag?: string;
}

const ELBV2_LISTENER_ACTIONS = ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:ModifyListener'];
const CLASSIC_LISTENER_ACTIONS = [
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancerListeners',
];
const VPN_TUNNEL_ACTIONS = ['ec2:CreateVpnConnection', 'ec2:ModifyVpnTunnelOptions'];
/**
 * Every action of the families' services: only tagging requests and creations with tags carry aws:TagKeys, so
 * no other request is denied, and tag-on-create is covered whichever action each service authorizes it with.
 */
const TAGGING_SERVICES = ['elasticloadbalancing:*', 'ec2:*', 'directconnect:*', 'acm:*'];

/** The tunnel crypto option lists, their condition keys and the Sid part of their statements. */
const VPN_CRYPTO_OPTIONS: readonly { list: TunnelOptionList; key: string; name: string }[] = [
  { list: 'phase1EncryptionAlgorithms', key: 'ec2:Phase1EncryptionAlgorithms', name: 'Phase1Encryption' },
  { list: 'phase2EncryptionAlgorithms', key: 'ec2:Phase2EncryptionAlgorithms', name: 'Phase2Encryption' },
  { list: 'phase1IntegrityAlgorithms', key: 'ec2:Phase1IntegrityAlgorithms', name: 'Phase1Integrity' },
  { list: 'phase2IntegrityAlgorithms', key: 'ec2:Phase2IntegrityAlgorithms', name: 'Phase2Integrity' },
  { list: 'phase1DHGroupNumbers', key: 'ec2:Phase1DHGroup', name: 'Phase1DHGroups' },
  { list: 'phase2DHGroupNumbers', key: 'ec2:Phase2DHGroup', name: 'Phase2DHGroups' },
];

function ruleIsOn(policy: Policy, ruleId: string): boolean {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`rule ${ruleId} is not in the catalog`);
  return modeFor(rule.metadata, policy) !== 'off';
}

/**
 * The ELBv2 security policies of the catalog that fail the policy's TLS rules: below the minimum protocol
 * (elbv2-listener-tls-policy) or offering a cipher outside the allowed classes (elbv2-listener-weak-ciphers).
 */
export function weakElbv2SecurityPolicies(
  policy: Policy,
  catalog: TlsCatalog = createTlsCatalog(),
): string[] {
  const checkProtocols = ruleIsOn(policy, 'elbv2-listener-tls-policy');
  const checkCiphers = ruleIsOn(policy, 'elbv2-listener-weak-ciphers');
  return catalog.elbv2PolicyNames().filter((name) => {
    const resolved = catalog.elbv2Policy(name);
    if (!resolved) return false;
    const assessment = assessTlsPolicy(resolved, policy.tls, catalog);
    return (
      (checkProtocols && assessment.protocolsBelowMinimum.length > 0) ||
      (checkCiphers && assessment.disallowedCiphers.length > 0)
    );
  });
}

/**
 * The values of a tunnel option list that the policy does not allow. AWS_DEFAULT_TUNNEL_OPTIONS holds every
 * value the EC2 API accepts for the list, which is also what AWS permits when a request leaves it out.
 */
function disallowedTunnelValues(policy: Policy, list: TunnelOptionList): string[] {
  const accepted: readonly (string | number)[] = AWS_DEFAULT_TUNNEL_OPTIONS[list];
  return valuesOutside(accepted, policyAllowedValues(policy.vpn, list)).map(String);
}

/** Builds the SCP for a policy. Statements whose rule is off, or that would deny nothing, are left out. */
export function buildServiceControlPolicy(policy: Policy, options: ScpOptions = {}): ServiceControlPolicy {
  const catalog = options.catalog ?? createTlsCatalog();
  const principalTag = `aws:PrincipalTag/${options.principalExceptionTag ?? DEFAULT_PRINCIPAL_EXCEPTION_TAG}`;
  const plaintextTag = options.plaintextExceptionTag ?? DEFAULT_PLAINTEXT_EXCEPTION_TAG;
  // Negated operators are true when the key is absent: untagged principals and resources are bound.
  const unlessExemptPrincipal = { StringNotEquals: { [principalTag]: 'true' } };
  const unlessExempt = {
    StringNotEquals: { [principalTag]: 'true', [`aws:ResourceTag/${plaintextTag}`]: 'true' },
  };
  const statements: ScpStatement[] = [];
  const deny = (Sid: string, Action: string[], Condition: ScpCondition) =>
    statements.push({ Sid, Effect: 'Deny', Action, Resource: '*', Condition });

  const plaintextProtocols = [
    ...(ruleIsOn(policy, 'elbv2-listener-plaintext') ? ['HTTP'] : []),
    ...(ruleIsOn(policy, 'elbv2-listener-tcp-plaintext') ? ['TCP', 'UDP', 'TCP_UDP'] : []),
  ];
  if (plaintextProtocols.length > 0) {
    deny('PlaintextListeners', ELBV2_LISTENER_ACTIONS, {
      'ForAnyValue:StringEquals': { 'elasticloadbalancing:ListenerProtocol': plaintextProtocols },
      ...unlessExempt,
    });
  }
  if (ruleIsOn(policy, 'elb-listener-plaintext')) {
    // The classic API accepts protocols in any case.
    deny('PlaintextClassicListeners', CLASSIC_LISTENER_ACTIONS, {
      'ForAnyValue:StringEqualsIgnoreCase': { 'elasticloadbalancing:ListenerProtocol': ['HTTP', 'TCP'] },
      ...unlessExempt,
    });
  }

  // So far only the plaintext statements, which honour the exception tags.
  const usesExceptionTags = statements.length > 0;

  const weakPolicies = weakElbv2SecurityPolicies(policy, catalog);
  if (weakPolicies.length > 0) {
    deny('WeakSecurityPolicies', ELBV2_LISTENER_ACTIONS, {
      'ForAnyValue:StringEquals': { 'elasticloadbalancing:SecurityPolicy': weakPolicies },
    });
    // Without SslPolicy AWS picks its default policy; the caller must choose one this policy accepts. On
    // ModifyListener this also denies a request that restates Protocol HTTPS/TLS on a listener that already
    // has a policy (a tool resending the whole listener to change its port or certificate): name SslPolicy too.
    deny('TlsListenerWithoutPolicy', ELBV2_LISTENER_ACTIONS, {
      'ForAnyValue:StringEquals': { 'elasticloadbalancing:ListenerProtocol': ['HTTPS', 'TLS'] },
      Null: { 'elasticloadbalancing:SecurityPolicy': 'true' },
    });
  }

  if (ruleIsOn(policy, 'vpn-tunnel-ike-version')) {
    const ike = disallowedTunnelValues(policy, 'ikeVersions');
    if (ike.length > 0) {
      deny('VpnIkeVersions', VPN_TUNNEL_ACTIONS, {
        'ForAnyValue:StringEquals': { 'ec2:IKEVersions': ike },
      });
      // AWS's default tunnel options permit every IKE version.
      deny('VpnDefaultTunnelOptions', ['ec2:CreateVpnConnection'], {
        Null: { 'ec2:IKEVersions': 'true' },
      });
    }
  }
  if (ruleIsOn(policy, 'vpn-tunnel-weak-crypto')) {
    const weak = VPN_CRYPTO_OPTIONS.map((option) => ({
      ...option,
      values: disallowedTunnelValues(policy, option.list),
    })).filter((option) => option.values.length > 0);
    for (const { key, name, values } of weak) {
      deny(`Vpn${name}`, VPN_TUNNEL_ACTIONS, { 'ForAnyValue:StringEquals': { [key]: values } });
    }
    // A list left out of CreateVpnConnection gets AWS's default, every value, the disallowed ones included. On
    // ModifyVpnTunnelOptions a list left out stays as it is (it was judged when it was set).
    for (const { key, name } of weak) {
      deny(`VpnDefault${name}`, ['ec2:CreateVpnConnection'], { Null: { [key]: 'true' } });
    }
  }

  if (usesExceptionTags) {
    // Only exempt principals may set or remove the resource exception tag (tag-on-create included).
    deny('ExceptionTagGuard', ['elasticloadbalancing:*'], {
      'ForAnyValue:StringEquals': { 'aws:TagKeys': [plaintextTag] },
      ...unlessExemptPrincipal,
    });
  }
  // A resource owner must not exempt their own resource: only the principals the policy names may set or remove
  // the exempt tag (no one in the member accounts when it names none).
  deny('ExemptTagGuard', TAGGING_SERVICES, {
    'ForAnyValue:StringEquals': { 'aws:TagKeys': [EXEMPT_TAG] },
    ...(policy.exemptions.tagPrincipals.length > 0
      ? { ArnNotLike: { 'aws:PrincipalArn': policy.exemptions.tagPrincipals } }
      : {}),
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** The SCP as AWS Organizations counts it: minified JSON. */
export function serializeServiceControlPolicy(scp: ServiceControlPolicy): string {
  return JSON.stringify(scp);
}

/**
 * The SCP as documents AWS Organizations accepts: the statements, in order, packed into documents of at most
 * maxCharacters each (minified); one document when the whole fits. Every statement is a Deny that stands on its own, so a request is denied by
 * the split documents, attached together, exactly when it is denied by the whole. Throws when one statement
 * alone is longer than the limit.
 */
export function splitServiceControlPolicy(
  scp: ServiceControlPolicy,
  maxCharacters: number = SCP_MAX_CHARACTERS,
): ServiceControlPolicy[] {
  const documents: ServiceControlPolicy[] = [];
  let current: ServiceControlPolicy = { Version: scp.Version, Statement: [] };
  for (const statement of scp.Statement) {
    const candidate = { Version: scp.Version, Statement: [...current.Statement, statement] };
    if (serializeServiceControlPolicy(candidate).length <= maxCharacters) {
      current = candidate;
      continue;
    }
    const alone = { Version: scp.Version, Statement: [statement] };
    if (serializeServiceControlPolicy(alone).length > maxCharacters) {
      throw new Error(`SCP statement ${statement.Sid} alone is longer than ${maxCharacters} characters`);
    }
    if (current.Statement.length > 0) documents.push(current);
    current = alone;
  }
  documents.push(current);
  return documents;
}

/** What the policy asks for that an SCP cannot express, for the command to tell the user. */
export function serviceControlPolicyLimits(policy: Policy): string[] {
  const limits: string[] = [];
  if (policy.tls.tlsPassthroughPorts.length > 0) {
    limits.push(
      `tls.tlsPassthroughPorts (${policy.tls.tlsPassthroughPorts.join(', ')}): an SCP cannot see the listener port; ` +
        `tag those load balancers with the plaintext exception tag instead`,
    );
  }
  if (policy.exemptions.resources.length > 0) {
    limits.push(
      `exemptions (${policy.exemptions.resources.length}) are not carried into the SCP; tag exempt resources or principals instead`,
    );
  }
  return limits;
}

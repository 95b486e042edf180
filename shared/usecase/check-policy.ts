import type { Elbv2Listener } from '../families/elbv2/model.js';
import { RULE_MODES, type RuleMode } from '../model/evaluation.js';
import type { Policy } from '../policy/schema.js';
import { didYouMean } from '../policy/suggest.js';
import { ruleMode } from '../rules/engine.js';
import type { AnyRule, RuleContext } from '../rules/rule.js';
import { assessTlsPolicy } from '../tls/assess.js';
import type { TlsCatalog } from '../tls/catalog.js';
import { isFipsPolicyName } from '../tls/names.js';

/** A policy that parses but cannot work as written: the field and why. */
export interface PolicyProblem {
  /** Dotted path of the field, e.g. "tls.targetPolicy", "rules.elbv2-listener-tls-policy.mode". */
  path: string;
  message: string;
  /** The rule the problem is about, when there is one. */
  ruleId?: string;
}

export interface PolicyCheckContext {
  rules: readonly AnyRule[];
  tls: TlsCatalog;
}

/** The modes a rule can carry out: off and notify always; remediate and block when it has those actions. */
export function availableModes(rule: AnyRule): RuleMode[] {
  return RULE_MODES.filter((mode) => {
    if (mode === 'remediate') return rule.metadata.remediation.remediate !== undefined;
    if (mode === 'block') return rule.metadata.remediation.block !== undefined;
    return true;
  });
}

function checkRuleSettings(policy: Policy, rules: readonly AnyRule[]): PolicyProblem[] {
  const ids = rules.map((rule) => rule.metadata.id);
  const problems: PolicyProblem[] = [];
  for (const [id, settings] of Object.entries(policy.rules)) {
    const rule = rules.find((candidate) => candidate.metadata.id === id);
    if (!rule) {
      problems.push({
        path: `rules.${id}`,
        message: `unknown rule${didYouMean(id, ids)}; \`transit-guard rules\` lists the rule ids`,
      });
      continue;
    }
    const modes = availableModes(rule);
    if (settings.mode && !modes.includes(settings.mode)) {
      problems.push({
        path: `rules.${id}.mode`,
        message: `rule ${id} has no ${settings.mode} action; allowed modes: ${modes.join(', ')}`,
        ruleId: id,
      });
    }
  }
  return problems;
}

function checkExemptions(policy: Policy, rules: readonly AnyRule[]): PolicyProblem[] {
  const ids = rules.map((rule) => rule.metadata.id);
  return policy.exemptions.resources.flatMap((exemption, index) =>
    exemption.rules === 'all'
      ? []
      : exemption.rules
          .map((id, position) => ({ id, position }))
          .filter(({ id }) => !ids.includes(id))
          .map(({ id, position }) => ({
            path: `exemptions[${index}].rules[${position}]`,
            message: `unknown rule "${id}"${didYouMean(id, ids)}`,
          })),
  );
}

/** A listener as remediation would leave it: HTTPS with the target security policy and an ACM certificate. */
function remediatedListener(sslPolicy: string): Elbv2Listener {
  const arn = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/policy-check/0/0';
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: arn,
    listenerArn: arn,
    loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/policy-check/0',
    loadBalancerType: 'application',
    protocol: 'HTTPS',
    port: 443,
    sslPolicy,
    certificates: [{ certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/policy-check' }],
    defaultActions: [{ type: 'forward' }],
    tags: {},
    source: 'policy check',
  };
}

/** Rules that judge an ELBv2 listener by the policy's TLS settings: a remediation target must pass them all. */
function securityPolicyRules(policy: Policy, rules: readonly AnyRule[], listener: Elbv2Listener): AnyRule[] {
  return rules.filter(
    (rule) =>
      rule.appliesTo(listener) &&
      rule.metadata.parameters.some((parameter) => parameter.policyPath.startsWith('tls.')) &&
      ruleMode(rule, { policy }) !== 'off',
  );
}

/** The rules a security policy would fail as a listener's policy, each with the rule's own reason. */
function failedRules(
  name: string,
  policy: Policy,
  context: PolicyCheckContext,
): { rule: AnyRule; reason: string }[] {
  const listener = remediatedListener(name);
  // The TLS rules do not read the clock; a fixed one keeps the check deterministic.
  const ruleContext: RuleContext = { policy, now: new Date(0), tls: context.tls };
  return securityPolicyRules(policy, context.rules, listener).flatMap((rule) => {
    const outcome = rule.evaluate(listener, ruleContext);
    return outcome.status === 'NON_COMPLIANT' ? [{ rule, reason: outcome.reason }] : [];
  });
}

/** Security policies of the given kind that pass every rule, to suggest in place of a failing target. */
function passingPolicies(policy: Policy, context: PolicyCheckContext, fips: boolean): string[] {
  return context.tls
    .elbv2PolicyNames()
    .filter((name) => {
      const resolved = context.tls.elbv2Policy(name);
      return resolved !== undefined && (resolved.fips || isFipsPolicyName(name)) === fips;
    })
    .filter((name) => failedRules(name, policy, context).length === 0);
}

/** The load balancer types whose listeners take a security policy (HTTPS on application, TLS on network). */
const TLS_LISTENER_TYPES = ['application', 'network'];

function checkTarget(
  field: 'targetPolicy' | 'targetFipsPolicy',
  policy: Policy,
  context: PolicyCheckContext,
): PolicyProblem[] {
  const path = `tls.${field}`;
  const name = policy.tls[field];
  const wantFips = field === 'targetFipsPolicy';
  const resolved = context.tls.elbv2Policy(name);
  if (!resolved) {
    return [
      {
        path,
        message: `${name} is not a known ELBv2 security policy${didYouMean(name, context.tls.elbv2PolicyNames())}`,
      },
    ];
  }
  const types = resolved.supportedLoadBalancerTypes;
  if (types && !types.some((type) => TLS_LISTENER_TYPES.includes(type))) {
    return [
      {
        path,
        message: `${name} supports no load balancer type with TLS listeners (SupportedLoadBalancerTypes: ${types.join(', ') || 'none'}); an application or network load balancer listener could never take it`,
      },
    ];
  }
  const problems: PolicyProblem[] = [];
  if (wantFips && !(resolved.fips || isFipsPolicyName(name))) {
    problems.push({ path, message: `${name} is not a FIPS security policy` });
  }
  const failures = failedRules(name, policy, context);
  if (failures.length === 0) return problems;
  const passing = passingPolicies(policy, context, wantFips).slice(0, 3);
  const instead =
    passing.length > 0
      ? ` Security policies that pass: ${passing.join(', ')}; or widen the tls settings.`
      : ' No known security policy passes these tls settings; widen them.';
  const classes = [
    ...new Set(
      assessTlsPolicy(resolved, policy.tls, context.tls).disallowedCiphers.map((c) => c.cipherClass),
    ),
  ];
  for (const { rule, reason } of failures) {
    const readsCipherClasses = rule.metadata.parameters.some(
      (parameter) => parameter.policyPath === 'tls.allowedCipherClasses',
    );
    const why =
      readsCipherClasses && classes.length > 0
        ? ` It offers ${classes.join(', ')} suites, which tls.allowedCipherClasses does not allow.`
        : '';
    problems.push({
      path,
      ruleId: rule.metadata.id,
      message: `${name} fails rule ${rule.metadata.id}, so remediating to it would raise a new finding: ${reason}${why}${instead}`,
    });
  }
  return problems;
}

/**
 * The checks the schema cannot make: rule ids exist, modes are ones the rule can carry out, and the
 * remediation targets are known security policies that pass the policy's own rules (so a fix can never
 * cause a new finding). An empty list means the policy is valid.
 */
export function checkPolicy(policy: Policy, context: PolicyCheckContext): PolicyProblem[] {
  return [
    ...checkRuleSettings(policy, context.rules),
    ...checkTarget('targetPolicy', policy, context),
    ...checkTarget('targetFipsPolicy', policy, context),
    ...checkExemptions(policy, context.rules),
  ];
}

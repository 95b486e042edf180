/**
 * The ELBv2 part of the policy check (Family.policyChecks): the policy's remediation targets (tls.targetPolicy,
 * tls.targetFipsPolicy) must be known ELBv2 security policies that a listener can take and that pass the
 * policy's own rules, so that remediating to them can never raise a new finding.
 */
import { modeFor } from '../../policy/mode.js';
import type { Policy } from '../../policy/schema.js';
import { didYouMean } from '../../policy/suggest.js';
import type { AnyRule, RuleContext } from '../../rules/rule.js';
import { assessTlsPolicy } from '../../tls/assess.js';
import { isFipsPolicyName } from '../../tls/names.js';
import type { PolicyCheckContext, PolicyProblem } from '../../usecase/family-policy-check.js';
import type { Elbv2Listener } from './model.js';
import { targetSecurityPolicy } from './targets.js';

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
      modeFor(rule.metadata, policy) !== 'off',
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
  name: string,
  policy: Policy,
  context: PolicyCheckContext,
): PolicyProblem[] {
  const path = `tls.${field}`;
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
 * The targets remediation may set for a field: the one it names, or when unset the automatic ones (one per
 * load balancer type with TLS listeners, the same one for both today).
 */
function targetsOf(field: 'targetPolicy' | 'targetFipsPolicy', policy: Policy): string[] {
  const fips = field === 'targetFipsPolicy';
  return [...new Set(TLS_LISTENER_TYPES.map((type) => targetSecurityPolicy(type, fips, policy.tls)))];
}

/** Both remediation targets, the plain one first. */
export function checkElbv2PolicyTargets(policy: Policy, context: PolicyCheckContext): PolicyProblem[] {
  return (['targetPolicy', 'targetFipsPolicy'] as const).flatMap((field) =>
    targetsOf(field, policy).flatMap((name) =>
      checkTarget(field, name, policy, context).map((problem) =>
        policy.tls[field] === undefined
          ? {
              ...problem,
              message: `${problem.message} (${name} is the automatic target: ${problem.path} is unset)`,
            }
          : problem,
      ),
    ),
  );
}

/**
 * The IoT part of the policy check (Family.policyChecks): iot.targetSecurityPolicy, when set, must be an AWS IoT
 * security policy transit-guard knows that the policy's own rules pass, so that remediating to it can never
 * raise a new finding (as shared/families/elbv2/policy-check.ts does for tls.targetPolicy).
 */
import { modeFor } from '../../policy/mode.js';
import type { Policy } from '../../policy/schema.js';
import { didYouMean } from '../../policy/suggest.js';
import type { RuleContext } from '../../rules/rule.js';
import type { PolicyCheckContext, PolicyProblem } from '../../usecase/family-policy-check.js';
import { DOMAIN_CONFIGURATION, type IotDomainConfiguration } from './model.js';
import { iotTlsPolicies, iotTlsPolicy } from './policies.js';
import { NO_TARGET } from './rules/iot-domain-tls-policy.js';

const PATH = 'iot.targetSecurityPolicy';

/** A domain configuration as remediation would leave it: enabled, on the target security policy. */
function remediatedDomain(securityPolicy: string): IotDomainConfiguration {
  return {
    resourceType: DOMAIN_CONFIGURATION,
    resourceId: 'arn:aws:iot:us-east-1:111122223333:domainconfiguration/policy-check/0',
    domainConfigurationArn: 'arn:aws:iot:us-east-1:111122223333:domainconfiguration/policy-check/0',
    domainConfigurationName: 'policy-check',
    domainConfigurationStatus: 'ENABLED',
    securityPolicy,
    region: 'us-east-1',
    tags: {},
    source: 'policy check',
  };
}

/** The rules that are not off and would fail a domain configuration on the security policy, with their reasons. */
function failedRules(name: string, policy: Policy, context: PolicyCheckContext) {
  const domain = remediatedDomain(name);
  // The TLS rule does not read the clock; a fixed one keeps the check deterministic.
  const ruleContext: RuleContext = { policy, now: new Date(0), tls: context.tls };
  return context.rules
    .filter((rule) => rule.appliesTo(domain) && modeFor(rule.metadata, policy) !== 'off')
    .flatMap((rule) => {
      const outcome = rule.evaluate(domain, ruleContext);
      // Whether the domain would then have a target of its own is beside the point here.
      const reason = outcome.reason.split(NO_TARGET)[0];
      return outcome.status === 'NON_COMPLIANT' ? [{ rule, reason }] : [];
    });
}

/** The named remediation target, when there is one: known, and passed by every rule that judges it. */
export function checkIotPolicyTargets(policy: Policy, context: PolicyCheckContext): PolicyProblem[] {
  const name = policy.iot.targetSecurityPolicy;
  if (name === undefined) return [];
  const names = iotTlsPolicies().map((known) => known.resolved.name);
  if (!iotTlsPolicy(name))
    return [
      { path: PATH, message: `${name} is not a known AWS IoT security policy${didYouMean(name, names)}` },
    ];
  const failures = failedRules(name, policy, context);
  if (failures.length === 0) return [];
  const passing = names.filter((other) => failedRules(other, policy, context).length === 0);
  const instead =
    passing.length > 0
      ? ` Security policies that pass: ${passing.join(', ')}; or widen the tls settings.`
      : ' No AWS IoT security policy passes these tls settings; widen them.';
  return failures.map(({ rule, reason }) => ({
    path: PATH,
    ruleId: rule.metadata.id,
    message: `${name} fails rule ${rule.metadata.id}, so remediating to it would raise a new finding: ${reason}${instead}`,
  }));
}

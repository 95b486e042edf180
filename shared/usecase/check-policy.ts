import { FAMILIES } from '../families/index.js';
import { RULE_MODES, type RuleMode } from '../model/evaluation.js';
import type { Policy } from '../policy/schema.js';
import { didYouMean } from '../policy/suggest.js';
import type { AnyRule } from '../rules/rule.js';
import type { PolicyCheckContext, PolicyProblem } from './family-policy-check.js';

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

/**
 * The checks the schema cannot make: rule ids exist, modes are ones the rule can carry out, each family's own
 * checks (Family.policyChecks: e.g. the remediation targets are known security policies that pass the policy's
 * own rules, so a fix can never cause a new finding), and exempted rules exist. An empty list means the
 * policy is valid.
 */
export function checkPolicy(policy: Policy, context: PolicyCheckContext): PolicyProblem[] {
  return [
    ...checkRuleSettings(policy, context.rules),
    ...FAMILIES.flatMap((family) => family.policyChecks?.(policy, context) ?? []),
    ...checkExemptions(policy, context.rules),
  ];
}

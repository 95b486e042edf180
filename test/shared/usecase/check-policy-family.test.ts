import { describe, expect, it, vi } from 'vitest';
import type { Policy, PolicyInput } from '../../../shared/policy/schema.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../shared/tls/index.js';
import { checkPolicy } from '../../../shared/usecase/check-policy.js';
import type { PolicyCheckContext } from '../../../shared/usecase/family-policy-check.js';

// The real registry plus a fixture family whose policy check reports what it was given.
const seen = vi.hoisted(() => ({ calls: [] as { policy: Policy; context: PolicyCheckContext }[] }));
vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  const { testFamily } = await import('../../helpers/families.js');
  const fixture = testFamily({
    id: 'extra',
    policyChecks: (policy, context) => {
      seen.calls.push({ policy, context });
      return [{ path: 'extra.setting', message: `extra checked ${context.rules.length} rules` }];
    },
  });
  return { ...original, FAMILIES: [...original.FAMILIES, fixture] };
});

const tls = createTlsCatalog();

describe('checkPolicy with a family added to the registry', () => {
  it("runs the family's policy check with the policy and the context, between the rule and exemption checks", () => {
    // Prepare
    seen.calls = [];
    const input: PolicyInput = {
      rules: { 'no-such-rule': { mode: 'notify' } },
      exemptions: [
        { resource: 'vpn-0e1a2b3c4d5e6f708', rules: ['no-such-rule'], reason: 'test', expires: '2099-01-01' },
      ],
    };
    const policy = policySchema.parse(input);

    // Act
    const problems = checkPolicy(policy, { rules: RULES, tls });

    // Assess
    expect(seen.calls).toEqual([{ policy, context: { rules: RULES, tls } }]);
    expect(problems.map((problem) => problem.path)).toEqual([
      'rules.no-such-rule',
      'extra.setting',
      'exemptions[0].rules[0]',
    ]);
    expect(problems[1]).toEqual({ path: 'extra.setting', message: `extra checked ${RULES.length} rules` });
  });
});

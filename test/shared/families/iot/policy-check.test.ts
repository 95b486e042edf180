/**
 * `policy check` on iot.targetSecurityPolicy (checkIotPolicyTargets, run by checkPolicy through the registry): a
 * target the policy's own rules would fail, or one transit-guard does not know, is refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { checkIotPolicyTargets } from '../../../../shared/families/iot/policy-check.js';
import { type PolicyInput, policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../../shared/tls/index.js';
import { checkPolicy } from '../../../../shared/usecase/check-policy.js';

const context = { rules: RULES, tls: createTlsCatalog() };
const check = (input: PolicyInput) => checkIotPolicyTargets(policySchema.parse(input), context);

describe('checkIotPolicyTargets', () => {
  it('has nothing to say when the setting is unset (the automatic target passes by construction)', () => {
    // Act, Assess
    expect(check({})).toEqual([]);
  });

  it('accepts a configured target the rules pass: TLS13_1_3 under the default policy', () => {
    // Act, Assess
    expect(check({ iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' } })).toEqual([]);
  });

  it('refuses TLS13_1_2 under the default policy, naming the field, the rule, the ciphers and what passes', () => {
    // Act
    const problems = check({ iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' } });

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'iot.targetSecurityPolicy', ruleId: 'iot-domain-tls-policy' });
    expect(problems[0]?.message).toMatch(
      /^IoTSecurityPolicy_TLS13_1_2_2022_10 fails rule iot-domain-tls-policy, so remediating to it would raise a new finding: .*AES128-SHA.*\. Security policies that pass: IoTSecurityPolicy_TLS13_1_3_2022_10; or widen the tls settings\.$/,
    );
    expect(problems[0]?.message).not.toContain('No target policy');
  });

  it('accepts the same TLS13_1_2 once the cipher classes admit its suites (near miss)', () => {
    // Act, Assess
    expect(
      check({
        tls: {
          allowedCipherClasses: [
            'tls13',
            'ecdhe-aead',
            'ecdhe-cbc-sha2',
            'ecdhe-cbc-sha1',
            'rsa-aead',
            'rsa-cbc',
          ],
        },
        iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' },
      }),
    ).toEqual([]);
  });

  it('refuses TLS13_1_3 when the policy requires post-quantum key exchange, and says nothing passes', () => {
    // Act
    const problems = check({
      tls: { postQuantum: 'require' },
      iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' },
    });

    // Assess
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('No AWS IoT security policy passes these tls settings; widen them.'),
    ]);
  });

  it('does not judge a target when iot-domain-tls-policy is off', () => {
    // Act, Assess
    expect(
      check({
        rules: { 'iot-domain-tls-policy': { mode: 'off' } },
        iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' },
      }),
    ).toEqual([]);
  });

  it('refuses an unknown name with the closest known one', () => {
    // Act, Assess
    expect(check({ iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022' } })).toEqual([
      {
        path: 'iot.targetSecurityPolicy',
        message:
          'IoTSecurityPolicy_TLS13_1_3_2022 is not a known AWS IoT security policy (did you mean "IoTSecurityPolicy_TLS13_1_3_2022_10"?)',
      },
    ]);
  });

  it('is part of checkPolicy through the IoT family', () => {
    // Act
    const problems = checkPolicy(
      policySchema.parse({ iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' } }),
      context,
    );

    // Assess
    expect(problems.map((problem) => problem.path)).toEqual(['iot.targetSecurityPolicy']);
  });
});

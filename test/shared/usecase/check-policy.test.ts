import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../shared/policy/load.js';
import { type PolicyInput, policySchema } from '../../../shared/policy/schema.js';
import { findRule, RULES } from '../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../shared/tls/index.js';
import { availableModes, checkPolicy } from '../../../shared/usecase/check-policy.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const tls = createTlsCatalog();
const check = (input: PolicyInput) => checkPolicy(policySchema.parse(input), { rules: RULES, tls });

describe('checkPolicy', () => {
  it('finds nothing wrong with the strict defaults', () => {
    // Assess
    expect(check({})).toEqual([]);
  });

  it('finds nothing wrong with the repository policy file', async () => {
    // Prepare
    const text = await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8');

    // Act
    const problems = checkPolicy(parsePolicy(text, 'transit-guard.policy.yml'), { rules: RULES, tls });

    // Assess
    expect(problems).toEqual([]);
  });

  it('rejects a setting for a rule that does not exist and suggests the closest id', () => {
    // Act
    const problems = check({ rules: { 'elbv2-listener-tls-polcy': { mode: 'notify' } } });

    // Assess
    expect(problems).toEqual([
      {
        path: 'rules.elbv2-listener-tls-polcy',
        message:
          'unknown rule (did you mean "elbv2-listener-tls-policy"?); `transit-guard rules` lists the rule ids',
      },
    ]);
  });

  it('rejects remediate for a rule that has no remediation and lists the modes it has', () => {
    // Act
    const problems = check({ rules: { 'elbv2-listener-tcp-plaintext': { mode: 'remediate' } } });

    // Assess
    expect(problems).toEqual([
      {
        path: 'rules.elbv2-listener-tcp-plaintext.mode',
        message:
          'rule elbv2-listener-tcp-plaintext has no remediate action; allowed modes: off, notify, block',
        ruleId: 'elbv2-listener-tcp-plaintext',
      },
    ]);
  });

  it('rejects block for a rule that can only notify', () => {
    // Act
    const problems = check({ rules: { 'vpn-tunnel-down': { mode: 'block' } } });

    // Assess
    expect(problems.map((problem) => problem.message)).toEqual([
      'rule vpn-tunnel-down has no block action; allowed modes: off, notify',
    ]);
  });

  it('accepts every mode a rule can carry out', () => {
    // Prepare
    const rule = findRule('elbv2-listener-plaintext');

    // Act
    const problems = check({
      rules: { 'elbv2-listener-plaintext': { mode: 'block' }, 'elbv2-listener-tls-policy': { mode: 'off' } },
    });

    // Assess
    expect(rule && availableModes(rule)).toEqual(['off', 'notify', 'remediate', 'block']);
    expect(problems).toEqual([]);
  });

  it('rejects a target that offers CBC suites the policy does not allow, naming the weak-ciphers rule', () => {
    // Act
    const problems = check({ tls: { targetPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } });

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'tls.targetPolicy', ruleId: 'elbv2-listener-weak-ciphers' });
    expect(problems[0]?.message).toContain(
      'ELBSecurityPolicy-TLS13-1-2-2021-06 fails rule elbv2-listener-weak-ciphers',
    );
    expect(problems[0]?.message).toContain(
      'It offers ecdhe-cbc-sha2 suites, which tls.allowedCipherClasses does not allow.',
    );
    expect(problems[0]?.message).toContain('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
  });

  it('accepts that target once the policy allows its cipher class', () => {
    // Act
    const problems = check({
      tls: {
        targetPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2'],
      },
    });

    // Assess
    expect(problems).toEqual([]);
  });

  it('does not hold the target to a rule the policy switches off', () => {
    // Act
    const problems = check({
      tls: { targetPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
      rules: { 'elbv2-listener-weak-ciphers': { mode: 'off' } },
    });

    // Assess
    expect(problems).toEqual([]);
  });

  it('names both rules a legacy target fails', () => {
    // Act
    const problems = check({ tls: { targetPolicy: 'ELBSecurityPolicy-2016-08' } });

    // Assess
    expect(problems.map((problem) => problem.ruleId)).toEqual([
      'elbv2-listener-tls-policy',
      'elbv2-listener-weak-ciphers',
    ]);
    expect(problems[0]?.message).toContain('accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2');
  });

  it('rejects the default target when the minimum is raised to TLSv1.3', () => {
    // Act
    const problems = check({ tls: { minimumVersion: 'TLSv1.3' } });

    // Assess
    expect(problems.map((problem) => [problem.path, problem.ruleId])).toEqual([
      ['tls.targetPolicy', 'elbv2-listener-tls-policy'],
      ['tls.targetFipsPolicy', 'elbv2-listener-tls-policy'],
    ]);
  });

  it('rejects a target that is not a known security policy and suggests the closest name', () => {
    // Act
    const problems = check({ tls: { targetPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-6' } });

    // Assess
    expect(problems).toEqual([
      {
        path: 'tls.targetPolicy',
        message:
          'ELBSecurityPolicy-TLS13-1-2-Res-2021-6 is not a known ELBv2 security policy (did you mean "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"?)',
      },
    ]);
  });

  it('rejects a FIPS target that is not a FIPS policy', () => {
    // Act
    const problems = check({ tls: { targetFipsPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' } });

    // Assess
    expect(problems).toEqual([
      {
        path: 'tls.targetFipsPolicy',
        message: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06 is not a FIPS security policy',
      },
    ]);
  });

  it('judges a target by the live policy data when the catalog has it', () => {
    // Prepare: a live policy of the automatic target's name that still enables TLSv1.1
    const live = createTlsCatalog({
      tlsPolicies: [
        {
          name: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
          protocols: ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
          ciphers: ['TLS_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'],
          fips: false,
          origin: 'live',
        },
      ],
    });

    // Act
    const problems = checkPolicy(policySchema.parse({}), { rules: RULES, tls: live });

    // Assess
    expect(problems.map((problem) => problem.ruleId)).toEqual(['elbv2-listener-tls-policy']);
  });

  it.each([
    ['tls.targetPolicy', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', ['gateway']],
    ['tls.targetFipsPolicy', 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04', []],
  ])('rejects a %s that no load balancer with TLS listeners supports', (path, name, types) => {
    // Prepare: live data that says the load balancer types the target supports
    const bundled = tls.elbv2Policy(name);
    if (!bundled) throw new Error(`test setup: ${name} not bundled`);
    const live = createTlsCatalog({
      tlsPolicies: [{ ...bundled, origin: 'live', supportedLoadBalancerTypes: types }],
    });

    // Act
    const problems = checkPolicy(policySchema.parse({}), { rules: RULES, tls: live });

    // Assess
    expect(problems).toEqual([
      {
        path,
        message: `${name} supports no load balancer type with TLS listeners (SupportedLoadBalancerTypes: ${types.join(', ') || 'none'}); an application or network load balancer listener could never take it (${name} is the automatic target: ${path} is unset)`,
      },
    ]);
  });

  it('under tls.postQuantum: require, rejects a named target without post-quantum key exchange', () => {
    // Act
    const problems = check({
      tls: { postQuantum: 'require', targetPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' },
    });

    // Assess
    expect(problems).toEqual([
      expect.objectContaining({ path: 'tls.targetPolicy', ruleId: 'elbv2-listener-tls-policy' }),
    ]);
    expect(problems[0]?.message).toContain('which tls.postQuantum requires');
  });

  it('under tls.postQuantum: require, accepts the automatic targets (the PQ variants, FIPS too)', () => {
    // Act
    const problems = check({ tls: { postQuantum: 'require' } });

    // Assess
    expect(problems).toEqual([]);
  });

  it('rejects an automatic target the policy’s own rules fail, and says the field is unset', () => {
    // Act
    const problems = check({ tls: { minimumVersion: 'TLSv1.3' } });

    // Assess
    expect(problems.map((problem) => problem.path)).toEqual(['tls.targetPolicy', 'tls.targetFipsPolicy']);
    expect(problems[0]?.message).toContain(
      '(ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 is the automatic target: tls.targetPolicy is unset)',
    );
  });

  it('accepts a target that only one load balancer type supports', () => {
    // Act
    const problems = check({ tls: { targetFipsPolicy: 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07' } });

    // Assess
    expect(problems).toEqual([]);
  });

  it('accepts a target whose supported load balancer types the live data does not say', () => {
    // Prepare
    const bundled = tls.elbv2Policy('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    if (!bundled) throw new Error('test setup: the default target is not bundled');
    const { supportedLoadBalancerTypes: _types, ...typesUnknown } = bundled;
    const live = createTlsCatalog({ tlsPolicies: [{ ...typesUnknown, origin: 'live' }] });

    // Act
    const problems = checkPolicy(policySchema.parse({}), { rules: RULES, tls: live });

    // Assess
    expect(problems).toEqual([]);
  });

  it('rejects an exemption for a rule that does not exist', () => {
    // Act
    const problems = check({
      exemptions: [
        {
          resource: 'vpn-0e1a2b3c4d5e6f708',
          rules: ['vpn-tunnel-ike-version', 'vpn-tunnel-ike'],
          reason: 'peer device replaced in March',
          expires: '2026-03-31',
        },
      ],
    });

    // Assess
    expect(problems).toEqual([
      {
        path: 'exemptions[0].rules[1]',
        message: 'unknown rule "vpn-tunnel-ike" (did you mean "vpn-tunnel-ike-version"?)',
      },
    ]);
  });
});

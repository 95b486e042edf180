/**
 * The API Gateway security policy data (data/security-policies.json, from ../shared/reference) and the choice of
 * remediation target: what each policy resolves to, per endpoint type, and which target a resource gets.
 */
import { describe, expect, it } from 'vitest';
import { apiGatewayPolicy, policiesFor } from '../../../../shared/families/apigateway/policies.js';
import { chooseTarget, judgePolicy } from '../../../../shared/families/apigateway/rules/tls.js';
import { ruleContext } from '../../../helpers/rule-context.js';

describe('API Gateway security policies', () => {
  it('resolves TLS_1_0 per endpoint type (edge and Regional differ), and not at all without one', () => {
    // Act
    const regional = apiGatewayPolicy('TLS_1_0', 'REGIONAL');
    const edge = apiGatewayPolicy('TLS_1_0', 'EDGE');

    // Assess
    expect(regional?.resolved.protocols).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(regional?.resolved.ciphers).toHaveLength(21);
    expect(edge?.resolved.ciphers).toHaveLength(17);
    expect(apiGatewayPolicy('TLS_1_0', undefined)).toBeUndefined();
  });

  it('resolves an enhanced policy without the endpoint type when only one table has it', () => {
    // Act
    const policy = apiGatewayPolicy('SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09', undefined);

    // Assess
    expect(policy).toMatchObject({
      kind: 'enhanced',
      postQuantum: true,
      endpointTypes: ['REGIONAL', 'PRIVATE'],
    });
  });

  it('does not know the FIPS PQ name that is in the API enum but in no documentation table', () => {
    // Act and Assess
    expect(apiGatewayPolicy('SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09', 'REGIONAL')).toBeUndefined();
  });

  it('offers edge endpoints no post-quantum policy and Regional ones three', () => {
    // Act
    const pq = (type: string) =>
      policiesFor(type)
        .filter((policy) => policy.postQuantum)
        .map((p) => p.resolved.name);

    // Assess
    expect(pq('EDGE')).toEqual([]);
    expect(pq('REGIONAL')).toEqual([
      'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
      'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      'SecurityPolicy_TLS13_1_2_PQ_2025_09',
    ]);
  });

  it('judges SecurityPolicy_TLS13_1_2_PQ_2025_09 by its ciphers: PQ but still CBC and static RSA', () => {
    // Act
    const verdict = judgePolicy(
      apiGatewayPolicy('SecurityPolicy_TLS13_1_2_PQ_2025_09', 'REGIONAL') ?? expect.fail('unknown'),
      ruleContext(),
    );

    // Assess
    expect(verdict.passes).toBe(false);
    expect(verdict.protocolsBelowMinimum).toEqual([]);
    expect(verdict.weakCiphers.map((cipher) => cipher.name)).toContain('AES128-SHA256');
  });
});

describe('chooseTarget', () => {
  const regional = { endpointTypes: ['REGIONAL'], current: apiGatewayPolicy('TLS_1_0', 'REGIONAL') };

  it('picks the AEAD-only PQ policy that keeps TLS 1.2 for a Regional resource', () => {
    // Act
    const choice = chooseTarget(regional, ruleContext());

    // Assess
    expect(choice).toEqual({
      target: expect.objectContaining({
        resolved: expect.objectContaining({ name: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' }),
      }),
    });
  });

  it('keeps a FIPS resource on FIPS', () => {
    // Act
    const choice = chooseTarget(
      { ...regional, current: apiGatewayPolicy('SecurityPolicy_TLS13_1_3_FIPS_2025_09', 'REGIONAL') },
      ruleContext(),
    );

    // Assess
    expect('target' in choice && choice.target.resolved.name).toBe(
      'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
    );
  });

  it('picks the PFS edge policy for an edge resource, and none when post-quantum is required', () => {
    // Act
    const edge = { endpointTypes: ['EDGE'], current: apiGatewayPolicy('TLS_1_2', 'EDGE') };
    const reported = chooseTarget(edge, ruleContext());
    const required = chooseTarget(edge, ruleContext({ tls: { postQuantum: 'require' } }));

    // Assess
    expect('target' in reported && reported.target.resolved.name).toBe('SecurityPolicy_TLS12_PFS_2025_EDGE');
    expect(required).toEqual({
      refused: 'no API Gateway security policy for EDGE endpoints passes the policy file',
    });
  });

  it('picks TLS 1.3 only when the policy file asks for TLS 1.3 and post-quantum is ignored', () => {
    // Act
    const choice = chooseTarget(
      regional,
      ruleContext({ tls: { minimumVersion: 'TLSv1.3', postQuantum: 'ignore' } }),
    );

    // Assess
    expect('target' in choice && choice.target.resolved.name).toBe('SecurityPolicy_TLS13_1_3_2025_09');
  });
});

/**
 * The post-quantum dimension on a viewer policy without hybrid ML-KEM: every policy in CloudFront's data offers it
 * today, so this suite gives TLSv1.2_2021 (the policy judged) and TLSv1.3_2025 no PQ, keeping the rest of the data.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CloudFrontDistribution } from '../../../../../shared/families/cloudfront/model.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

vi.mock('../../../../../shared/families/cloudfront/data/security-policies.json', async (importOriginal) => {
  const original = (await importOriginal()) as {
    default: { viewerPolicies: Record<string, { postQuantum: boolean }> };
  };
  const data = structuredClone(original.default);
  for (const name of ['TLSv1.2_2021', 'TLSv1.3_2025']) {
    const policy = data.viewerPolicies[name];
    if (policy) policy.postQuantum = false;
  }
  return { default: data };
});

const { cloudfrontViewerTlsPolicy } = await import(
  '../../../../../shared/families/cloudfront/rules/cloudfront-viewer-tls-policy.js'
);

const distribution: CloudFrontDistribution = {
  resourceType: 'AWS::CloudFront::Distribution',
  resourceId: 'arn:aws:cloudfront::111122223333:distribution/E6PQEXAMPLE',
  distributionId: 'E6PQEXAMPLE',
  region: 'us-east-1',
  tags: {},
  source: 'test',
  viewerCertificate: {
    certificateSource: 'acm',
    sslSupportMethod: 'sni-only',
    minimumProtocolVersion: 'TLSv1.2_2021',
  },
};

describe('cloudfront-viewer-tls-policy on a policy without post-quantum key exchange', () => {
  it("with 'require' fails it, says why, and targets a policy that offers it", () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution,
      ruleContext({ tls: { postQuantum: 'require' } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(
      'offers no hybrid post-quantum (ML-KEM) key exchange, which the policy requires',
    );
    expect(outcome.remediationTarget).toBe('TLSv1.2_2025');
    expect(outcome.details).toMatchObject({ postQuantum: false });
  });

  it("with 'report' passes it with a note", () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(distribution, ruleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('Note: it offers no hybrid post-quantum (ML-KEM) key exchange.');
  });

  it("with 'ignore' says nothing about it", () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution,
      ruleContext({ tls: { postQuantum: 'ignore' } }),
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).not.toContain('post-quantum');
  });
});

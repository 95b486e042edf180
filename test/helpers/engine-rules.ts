/** A certificate and two test rules that judge it, for the engine's and the planner's tests. */
import type { AcmCertificate } from '../../shared/families/acm/model.js';
import { policySchema } from '../../shared/policy/schema.js';
import { compliant, defineRule, nonCompliant, type RuleContext } from '../../shared/rules/rule.js';
import { createTlsCatalog } from '../../shared/tls/policies.js';

export const certificate: AcmCertificate = {
  resourceType: 'AWS::ACM::Certificate',
  resourceId: 'arn:aws:acm:eu-west-1:111122223333:certificate/3f1c2a9e-1b7d-4c55-8d0e-2a6b9f4e7c11',
  certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/3f1c2a9e-1b7d-4c55-8d0e-2a6b9f4e7c11',
  name: 'shop.example.com',
  accountId: '111122223333',
  region: 'eu-west-1',
  tags: {},
  source: 'test',
  keyAlgorithm: 'RSA_1024',
  type: 'PRIVATE',
  renewalEligibility: 'ELIGIBLE',
};

export const metadata = {
  title: 'Test rule',
  family: 'acm' as const,
  resourceTypes: ['AWS::ACM::Certificate'] as const,
  severity: 'medium' as const,
  description: 'A rule used to test the engine.',
  rationale: 'The engine must wrap outcomes faithfully.',
  parameters: [],
  references: ['https://example.com'],
  compliance: { securityHub: [], configRules: [], frameworks: [] },
};

export const weakKey = defineRule({
  metadata: {
    ...metadata,
    id: 'test-weak-key',
    remediation: { guidance: 'Renew the certificate.', remediate: 'renew-certificate' },
    defaultMode: 'remediate',
  },
  evaluate: (resource) =>
    resource.keyAlgorithm === 'RSA_1024'
      ? nonCompliant('RSA_1024 is too short.', { severity: 'high', remediationTarget: 'RSA_2048' })
      : compliant('fine'),
});

export const alwaysFine = defineRule({
  metadata: {
    ...metadata,
    id: 'test-fine',
    remediation: { guidance: 'Nothing to do here.' },
    defaultMode: 'notify',
  },
  evaluate: () => compliant('fine'),
});

export function context(policy: unknown = {}): RuleContext {
  return {
    policy: policySchema.parse(policy),
    now: new Date('2026-11-22T00:00:00Z'),
    tls: createTlsCatalog(),
  };
}

import { describe, expect, it } from 'vitest';
import { FULL_READ_PLAN, readPlanFor } from '../../../../shared/inventory/live/plan.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';

describe('readPlanFor', () => {
  it('reads everything any rule judges by under the default policy', () => {
    // Prepare
    const policy = policySchema.parse({});

    // Act
    const plan = readPlanFor(policy, RULES);

    // Assess
    expect(plan).toEqual(FULL_READ_PLAN);
  });

  it('leaves out what only a rule switched off would use', () => {
    // Prepare
    const off = { mode: 'off' as const };
    const policy = policySchema.parse({
      rules: {
        'acm-certificate-signature': off,
        'acm-certificate-renewal': off,
        'acm-certificate-transparency': off,
        'acm-certificate-status': off,
        'elbv2-listener-plaintext': off,
        'vpn-tunnel-negotiated-crypto': off,
        'elb-listener-tls-policy': off,
        'elb-listener-weak-ciphers': off,
        'apigateway-api-tls-policy': off,
        'apigateway-backend-certificate': off,
        'rds-transport-not-enforced': off,
        'iot-certificate-strength': off,
        'iot-certificate-status': off,
      },
    });

    // Act
    const plan = readPlanFor(policy, RULES);

    // Assess
    expect(plan).toEqual({
      elbv2: { listenerRules: false },
      elb: { classicPolicies: false },
      vpn: { tunnelStatus: false },
      acm: { signature: 'none', transparency: false, inUseBy: false },
      cloudfront: { viewerProtocol: false },
      apigateway: { domains: true, mappings: false, restApis: false, stages: false, integrations: false },
      rds: { parameters: false, certificates: true },
      // Expiry alone: ACTIVE certificates described, no inactive one, no revoked one's things.
      iot: { describeActive: true, describeInactive: false, revokedThings: false, expiringThingsDays: 30 },
    });
  });

  it('reads no IoT certificate beyond its summary when every certificate rule is off', () => {
    // Prepare
    const off = { mode: 'off' as const };
    const policy = policySchema.parse({
      rules: {
        'iot-certificate-expiry': off,
        'iot-certificate-strength': off,
        'iot-certificate-status': off,
      },
    });

    // Act
    const plan = readPlanFor(policy, RULES);

    // Assess
    expect(plan.iot).toEqual({ describeActive: false, describeInactive: false, revokedThings: false });
  });

  it('describes every certificate for its signature when the policy forbids a hash ACM signs with', () => {
    // Prepare
    const policy = policySchema.parse({ certificates: { forbiddenSignatureHashes: ['SHA1', 'SHA256'] } });

    // Act
    const plan = readPlanFor(policy, RULES);

    // Assess
    expect(plan.acm).toMatchObject({ signature: 'all' });
  });

  it('widens the renewal window to the expiry threshold when that is longer than 60 days', () => {
    // Prepare
    const policy = policySchema.parse({ certificates: { expiryDays: 90 } });

    // Act
    const plan = readPlanFor(policy, RULES);

    // Assess
    expect(plan.acm).toMatchObject({ renewalWindowDays: 90 });
  });
});

import { describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import { cannotVerify, defineRule } from '../../../shared/rules/rule.js';
import {
  evaluateAndPlan,
  evaluateAndPlanAll,
  evaluateAndPlanByResource,
} from '../../../shared/usecase/evaluate.js';
import { alwaysFine, certificate, context, metadata, weakKey } from '../../helpers/engine-rules.js';

const renewCall = {
  service: 'acm',
  command: 'RenewCertificate',
  input: { CertificateArn: certificate.certificateArn },
};

const unverifiable = defineRule({
  metadata: {
    ...metadata,
    id: 'test-unverifiable',
    remediation: {
      guidance: 'Renew the certificate.',
      remediate: 'renew-certificate',
      block: 'renew-certificate',
    },
    defaultMode: 'remediate',
  },
  evaluate: () =>
    cannotVerify('The key cannot be verified.', { keyAlgorithm: 'x' }, { remediationTarget: 'RSA_2048' }),
});

describe('evaluateAndPlan', () => {
  it('wraps a rule outcome with the resource identity and the raised severity', () => {
    // Act
    const [evaluation] = evaluateAndPlan(certificate, [weakKey], context());

    // Assess
    expect(evaluation).toEqual({
      ruleId: 'test-weak-key',
      status: 'NON_COMPLIANT',
      severity: 'high',
      resourceType: 'AWS::ACM::Certificate',
      resourceId: certificate.resourceId,
      resourceName: 'shop.example.com',
      accountId: '111122223333',
      region: 'eu-west-1',
      reason: 'RSA_1024 is too short.',
      response: {
        mode: 'remediate',
        status: 'dry-run',
        action: 'renew-certificate',
        target: 'RSA_2048',
        calls: [renewCall],
        note: 'dry run: planned, not executed',
      },
    });
  });

  it('plans no action for a rule in notify mode and attaches no response to compliant results', () => {
    // Act
    const evaluations = evaluateAndPlan(
      certificate,
      [weakKey, alwaysFine],
      context({ rules: { 'test-weak-key': { mode: 'notify' } } }),
    );

    // Assess
    expect(evaluations[0]?.response).toEqual({ mode: 'notify', status: 'notify' });
    expect(evaluations[1]?.status).toBe('COMPLIANT');
    expect(evaluations[1]?.response).toBeUndefined();
  });

  it('says when a rule is asked to block but has no block action', () => {
    const [evaluation] = evaluateAndPlan(
      certificate,
      [weakKey],
      context({ rules: { 'test-weak-key': { mode: 'block' } } }),
    );
    expect(evaluation?.response).toEqual({
      mode: 'block',
      status: 'notify',
      note: 'rule has no block action; notifying only',
    });
  });

  it('drops the dry-run note when dry run is off', () => {
    const [evaluation] = evaluateAndPlan(certificate, [weakKey], context({ dryRun: false }));
    expect(evaluation?.response).toEqual({
      mode: 'remediate',
      status: 'planned',
      action: 'renew-certificate',
      target: 'RSA_2048',
      calls: [renewCall],
    });
  });

  it.each([
    ['remediate', true],
    ['remediate', false],
    ['block', false],
  ])(
    'never acts on what it cannot verify: %s mode (dry run %s) only notifies, saying why',
    (mode, dryRun) => {
      // Act
      const [evaluation] = evaluateAndPlan(
        certificate,
        [unverifiable],
        context({ dryRun, rules: { 'test-unverifiable': { mode } } }),
      );

      // Assess
      expect(evaluation).toMatchObject({
        status: 'NON_COMPLIANT',
        reason: 'The key cannot be verified.',
        details: { keyAlgorithm: 'x' },
      });
      expect(evaluation?.response).toEqual({
        mode,
        status: 'notify',
        note: 'no action on a configuration that cannot be verified; notifying only',
      });
    },
  );

  it('still reports an exemption on what it cannot verify', () => {
    // Prepare
    const exempt = {
      ...certificate,
      tags: { 'transit-guard:exempt': 'rules=all expires=2027-01-31 reason=lab' },
    };

    // Act
    const [evaluation] = evaluateAndPlan(exempt, [unverifiable], context());

    // Assess
    expect(evaluation?.response?.status).toBe('exempt');
  });

  it('keeps the expired exemption it met when it only notifies on what it cannot verify', () => {
    // Prepare
    const lapsed = {
      ...certificate,
      tags: { 'transit-guard:exempt': 'rules=all expires=2020-03-31 reason=lab' },
    };

    // Act
    const [evaluation] = evaluateAndPlan(lapsed, [unverifiable], context());

    // Assess
    expect(evaluation?.response).toMatchObject({
      mode: 'remediate',
      status: 'notify',
      note: 'no action on a configuration that cannot be verified; notifying only',
      exemption: { source: 'tag', expired: true },
    });
  });

  it('plans no action on a change transit-guard made itself (loop guard)', () => {
    // Act
    const [evaluation] = evaluateAndPlan(certificate, [weakKey], context({ dryRun: false }), {
      ownAction: true,
    });

    // Assess
    expect(evaluation?.status).toBe('NON_COMPLIANT');
    expect(evaluation?.response).toMatchObject({ mode: 'remediate', status: 'skipped' });
    expect(evaluation?.response?.calls).toBeUndefined();
    expect(evaluation?.response?.note).toContain('loop guard');
  });
});

describe('evaluateAndPlanByResource', () => {
  it("yields each resource's evaluations in turn, lazily; together they are evaluateAndPlanAll's", () => {
    // Prepare
    const other: AcmCertificate = { ...certificate, resourceId: 'arn:other', keyAlgorithm: 'RSA_2048' };
    const resources = [certificate, other, certificate];

    // Act
    const lists = evaluateAndPlanByResource(resources, [weakKey, alwaysFine], context());
    const first = lists.next();
    const rest = [...lists];

    // Assess
    expect(first.value).toEqual(evaluateAndPlan(certificate, [weakKey, alwaysFine], context()));
    expect(rest).toHaveLength(2);
    expect([first.value, ...rest].flat()).toEqual(
      evaluateAndPlanAll(resources, [weakKey, alwaysFine], context()),
    );
  });
});

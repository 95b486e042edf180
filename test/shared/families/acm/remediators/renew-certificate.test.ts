import { RenewCertificateCommand } from '@aws-sdk/client-acm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../../../shared/families/acm/model.js';
import { renewCertificate } from '../../../../../shared/families/acm/remediators/renew-certificate.js';
import { acmCertificateExpiry as rule } from '../../../../../shared/families/acm/rules/acm-certificate-expiry.js';
import { policySchema } from '../../../../../shared/policy/schema.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  amazonIssuedCertificate,
  daysFromNow,
  privateCertificate,
} from '../../../../helpers/acm-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
  START,
} from '../../../response/support.js';

const mocks = mockRemediationClients();

function expiring(overrides: Partial<AcmCertificate> = {}): AcmCertificate {
  return privateCertificate({ notAfter: daysFromNow(20), ...overrides });
}

describe('renew-certificate', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('renews a private certificate eligible for renewal and verifies the new expiry date', async () => {
    // Prepare
    const certificate = expiring();
    const action = plannedAction(rule, certificate);
    mocks.acm.on(RenewCertificateCommand).resolves({});
    const { readResource } = reads(certificate, { ...certificate, notAfter: daysFromNow(395) });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(mocks.acm).toReceiveCommandExactlyOnceWith(RenewCertificateCommand, {
      CertificateArn: certificate.certificateArn,
    });
    expect(record.status).toBe('remediated');
  });

  it('counts a renewal ACM reports under way since the call as done, and says so', async () => {
    // Prepare
    const certificate = expiring();
    const action = plannedAction(rule, certificate);
    mocks.acm.on(RenewCertificateCommand).resolves({});
    const renewing = {
      ...certificate,
      renewalSummary: { renewalStatus: 'PENDING_AUTO_RENEWAL', updatedAt: START.toISOString() },
    };
    const { readResource } = reads(certificate, renewing);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).toBe('remediated');
    expect(record.note).toContain('ACM renewal status PENDING_AUTO_RENEWAL');
  });

  it('reports failed when the certificate still expires soon and ACM shows no renewal', async () => {
    // Prepare
    const certificate = expiring();
    const action = plannedAction(rule, certificate);
    mocks.acm.on(RenewCertificateCommand).resolves({});
    const { readResource } = reads(certificate);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toContain('verification failed: the certificate still expires on');
  });

  it.each([
    [
      'an Amazon-issued certificate',
      amazonIssuedCertificate({ notAfter: daysFromNow(20) }),
      '(this one is AMAZON_ISSUED, ELIGIBLE)',
    ],
    [
      'a private certificate ACM marks ineligible',
      expiring({ renewalEligibility: 'INELIGIBLE' }),
      '(this one is PRIVATE, INELIGIBLE)',
    ],
    [
      'a certificate whose type and eligibility the input does not show',
      expiring({ type: undefined, renewalEligibility: undefined }),
      '(this one is of unknown type, eligibility unknown)',
    ],
  ])('does not renew %s, and says what it is', (_label, certificate, what) => {
    // Act
    const plan = planOf(evaluateWith(rule, certificate));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain(
      `no renewal: RenewCertificate renews only PRIVATE certificates eligible for renewal ${what}; notifying only`,
    );
  });

  it('does not renew an eligible private certificate that has already expired', () => {
    // Act
    const plan = planOf(evaluateWith(rule, expiring({ notAfter: daysFromNow(-2) })));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain(
      'no renewal: the certificate is not renewable any more (expired); notifying only',
    );
  });

  it('plans exactly one RenewCertificate call for the certificate', () => {
    // Prepare
    const certificate = expiring();
    const evaluation = evaluateWith(rule, certificate);

    // Act
    const plan = renewCertificate.plan({ resource: certificate, evaluation, policy: policySchema.parse({}) });

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [
        {
          service: 'acm',
          command: 'RenewCertificate',
          input: { CertificateArn: certificate.certificateArn },
        },
      ],
    });
  });
});

describe('renew-certificate verification', () => {
  const MINUTE = 60_000;
  const at = (offsetMs: number) => new Date(START.getTime() + offsetMs).toISOString();
  const NOT_AFTER = daysFromNow(20);

  /** The certificate as read after the call: still the old expiry, with ACM's renewal summary. */
  function afterCall(renewalStatus?: string, updatedAt?: string): AcmCertificate {
    const renewalSummary = {
      ...(renewalStatus === undefined ? {} : { renewalStatus }),
      ...(updatedAt === undefined ? {} : { updatedAt }),
    };
    return expiring({
      notAfter: NOT_AFTER,
      ...(renewalStatus === undefined && updatedAt === undefined ? {} : { renewalSummary }),
    });
  }

  const verifyAfter = (after: AcmCertificate | undefined) =>
    renewCertificate.verify?.(after, {
      evaluation: after ? evaluateWith(rule, after) : undefined,
      startedAt: START,
    });

  it.each([
    ['PENDING_AUTO_RENEWAL', 'since the call', at(MINUTE)],
    ['PENDING_AUTO_RENEWAL', 'with no update time', undefined],
    ['SUCCESS', 'since the call', at(MINUTE)],
    ['SUCCESS', 'at the very moment the action started', at(0)],
  ])('counts renewal status %s %s as a renewal under way', (status, _when, updatedAt) => {
    // Act
    const verification = verifyAfter(afterCall(status, updatedAt));

    // Assess
    expect(verification).toEqual({
      verified: true,
      note: `ACM renewal status ${status}; the expiry finding resolves when the renewed certificate is issued`,
    });
  });

  it.each([
    ['renewal status PENDING_AUTO_RENEWAL', 'before the call', 'PENDING_AUTO_RENEWAL', at(-MINUTE)],
    ['renewal status SUCCESS', 'before the call', 'SUCCESS', at(-30 * 24 * 60 * MINUTE)],
    ['renewal status SUCCESS', 'with no update time', 'SUCCESS', undefined],
    ['renewal status FAILED', 'since the call', 'FAILED', at(MINUTE)],
    ['renewal status none', 'with no renewal summary', undefined, undefined],
  ])('does not count %s %s as a renewal under way', (named, _when, status, updatedAt) => {
    // Act
    const verification = verifyAfter(afterCall(status, updatedAt));

    // Assess
    expect(verification).toEqual({
      verified: false,
      reason: `the certificate still expires on ${NOT_AFTER} and ACM shows no renewal under way (${named})`,
    });
  });

  it('fails when the certificate cannot be read again', () => {
    // Act
    const verification = verifyAfter(undefined);

    // Assess
    expect(verification).toEqual({ verified: false, reason: 'the certificate could not be read again' });
  });
});

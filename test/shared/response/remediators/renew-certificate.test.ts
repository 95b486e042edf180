import { RenewCertificateCommand } from '@aws-sdk/client-acm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../../shared/model/resource.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { acmCertificateExpiry as rule } from '../../../../shared/rules/acm/acm-certificate-expiry.js';
import { amazonIssuedCertificate, daysFromNow, privateCertificate } from '../../../helpers/acm-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
  START,
} from '../support.js';

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
    ['an Amazon-issued certificate', amazonIssuedCertificate({ notAfter: daysFromNow(20) })],
    ['a private certificate ACM marks ineligible', expiring({ renewalEligibility: 'INELIGIBLE' })],
  ])('does not renew %s', (_label, certificate) => {
    // Act
    const plan = planOf(evaluateWith(rule, certificate));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain('RenewCertificate renews only PRIVATE certificates eligible for renewal');
  });
});

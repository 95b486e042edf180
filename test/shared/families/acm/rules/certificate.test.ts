import { describe, expect, it } from 'vitest';
import { days } from '../../../../../shared/certificates/judge.js';
import {
  certificateLabel,
  neverIssuedOutcome,
} from '../../../../../shared/families/acm/rules/certificate.js';
import { amazonIssuedCertificate } from '../../../../helpers/acm-fixtures.js';

describe('certificateLabel', () => {
  it('names a certificate by its domain name, else by its ARN', () => {
    // Prepare
    const named = amazonIssuedCertificate();
    const unnamed = structuredClone(named);
    delete unnamed.domainName;
    delete unnamed.name;

    // Act
    const labels = [certificateLabel(named), certificateLabel(unnamed)];

    // Assess
    expect(labels).toEqual(['www.example.com', named.certificateArn]);
  });
});

describe('neverIssuedOutcome', () => {
  it.each(['FAILED', 'VALIDATION_TIMED_OUT'])('is NOT_APPLICABLE for status %s', (status) => {
    // Act
    const outcome = neverIssuedOutcome(amazonIssuedCertificate({ status }));

    // Assess
    expect(outcome?.status).toBe('NOT_APPLICABLE');
  });

  it.each(['ISSUED', 'PENDING_VALIDATION', 'EXPIRED', 'REVOKED', undefined])(
    'leaves status %s to the rule',
    (status) => {
      // Prepare
      const certificate = amazonIssuedCertificate();
      if (status === undefined) delete certificate.status;
      else certificate.status = status;

      // Act
      const outcome = neverIssuedOutcome(certificate);

      // Assess
      expect(outcome).toBeUndefined();
    },
  );
});

describe('days', () => {
  it('uses the singular for one day only', () => {
    // Assess
    expect([days(1), days(-1), days(2), days(0)]).toEqual(['1 day', '-1 day', '2 days', '0 days']);
  });
});

describe('certificateLabel of a certificate whose name differs from its domain', () => {
  it('prefers the domain name, then the name, then the ARN', () => {
    // Prepare
    const both = amazonIssuedCertificate({ name: 'web-frontend' });
    const nameOnly = structuredClone(both);
    delete nameOnly.domainName;

    // Act
    const labels = [certificateLabel(both), certificateLabel(nameOnly)];

    // Assess
    expect(labels).toEqual(['www.example.com', 'web-frontend']);
  });
});

import { describe, expect, it } from 'vitest';
import { pcaReport } from '../../../../shared/families/pca/report.js';

const target = {
  resourceType: 'AWS::ACMPCA::CertificateAuthority' as const,
  region: 'eu-west-1',
  partition: 'aws',
  origin: 'https://eu-west-1.console.aws.amazon.com',
  query: '?region=eu-west-1',
};

describe('the Private CA report facet', () => {
  it('links a CA to the Private CA console of its region (AWS documents no deep link to one CA)', () => {
    // Act
    const link = pcaReport.consoleLink({
      ...target,
      resourceId:
        'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      arn: {
        partition: 'aws',
        service: 'acm-pca',
        region: 'eu-west-1',
        accountId: '111122223333',
        resource: 'certificate-authority/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      },
    });

    // Assess
    expect(link).toBe('https://eu-west-1.console.aws.amazon.com/acm-pca/home?region=eu-west-1');
  });
});

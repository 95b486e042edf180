import { describe, expect, it } from 'vitest';
import { iamReport } from '../../../../shared/families/iam/report.js';

describe('the IAM report facet', () => {
  it('links no IAM server certificate (the IAM console cannot show them) and redacts a private key', () => {
    // Act
    const link = iamReport.consoleLink({
      resourceType: 'AWS::IAM::ServerCertificate',
      resourceId: 'legacy-api-2026',
      region: 'us-east-1',
      partition: 'aws',
      origin: 'https://us-east-1.console.aws.amazon.com',
      query: '?region=us-east-1',
    });

    // Assess
    expect(link).toBeUndefined();
    expect(iamReport.secretKeys?.test('privatekey')).toBe(true);
  });
});

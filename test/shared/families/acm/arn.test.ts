import { describe, expect, it } from 'vitest';
import { isAcmCertificateArn } from '../../../../shared/families/acm/arn.js';

describe('isAcmCertificateArn', () => {
  it.each([
    {
      value: 'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
      expected: true,
    },
    { value: 'arn:aws:iam::111122223333:server-certificate/legacy', expected: false },
    { value: 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1', expected: false },
    {
      value: 'cert arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
      expected: false,
    },
    {
      value: 'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10/v2',
      expected: false,
    },
  ])('says $expected for $value', ({ value, expected }) => {
    // Act
    const result = isAcmCertificateArn(value);

    // Assess
    expect(result).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { certificateSettings } from '../../../shared/certificates/settings.js';

describe('the certificates section of the policy', () => {
  it('warns of a certificate authority expiring a year ahead by default, and keeps the other defaults', () => {
    // Act
    const settings = certificateSettings.parse(undefined);

    // Assess
    expect(settings).toMatchObject({ expiryDays: 30, authorityExpiryDays: 365 });
    expect(settings.allowedKeyAlgorithms).toEqual(
      expect.arrayContaining(['RSA_2048', 'EC_secp521r1', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87']),
    );
  });

  it('allows the post-quantum ML-DSA levels by default, but neither SM2 (opt-in) nor RSA_1024', () => {
    // Act
    const settings = certificateSettings.parse(undefined);

    // Assess
    expect(settings.allowedKeyAlgorithms).toEqual([
      'RSA_2048',
      'RSA_3072',
      'RSA_4096',
      'EC_prime256v1',
      'EC_secp384r1',
      'EC_secp521r1',
      'ML_DSA_44',
      'ML_DSA_65',
      'ML_DSA_87',
    ]);
  });

  it.each([0, 3651, 30.5])('refuses authorityExpiryDays %s, naming the setting', (value) => {
    // Act
    const result = certificateSettings.safeParse({ authorityExpiryDays: value });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['authorityExpiryDays']);
  });

  it('accepts the Private CA key algorithms (ML-DSA, SM2) in allowedKeyAlgorithms, and no invented one', () => {
    // Act
    const pq = certificateSettings.safeParse({
      allowedKeyAlgorithms: ['EC_prime256v1', 'ML_DSA_44', 'ML_DSA_87', 'SM2'],
    });
    const invented = certificateSettings.safeParse({ allowedKeyAlgorithms: ['ML_DSA_128'] });

    // Assess
    expect(pq.success).toBe(true);
    expect(invented.success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { classicPolicyFromAttributes } from '../../../shared/tls/classic.js';

const attr = (name: string, value: string) => ({ name, value });

describe('classicPolicyFromAttributes', () => {
  it('reads enabled protocols and ciphers with values compared case-insensitively', () => {
    // Act
    const policy = classicPolicyFromAttributes('p', [
      attr('Protocol-SSLv2', 'true'),
      attr('Protocol-SSLv3', 'TRUE'),
      attr('Protocol-TLSv1', 'True'),
      attr('Protocol-TLSv1.1', 'false'),
      attr('Protocol-TLSv1.2', 'true'),
      attr('Server-Defined-Cipher-Order', 'true'),
      attr('ECDHE-RSA-AES128-GCM-SHA256', 'true'),
      attr('RC4-SHA', 'false'),
    ]);

    // Assess
    expect(policy.protocols).toEqual(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.2']);
    expect(policy.ciphers).toEqual(['ECDHE-RSA-AES128-GCM-SHA256']);
    expect(policy.serverOrderPreference).toBe(true);
    expect(policy.origin).toBe('custom');
  });
});

describe('classicPolicyFromAttributes edge cases', () => {
  it('reads values and a referenced policy name with blanks around them', () => {
    // Act
    const policy = classicPolicyFromAttributes('p', [
      attr('Protocol-TLSv1.2', ' true '),
      attr('ECDHE-RSA-AES128-GCM-SHA256', 'true\n'),
      attr('Reference-Security-Policy', ' ELBSecurityPolicy-2016-08 '),
    ]);

    // Assess
    expect(policy).toMatchObject({
      protocols: ['TLSv1.2'],
      ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'],
      reference: 'ELBSecurityPolicy-2016-08',
    });
  });

  it('claims no server order preference when the policy does not set Server-Defined-Cipher-Order', () => {
    // Act
    const policy = classicPolicyFromAttributes('p', [attr('Protocol-TLSv1.2', 'true')]);

    // Assess
    expect(policy).not.toHaveProperty('serverOrderPreference');
    expect(policy).not.toHaveProperty('reference');
  });
});

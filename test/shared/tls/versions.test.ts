import { describe, expect, it } from 'vitest';
import {
  compareTlsVersions,
  normalizeTlsVersion,
  protocolsBelow,
  sortTlsVersions,
} from '../../../shared/tls/versions.js';

describe('TLS versions', () => {
  it('orders SSLv2 < SSLv3 < TLSv1 < TLSv1.1 < TLSv1.2 < TLSv1.3', () => {
    // Act
    const sorted = sortTlsVersions(['TLSv1.3', 'TLSv1', 'SSLv3', 'TLSv1.2', 'SSLv2', 'TLSv1.1']);

    // Assess
    expect(sorted).toEqual(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(compareTlsVersions('TLSv1.1', 'TLSv1.2')).toBeLessThan(0);
    expect(compareTlsVersions('TLSv1.2', 'TLSv1.2')).toBe(0);
  });

  it('lists only the enabled versions older than the minimum', () => {
    expect(protocolsBelow(['TLSv1', 'TLSv1.1', 'TLSv1.2'], 'TLSv1.2')).toEqual(['TLSv1', 'TLSv1.1']);
    expect(protocolsBelow(['TLSv1.2', 'TLSv1.3'], 'TLSv1.2')).toEqual([]);
    expect(protocolsBelow(['TLSv1.2', 'TLSv1.3'], 'TLSv1.3')).toEqual(['TLSv1.2']);
  });

  it.each([
    ['TLSv1.2', 'TLSv1.2'],
    ['Protocol-TLSv1.1', 'TLSv1.1'],
    ['protocol-sslv3', 'SSLv3'],
    ['TLSv1_2', 'TLSv1.2'],
    ['Protocol-TLSv1', 'TLSv1'],
    [' TLSv1.3 ', 'TLSv1.3'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeTlsVersion(input)).toBe(expected);
  });

  it('does not read a cipher or option name as a version', () => {
    expect(normalizeTlsVersion('Server-Defined-Cipher-Order')).toBeUndefined();
    expect(normalizeTlsVersion('TLSv1.4')).toBeUndefined();
  });
});

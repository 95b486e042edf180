import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CertificateBodyError, readPemCertificate } from '../../../shared/certificates/x509.js';

// Self-signed certificates made once with openssl req -x509 (test/fixtures/certificates/); no key is kept.
const pem = (name: string) =>
  readFileSync(new URL(`../../fixtures/certificates/${name}.pem`, import.meta.url), 'utf8');

describe('readPemCertificate', () => {
  it.each([
    ['rsa2048-sha256', 'RSA_2048', 'SHA256WITHRSA'],
    ['rsa1024-sha1', 'RSA_1024', 'SHA1WITHRSA'],
    ['ec-p256-sha256', 'EC_prime256v1', 'SHA256WITHECDSA'],
    ['ec-p384-sha384', 'EC_secp384r1', 'SHA384WITHECDSA'],
    ['ed25519', 'ED25519', 'ED25519'],
    ['rsa-pss', 'RSA_2048', 'RSASSA-PSS'],
  ])('reads the key and signature algorithm of %s', (name, keyAlgorithm, signatureAlgorithm) => {
    // Act
    const facts = readPemCertificate(pem(name));

    // Assess
    expect(facts).toMatchObject({ keyAlgorithm, signatureAlgorithm });
    expect(facts.subject).toBe(`CN=${name}.example.com, O=transit-guard test`);
    expect(facts.issuer).toBe(facts.subject);
  });

  it('reads the validity as ISO 8601, as openssl prints it', () => {
    // Act
    const facts = readPemCertificate(pem('rsa2048-sha256'));

    // Assess: openssl x509 -noout -dates prints notBefore Dec 7 20:55:49 2026 GMT, notAfter Dec 4 20:55:49 2036 GMT.
    expect(facts.notBefore).toBe('2026-12-07T20:55:49.000Z');
    expect(facts.notAfter).toBe('2036-12-04T20:55:49.000Z');
  });

  it('names what is wrong with a body that is no certificate', () => {
    expect(() => readPemCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(
      CertificateBodyError,
    );
    expect(() => readPemCertificate('not a certificate')).toThrow(/not a PEM X\.509 certificate/);
  });
});

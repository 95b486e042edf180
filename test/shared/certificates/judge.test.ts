import { describe, expect, it } from 'vitest';
import {
  expiryOf,
  expiryPhrase,
  judgeKeyAlgorithm,
  judgeSignature,
} from '../../../shared/certificates/judge.js';
import { PCA_KEY_ALGORITHMS } from '../../../shared/certificates/settings.js';

const now = new Date('2026-12-01T00:00:00Z');

describe('expiryOf', () => {
  it.each([
    ['2026-12-31T00:00:00Z', 30, { daysToExpiry: 30, expired: false, failing: true }],
    ['2026-12-31T00:00:01Z', 30, { daysToExpiry: 30, expired: false, failing: true }],
    ['2027-01-01T00:00:00Z', 30, { daysToExpiry: 31, expired: false, failing: false }],
    ['2026-11-30T23:59:59Z', 30, { daysToExpiry: -1, expired: true, failing: true }],
    ['2026-12-01T12:00:00Z', 1, { daysToExpiry: 0, expired: false, failing: true }],
  ])('places NotAfter %s against a %i-day threshold', (notAfter, threshold, expected) => {
    // Act
    const expiry = expiryOf(notAfter, now, threshold);

    // Assess
    expect(expiry).toEqual({ notAfter: new Date(notAfter).toISOString(), ...expected });
  });

  it.each([undefined, '', 'next tuesday'])('has no expiry for NotAfter %j', (notAfter) => {
    expect(expiryOf(notAfter, now, 30)).toBeUndefined();
  });
});

describe('expiryPhrase', () => {
  it('says how long ago, how soon and against which threshold', () => {
    // Prepare
    const phrase = (notAfter: string) => expiryPhrase(expiryOf(notAfter, now, 30) ?? expect.fail(), 30);

    // Act / Assess
    expect(phrase('2026-11-28T00:00:00Z')).toBe('expired 3 days ago (2026-11-28T00:00:00.000Z)');
    expect(phrase('2026-11-30T12:00:00Z')).toBe('expired 1 day ago (2026-11-30T12:00:00.000Z)');
    expect(phrase('2026-12-01T06:00:00Z')).toBe(
      'expires within a day (2026-12-01T06:00:00.000Z), inside the 30-day threshold',
    );
    expect(phrase('2026-12-13T00:00:00Z')).toBe(
      'expires in 12 days (2026-12-13T00:00:00.000Z), inside the 30-day threshold',
    );
    expect(phrase('2027-03-01T00:00:00Z')).toBe(
      'expires in 90 days (2027-03-01T00:00:00.000Z), beyond the 30-day threshold',
    );
  });
});

describe('judgeKeyAlgorithm', () => {
  const allowed = ['RSA_2048', 'EC_prime256v1'];

  it.each([
    ['RSA-2048', { kind: 'allowed', keyAlgorithm: 'RSA_2048', allowed }],
    ['ec_PRIME256V1', { kind: 'allowed', keyAlgorithm: 'EC_prime256v1', allowed }],
    ['RSA_1024', { kind: 'forbidden', keyAlgorithm: 'RSA_1024', allowed }],
    ['EC_secp384r1', { kind: 'forbidden', keyAlgorithm: 'EC_secp384r1', allowed }],
    ['EC_secp224r1', { kind: 'unknown', keyAlgorithm: 'EC_secp224r1' }],
    ['ED25519', { kind: 'unknown', keyAlgorithm: 'ED25519' }],
    ['RSA_2048 ', { kind: 'unknown', keyAlgorithm: 'RSA_2048 ' }],
    [undefined, { kind: 'missing' }],
    ['  ', { kind: 'missing' }],
  ])('judges %j', (keyAlgorithm, expected) => {
    expect(judgeKeyAlgorithm(keyAlgorithm, allowed)).toEqual(expected);
  });

  it.each([
    ['ML_DSA_65', ['ML_DSA_65'], 'allowed'],
    ['ML_DSA_65', ['RSA_2048'], 'forbidden'],
    ['SM2', ['RSA_2048'], 'forbidden'],
    // ACM's RSA_1024 is no Private CA key algorithm.
    ['RSA_1024', ['RSA_1024'], 'unknown'],
  ])(
    'judges the Private CA key algorithm %s against %j among the key algorithms Private CA has',
    (keyAlgorithm, policy, kind) => {
      expect(judgeKeyAlgorithm(keyAlgorithm, policy, PCA_KEY_ALGORITHMS).kind).toBe(kind);
    },
  );

  it('lists as allowed only what the source can have: no ML-DSA for an ACM certificate, no RSA_1024 for a Private CA', () => {
    // Prepare
    const policy = ['RSA_1024', 'RSA_2048', 'ML_DSA_65', 'SM2'];

    // Act
    const acm = judgeKeyAlgorithm('RSA_2048', policy);
    const pca = judgeKeyAlgorithm('EC_secp384r1', policy, PCA_KEY_ALGORITHMS);

    // Assess
    expect(acm).toEqual({ kind: 'allowed', keyAlgorithm: 'RSA_2048', allowed: ['RSA_1024', 'RSA_2048'] });
    expect(pca).toEqual({
      kind: 'forbidden',
      keyAlgorithm: 'EC_secp384r1',
      allowed: ['RSA_2048', 'ML_DSA_65', 'SM2'],
    });
  });

  it('keeps ML-DSA and SM2 unknown to ACM certificates (the default list of known names)', () => {
    expect(judgeKeyAlgorithm('ML_DSA_65', ['ML_DSA_65']).kind).toBe('unknown');
  });
});

describe('judgeSignature', () => {
  const forbidden = ['MD5', 'SHA1'];

  it.each([
    ['SHA256WITHRSA', 'allowed', ['SHA256'], []],
    ['sha1WithRSAEncryption', 'forbidden', ['SHA1'], ['SHA1']],
    ['MD5WITHRSA', 'forbidden', ['MD5'], ['MD5']],
    ['SHA1WITHECDSA', 'forbidden', ['SHA1'], ['SHA1']],
  ])('judges %s', (signatureAlgorithm, kind, hashes, forbiddenHashes) => {
    expect(judgeSignature(signatureAlgorithm, forbidden)).toEqual({
      kind,
      signatureAlgorithm,
      hashes,
      forbiddenHashes,
    });
  });

  it('cannot verify a name without a recognised hash, and says nothing of a missing one', () => {
    expect(judgeSignature('RSASSA-PSS', forbidden)).toEqual({
      kind: 'unknown',
      signatureAlgorithm: 'RSASSA-PSS',
      hashes: [],
    });
    expect(judgeSignature(undefined, forbidden)).toEqual({ kind: 'missing' });
  });
});

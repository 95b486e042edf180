import { describe, expect, it } from 'vitest';
import { normalizeKeyAlgorithm } from '../../../../shared/families/acm/describe.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { fixture, normalizeFixture, only } from '../../inventory/fixtures.js';

const CERTIFICATE = 'AWS::ACM::Certificate';
const SHOP = 'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7';

describe('normalizeKeyAlgorithm', () => {
  it.each([
    ['RSA-2048', 'RSA_2048'],
    ['EC-prime256v1', 'EC_prime256v1'],
    ['EC-secp384r1', 'EC_secp384r1'],
    ['RSA_4096', 'RSA_4096'],
    ['', undefined],
    [' RSA-2048 ', ' RSA_2048 '],
  ])('spells %s as %s', (input, expected) => {
    // Prepare, Act, Assess
    expect(normalizeKeyAlgorithm(input)).toBe(expected);
  });
});

describe('acm describe-certificate', () => {
  it('reads epoch-second dates, the key algorithm in API spelling, renewal and transparency', () => {
    // Prepare, Act
    const inventory = normalizeFixture('acm-describe-certificate.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, CERTIFICATE, SHOP)).toEqual({
      resourceType: CERTIFICATE,
      resourceId: SHOP,
      arn: SHOP,
      certificateArn: SHOP,
      accountId: '111122223333',
      region: 'eu-west-1',
      name: 'shop.example.com',
      domainName: 'shop.example.com',
      tags: {},
      source: 'acm-describe-certificate.json (acm describe-certificate)',
      type: 'AMAZON_ISSUED',
      status: 'ISSUED',
      keyAlgorithm: 'RSA_2048',
      signatureAlgorithm: 'SHA256WITHRSA',
      notBefore: '2025-08-20T00:00:00.000Z',
      notAfter: '2026-09-18T23:59:59.000Z',
      inUseBy: [
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-alb/1a2b3c4d5e6f7a8b',
      ],
      renewalEligibility: 'ELIGIBLE',
      renewalSummary: { renewalStatus: 'SUCCESS', updatedAt: '2025-08-20T13:04:40.118Z' },
      transparencyLoggingPreference: 'ENABLED',
    });
  });

  it('reads placebo datetime objects inside a placebo recording', () => {
    // Prepare, Act
    const inventory = normalizeFixture('placebo-acm-describe-certificate.json');

    // Assess
    const certificate = only(
      inventory,
      CERTIFICATE,
      'arn:aws:acm:eu-west-1:111122223333:certificate/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    );
    expect(certificate).toMatchObject({
      notBefore: '2024-03-01T00:00:00.000Z',
      notAfter: '2026-03-01T23:59:59.500Z',
      keyAlgorithm: 'RSA_1024',
      type: 'IMPORTED',
      status: 'EXPIRED',
      inUseBy: [],
      transparencyLoggingPreference: 'DISABLED',
    });
  });

  it('leaves a date it cannot read undefined and keeps the certificate', () => {
    // Prepare
    const output = structuredClone(fixture('acm-describe-certificate.json'));
    output.Certificate.NotAfter = 'some day';

    // Act
    const inventory = normalizeDocument(output, 'acm.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, CERTIFICATE, SHOP).notAfter).toBeUndefined();
  });
});

describe('acm list-certificates', () => {
  it('reads summaries: InUse without InUseBy, key algorithm normalized, ISO dates', () => {
    // Prepare, Act
    const inventory = normalizeFixture('acm-list-certificates.json');

    // Assess
    const cdn = only(
      inventory,
      CERTIFICATE,
      'arn:aws:acm:eu-west-1:111122223333:certificate/0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    );
    expect(cdn).toMatchObject({
      domainName: 'cdn.example.com',
      keyAlgorithm: 'EC_prime256v1',
      inUse: false,
      notAfter: '2027-02-08T23:59:59.000Z',
      source: 'acm-list-certificates.json (acm list-certificates)',
    });
    expect(cdn.inUseBy).toBeUndefined();
    expect(only(inventory, CERTIFICATE, SHOP).inUse).toBe(true);
  });
});

import {
  ACMClient,
  type CertificateSummary,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { describeReason } from '../../../../shared/families/acm/live.js';
import { ACM_READ_PLAN } from '../../../../shared/families/acm/read-plan.js';
import {
  awsError,
  certificate,
  certificateArn,
  certificateSummary,
  mockedSource,
  REGION,
  ref,
} from '../../inventory/live/sdk-outputs.js';

const acm = mockClient(ACMClient);
const CERTIFICATE = 'AWS::ACM::Certificate';
const KEY_TYPES = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

describe('live ACM certificate read', () => {
  afterEach(() => {
    acm.reset();
  });

  it('describes the certificate and normalizes its dates and key algorithm', async () => {
    // Prepare
    acm.on(DescribeCertificateCommand).resolves({ Certificate: certificate('shop') });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CERTIFICATE, certificateArn('shop'))]);

    // Assess
    expect(acm).toReceiveCommandExactlyOnceWith(DescribeCertificateCommand, {
      CertificateArn: certificateArn('shop'),
    });
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: certificateArn('shop'),
        notAfter: '2027-01-31T23:59:59.000Z',
        keyAlgorithm: 'EC_prime256v1',
      }),
    ]);
  });

  it('reports a deleted certificate as gone', async () => {
    // Prepare
    acm
      .on(DescribeCertificateCommand)
      .rejects(new ResourceNotFoundException({ message: 'Could not find certificate', $metadata: {} }));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CERTIFICATE, certificateArn('gone'))]);

    // Assess
    expect(result.gone).toEqual([ref(CERTIFICATE, certificateArn('gone'))]);
    expect(result.errors).toEqual([]);
  });
});

describe('live ACM sweep', () => {
  afterEach(() => {
    acm.reset();
  });

  it('lists certificates of every key type, page by page, and describes each', async () => {
    // Prepare
    acm
      .on(ListCertificatesCommand)
      .resolves({ CertificateSummaryList: [certificateSummary('a')], NextToken: 'p2' });
    acm
      .on(ListCertificatesCommand, { NextToken: 'p2' })
      .resolves({ CertificateSummaryList: [certificateSummary('b'), certificateSummary('c')] });
    acm.on(DescribeCertificateCommand).callsFake((input) => ({
      Certificate: certificate(input.CertificateArn.split('/').pop() ?? ''),
    }));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    const listCalls = acm.commandCalls(ListCertificatesCommand);
    expect(listCalls).toHaveLength(2);
    for (const call of listCalls) {
      expect([...(call.args[0].input.Includes?.keyTypes ?? [])].sort()).toEqual([...KEY_TYPES].sort());
    }
    expect(acm).toReceiveCommandWith(ListCertificatesCommand, { NextToken: 'p2' });
    expect(acm).toReceiveCommandTimes(DescribeCertificateCommand, 3);
    expect(result.resources.map((resource) => resource.resourceId)).toEqual(
      ['a', 'b', 'c'].map((id) => certificateArn(id)),
    );
  });

  it('reports a certificate it could not describe and keeps the others', async () => {
    // Prepare
    acm
      .on(ListCertificatesCommand)
      .resolves({ CertificateSummaryList: [certificateSummary('a'), certificateSummary('b')] });
    acm.on(DescribeCertificateCommand).resolves({ Certificate: certificate('a') });
    acm
      .on(DescribeCertificateCommand, { CertificateArn: certificateArn('b') })
      .rejects(awsError('InternalFailure', 'Internal failure'));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    expect(result.errors).toEqual([
      {
        source: `api:DescribeCertificate ${certificateArn('b')}`,
        message: 'InternalFailure: Internal failure',
      },
    ]);
    expect(result.resources.map((resource) => resource.resourceId)).toEqual([certificateArn('a')]);
  });

  it('skips, without an error, a certificate deleted between the listing and the describe', async () => {
    // Prepare
    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [certificateSummary('a')] });
    acm
      .on(DescribeCertificateCommand)
      .rejects(new ResourceNotFoundException({ message: 'Could not find certificate', $metadata: {} }));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    expect(result).toEqual({ resources: [], gone: [], errors: [], tlsPolicies: [] });
  });
});

describe('describeReason', () => {
  const NOW = new Date('2026-11-22T00:00:00Z');
  const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
  const summary = (overrides: Partial<CertificateSummary>): CertificateSummary => ({
    CertificateArn: certificateArn('x'),
    Status: 'ISSUED',
    Type: 'PRIVATE',
    KeyAlgorithm: 'RSA_2048',
    InUse: true,
    RenewalEligibility: 'ELIGIBLE',
    NotAfter: inDays(200),
    ...overrides,
  });

  it('judges a private certificate far from expiry from its summary alone', () => {
    // Act / Assess
    expect(describeReason(summary({}), ACM_READ_PLAN.full, NOW)).toBeUndefined();
  });

  it('describes an imported certificate for its signature algorithm', () => {
    // Act / Assess
    expect(describeReason(summary({ Type: 'IMPORTED' }), ACM_READ_PLAN.full, NOW)).toBe('signature');
  });

  it('describes a certificate ACM renews within 60 days of its expiry for its renewal status', () => {
    // Act / Assess
    expect(describeReason(summary({ NotAfter: inDays(59) }), ACM_READ_PLAN.full, NOW)).toBe('renewal');
  });

  it('describes an issued AMAZON_ISSUED certificate for its transparency logging preference', () => {
    // Act / Assess
    expect(describeReason(summary({ Type: 'AMAZON_ISSUED' }), ACM_READ_PLAN.full, NOW)).toBe('transparency');
  });

  it('does not describe an AMAZON_ISSUED certificate that was never issued', () => {
    // Act / Assess
    expect(
      describeReason(
        summary({ Type: 'AMAZON_ISSUED', Status: 'VALIDATION_TIMED_OUT', InUse: false }),
        ACM_READ_PLAN.full,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('describes a revoked certificate in use to name what uses it', () => {
    // Act / Assess
    expect(describeReason(summary({ Status: 'REVOKED' }), ACM_READ_PLAN.full, NOW)).toBe('in-use-by');
  });

  it('describes a certificate whose summary lacks a field the rules judge by', () => {
    // Act / Assess
    expect(describeReason(summary({ KeyAlgorithm: undefined }), ACM_READ_PLAN.full, NOW)).toBe('incomplete');
  });
});

describe('live ACM sweep from summaries', () => {
  afterEach(() => {
    acm.reset();
  });

  it('judges from the summary without a describe and spells the key algorithm as the API enum', async () => {
    // Prepare
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          ...certificateSummary('a'),
          Type: 'PRIVATE',
          KeyAlgorithm: 'RSA-2048' as CertificateSummary['KeyAlgorithm'],
          InUse: false,
          NotAfter: new Date('2099-01-01T00:00:00Z'),
        },
      ],
    });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    expect(acm).toReceiveCommandTimes(DescribeCertificateCommand, 0);
    expect(acm).toReceiveCommandWith(ListCertificatesCommand, { MaxItems: 1000 });
    expect(result.resources).toMatchObject([
      { resourceId: certificateArn('a'), keyAlgorithm: 'RSA_2048', inUse: false },
    ]);
  });
});

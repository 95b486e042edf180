import {
  ACMPCAClient,
  DescribeCertificateAuthorityCommand,
  ListCertificateAuthoritiesCommand,
} from '@aws-sdk/client-acm-pca';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

// The pinned @aws-sdk/client-acm-pca (3.523) predates the Smithy types aws-sdk-client-mock is typed with: its
// commands and answers are cast; the calls and shapes are the API's.
const pca = mockClient(ACMPCAClient as unknown as Parameters<typeof mockClient>[0]);
const LIST = ListCertificateAuthoritiesCommand as never;
const DESCRIBE = DescribeCertificateAuthorityCommand as never;
const arn = (n: number) =>
  `arn:aws:acm-pca:${REGION}:${ACCOUNT_ID}:certificate-authority/0f1e2d3c-4b5a-4697-8877-66554433221${n}`;

const authority = (n: number) => ({
  Arn: arn(n),
  Type: 'ROOT',
  Status: 'ACTIVE',
  NotBefore: new Date('2026-01-05T08:20:00Z'),
  NotAfter: new Date('2036-01-05T09:20:00Z'),
  CertificateAuthorityConfiguration: {
    KeyAlgorithm: 'RSA_4096',
    SigningAlgorithm: 'SHA512WITHRSA',
    Subject: { CommonName: `Root ${n}` },
  },
  RevocationConfiguration: { OcspConfiguration: { Enabled: true } },
});

describe('live Private CA reads', () => {
  afterEach(() => {
    pca.reset();
  });

  it('sweeps a region with ListCertificateAuthorities pages of 1000 and no describe call (the listing has whole CAs)', async () => {
    // Prepare
    pca
      .on(LIST, { MaxResults: 1000 } as never)
      .resolvesOnce({ CertificateAuthorities: [authority(1)], NextToken: 'p2' } as never)
      .on(LIST, { MaxResults: 1000, NextToken: 'p2' } as never)
      .resolves({ CertificateAuthorities: [authority(2)] } as never);

    // Act
    const result = await mockedSource().enumerate(REGION, ['pca']);

    // Assess
    expect(pca.commandCalls(LIST)).toHaveLength(2);
    expect(pca.commandCalls(DESCRIBE)).toHaveLength(0);
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: arn(1),
        keyAlgorithm: 'RSA_4096',
        notAfter: '2036-01-05T09:20:00.000Z',
        ocspEnabled: true,
        source: 'api:ListCertificateAuthorities (acm-pca list-certificate-authorities)',
      }),
      expect.objectContaining({ resourceId: arn(2), commonName: 'Root 2' }),
    ]);
  });

  it('reports a listing that fails, naming the call', async () => {
    // Prepare
    pca.on(LIST).rejects(awsError('AccessDeniedException'));

    // Act
    const result = await mockedSource().enumerate(REGION, ['pca']);

    // Assess
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ source: `api:ListCertificateAuthorities ${REGION}` }),
    ]);
  });

  it('reads a CA a call named with DescribeCertificateAuthority; an unknown one is gone', async () => {
    // Prepare
    pca.on(DESCRIBE, { CertificateAuthorityArn: arn(1) } as never).resolves({
      CertificateAuthority: authority(1),
    } as never);
    pca
      .on(DESCRIBE, { CertificateAuthorityArn: arn(3) } as never)
      .rejects(awsError('ResourceNotFoundException'));

    // Act
    const result = await mockedSource().read([
      ref('AWS::ACMPCA::CertificateAuthority', arn(1)),
      ref('AWS::ACMPCA::CertificateAuthority', arn(3)),
    ]);

    // Assess
    expect(pca.calls()).toHaveLength(2);
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: arn(1),
        source: 'api:DescribeCertificateAuthority (acm-pca describe-certificate-authority)',
      }),
    ]);
    expect(result.gone).toEqual([expect.objectContaining({ resourceId: arn(3) })]);
  });
});

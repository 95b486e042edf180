import { GetServerCertificateCommand, IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, awsError, mockedSource, REGION } from '../../inventory/live/sdk-outputs.js';

const iam = mockClient(IAMClient);
const metadata = (name: string) => ({
  Path: '/',
  ServerCertificateName: name,
  ServerCertificateId: `ASCA${name.toUpperCase().replaceAll('-', '')}`,
  Arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/${name}`,
  UploadDate: new Date('2025-12-15T09:30:00Z'),
  Expiration: new Date('2026-12-15T09:30:00Z'),
});
const certificate = (name: string) => ({
  resourceType: 'AWS::IAM::ServerCertificate' as const,
  resourceId: name,
  accountId: ACCOUNT_ID,
  region: 'us-east-1',
});

describe('live IAM server certificate reads (global: us-east-1)', () => {
  afterEach(() => {
    iam.reset();
  });

  it('sweeps the account once, from us-east-1: ListServerCertificates pages of 1000 (Marker), no GetServerCertificate', async () => {
    // Prepare
    iam
      .on(ListServerCertificatesCommand, { MaxItems: 1000 })
      .resolvesOnce({ ServerCertificateMetadataList: [metadata('a')], IsTruncated: true, Marker: 'm2' })
      .on(ListServerCertificatesCommand, { MaxItems: 1000, Marker: 'm2' })
      .resolves({ ServerCertificateMetadataList: [metadata('b')], IsTruncated: false });

    // Act
    const elsewhere = await mockedSource().enumerate(REGION, ['iam']);
    const global = await mockedSource().enumerate('us-east-1', ['iam']);

    // Assess
    expect(elsewhere.resources).toEqual([]);
    expect(iam.commandCalls(ListServerCertificatesCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetServerCertificateCommand)).toHaveLength(0);
    expect(global.errors).toEqual([]);
    expect(global.resources).toEqual([
      expect.objectContaining({
        resourceId: 'a',
        region: 'us-east-1',
        expiration: '2026-12-15T09:30:00.000Z',
        source: 'api:ListServerCertificates (iam list-server-certificates)',
      }),
      expect.objectContaining({ resourceId: 'b' }),
    ]);
  });

  it('reads a certificate a call named with GetServerCertificate by name; NoSuchEntity means gone', async () => {
    // Prepare
    iam.on(GetServerCertificateCommand, { ServerCertificateName: 'a' }).resolves({
      ServerCertificate: { ServerCertificateMetadata: metadata('a'), CertificateBody: undefined },
    });
    iam
      .on(GetServerCertificateCommand, { ServerCertificateName: 'b' })
      .rejects(awsError('NoSuchEntityException', 'The Server Certificate with name b cannot be found.'));

    // Act
    const result = await mockedSource().read([certificate('a'), certificate('b')]);

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: 'a',
        arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/a`,
        source: 'api:GetServerCertificate (iam get-server-certificate)',
      }),
    ]);
    expect(result.gone).toEqual([expect.objectContaining({ resourceId: 'b' })]);
  });
});

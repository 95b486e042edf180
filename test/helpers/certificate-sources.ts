/**
 * The SDK clients of the Private CA and IAM families, mocked for the suites that sweep every family: with no
 * answer set, a sweep would try the network. The pinned @aws-sdk/client-acm-pca (3.523) predates the Smithy
 * types aws-sdk-client-mock is typed with, hence its casts.
 */
import { ACMPCAClient, ListCertificateAuthoritiesCommand } from '@aws-sdk/client-acm-pca';
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';

export function mockCertificateSources() {
  const pca = mockClient(ACMPCAClient as unknown as Parameters<typeof mockClient>[0]);
  const iam = mockClient(IAMClient);
  return {
    pca,
    iam,
    /** No Private CA in any region, no IAM server certificate in the account. */
    answerNone(): void {
      pca.on(ListCertificateAuthoritiesCommand as never).resolves({ CertificateAuthorities: [] } as never);
      iam
        .on(ListServerCertificatesCommand)
        .resolves({ ServerCertificateMetadataList: [], IsTruncated: false });
    },
    reset(): void {
      pca.reset();
      iam.reset();
    },
  };
}

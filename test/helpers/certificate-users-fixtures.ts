/**
 * The resources of the "in use by" sweep tests (test/shared/usecase/sweep-in-use*.test.ts): an IAM server
 * certificate expiring in 10 days and the listeners that may serve it, a Private CA expired a day ago and the ACM
 * certificates it may have issued.
 */
import type { AcmCertificate } from '../../shared/families/acm/model.js';
import type { Elbv2Listener } from '../../shared/families/elbv2/model.js';
import type { IamServerCertificate } from '../../shared/families/iam/model.js';
import type { PrivateCertificateAuthority } from '../../shared/families/pca/model.js';

export const ACCOUNT = '111122223333';
export const NOW = new Date('2026-11-22T12:00:00.000Z');
export const IAM_ARN = `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-www`;
export const CA_ARN = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/11223344-1234-1122-2233-112233445566`;

const base = (region: string) => ({ accountId: ACCOUNT, region, tags: {}, source: 'test' });

/** Expires in 10 days: inside the default certificates.expiryDays, not yet expired. */
export const iamCertificate: IamServerCertificate = {
  ...base('us-east-1'),
  resourceType: 'AWS::IAM::ServerCertificate',
  resourceId: 'legacy-www',
  serverCertificateName: 'legacy-www',
  arn: IAM_ARN,
  expiration: '2026-12-02T12:00:00.000Z',
};

export function listener(region: string, certificateArn: string): Elbv2Listener {
  const listenerArn = `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
  return {
    ...base(region),
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listenerArn,
    listenerArn,
    loadBalancerArn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    loadBalancerType: 'application',
    protocol: 'HTTPS',
    port: 443,
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    certificates: [{ certificateArn, isDefault: true }],
    defaultActions: [],
  };
}

/** Expired a day ago. */
export const authority: PrivateCertificateAuthority = {
  ...base('eu-west-1'),
  resourceType: 'AWS::ACMPCA::CertificateAuthority',
  resourceId: CA_ARN,
  arn: CA_ARN,
  status: 'ACTIVE',
  type: 'SUBORDINATE',
  keyAlgorithm: 'RSA_2048',
  signingAlgorithm: 'SHA256WITHRSA',
  notBefore: '2025-11-21T12:00:00.000Z',
  notAfter: '2026-11-21T12:00:00.000Z',
  hasRevocationConfiguration: true,
  crlEnabled: true,
};

export function issued(caArn: string): AcmCertificate {
  const arn = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/aaaaaaaa-1111-2222-3333-444444444444`;
  return {
    ...base('eu-west-1'),
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    certificateArn: arn,
    type: 'PRIVATE',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    signatureAlgorithm: 'SHA256WITHRSA',
    notAfter: '2027-10-01T00:00:00.000Z',
    certificateAuthorityArn: caArn,
    inUseBy: [],
  };
}

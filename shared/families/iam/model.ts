/** The IAM server certificate in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export const SERVER_CERTIFICATE = 'AWS::IAM::ServerCertificate';

/**
 * IAM is global: its resources live in us-east-1 for transit-guard, where IAM's API answers and CloudTrail
 * delivers its calls (reference/service-facts.md, "IAM server certificates").
 */
export const IAM_REGION = 'us-east-1';

/**
 * A server certificate: ServerCertificateMetadata (list-server-certificates, get-server-certificate,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServerCertificateMetadata.html) and what its
 * CertificateBody says (get-server-certificate only). Its resourceId is ServerCertificateName, unique in the
 * account: UpdateServerCertificate and DeleteServerCertificate name it by name only, never by ARN.
 */
export interface IamServerCertificate extends ResourceBase {
  resourceType: typeof SERVER_CERTIFICATE;
  serverCertificateName: string;
  arn?: string;
  serverCertificateId?: string;
  path?: string;
  uploadDate?: string;
  /** ISO 8601: Expiration, else the body's NotAfter. */
  expiration?: string;
  /** From the PEM body (shared/certificates/x509.ts), when get-server-certificate was given. */
  keyAlgorithm?: string;
  signatureAlgorithm?: string;
  subject?: string;
  /**
   * Known from an AWS Config item, whose configuration (the CloudFormation properties) has no Expiration: only a
   * CertificateBody or a list/get output of the same certificate merged in gives the expiry.
   */
  fromConfigItem?: true;
  /** The listeners, load balancers and CloudFront distributions the inputs show serving it (by its ARN or ID). */
  inUseBy?: string[];
}

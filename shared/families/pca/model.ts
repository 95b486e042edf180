/** The AWS Private CA certificate authority in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export const CERTIFICATE_AUTHORITY = 'AWS::ACMPCA::CertificateAuthority';

/**
 * A CertificateAuthority as DescribeCertificateAuthority and ListCertificateAuthorities return it
 * (https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthority.html).
 */
export interface PrivateCertificateAuthority extends ResourceBase {
  resourceType: typeof CERTIFICATE_AUTHORITY;
  arn: string;
  /** CREATING | PENDING_CERTIFICATE | ACTIVE | DELETED | DISABLED | EXPIRED | FAILED */
  status?: string;
  /** ROOT | SUBORDINATE */
  type?: string;
  /** GENERAL_PURPOSE | SHORT_LIVED_CERTIFICATE */
  usageMode?: string;
  /** CertificateAuthorityConfiguration.KeyAlgorithm: RSA_2048, EC_prime256v1, ML_DSA_65, SM2, ... */
  keyAlgorithm?: string;
  /** CertificateAuthorityConfiguration.SigningAlgorithm: SHA256WITHRSA, SM3WITHSM2, ML_DSA_65, ... */
  signingAlgorithm?: string;
  /** Subject.CommonName. */
  commonName?: string;
  /** ISO 8601: the validity of the CA's own certificate (absent before it has one). */
  notBefore?: string;
  notAfter?: string;
  /** Whether the input has a RevocationConfiguration at all; then CRL / OCSP Enabled as given. */
  hasRevocationConfiguration: boolean;
  crlEnabled?: boolean;
  ocspEnabled?: boolean;
  /**
   * Known from an AWS Config item, which records no Status, NotBefore nor NotAfter (its configuration follows the
   * CloudFormation resource's properties). A describe or list output of the same CA merged in supplies them.
   */
  fromConfigItem?: true;
  /** ARNs of the ACM certificates the inputs show it issued (CertificateAuthorityArn); undefined: none shown. */
  inUseBy?: string[];
}

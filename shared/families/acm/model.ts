/** The ACM certificate in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export interface AcmRenewalSummary {
  /** PENDING_AUTO_RENEWAL | PENDING_VALIDATION | SUCCESS | FAILED */
  renewalStatus?: string;
  renewalStatusReason?: string;
  updatedAt?: string;
}

export interface AcmCertificate extends ResourceBase {
  resourceType: 'AWS::ACM::Certificate';
  certificateArn: string;
  domainName?: string;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE */
  type?: string;
  /** PENDING_VALIDATION | ISSUED | INACTIVE | EXPIRED | VALIDATION_TIMED_OUT | REVOKED | FAILED */
  status?: string;
  /** Normalized to the API enum spelling: RSA_2048, EC_prime256v1, ... ("RSA-2048" becomes RSA_2048). */
  keyAlgorithm?: string;
  /** As ACM reports it, e.g. SHA256WITHRSA. */
  signatureAlgorithm?: string;
  notBefore?: string;
  /** ISO 8601. */
  notAfter?: string;
  /** ARNs of the resources using the certificate; undefined when only `inUse` is known. */
  inUseBy?: string[];
  inUse?: boolean;
  /** The Private CA that issued a PRIVATE certificate (its CertificateAuthorityArn): the pca family's "in use by". */
  certificateAuthorityArn?: string;
  /** ELIGIBLE | INELIGIBLE */
  renewalEligibility?: string;
  renewalSummary?: AcmRenewalSummary;
  /** ENABLED | DISABLED */
  transparencyLoggingPreference?: string;
}

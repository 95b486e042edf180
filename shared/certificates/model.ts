/**
 * One certificate model for every source (ACM, IAM server certificates, IoT device and CA certificates, the RDS
 * certificate authorities, AWS Private CA): the facts the shared judges in ./judge.ts read. Each family keeps its
 * own resource type and maps it to these facts where a rule judges expiry, key strength or signature; the rule ids
 * stay per source (RULES.md "Certificates everywhere").
 */

/** Where a certificate comes from: the rule family that judges it and the KPI share it counts in. */
export type CertificateSource = 'acm' | 'iam' | 'iot' | 'iot-ca' | 'rds-ca' | 'pca';

export interface CertificateFacts {
  source: CertificateSource;
  /** The name people know the certificate by (domain name, IAM name, IoT certificate id, CA identifier, ...). */
  label: string;
  subject?: string;
  /** Subject alternative names, where the input lists them. */
  names?: string[];
  /** In the ACM API spelling (RSA_2048, EC_prime256v1, ...): see normalizeKeyAlgorithm. */
  keyAlgorithm?: string;
  /** As the source writes it (SHA256WITHRSA, sha256WithRSAEncryption, SHA256WITHECDSA, ...). */
  signatureAlgorithm?: string;
  /** ISO 8601. */
  notBefore?: string;
  /** ISO 8601. */
  notAfter?: string;
  /** The source's own status value (ACM ISSUED, IoT ACTIVE, Private CA ACTIVE, ...). */
  status?: string;
  issuer?: string;
  /** ARNs (or names) of what uses the certificate; undefined when the input does not say. */
  inUseBy?: string[];
}

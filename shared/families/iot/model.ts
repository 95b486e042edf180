/**
 * AWS IoT Core resources in the normalized model (shared/model/resource.ts): device certificates, CA certificates
 * and domain configurations. Field names follow the IoT API reference
 * (https://docs.aws.amazon.com/iot/latest/apireference/API_CertificateDescription.html,
 * API_CACertificateDescription.html, API_DescribeDomainConfiguration.html). AWS Config records
 * AWS::IoT::CACertificate and AWS::IoT::DomainConfiguration but no device certificate type
 * (../shared/reference/service-facts.md, "IoT Core"): AWS::IoT::Certificate is transit-guard's own name.
 */
import type { ResourceBase } from '../../model/resource.js';

export const CERTIFICATE = 'AWS::IoT::Certificate';
export const CA_CERTIFICATE = 'AWS::IoT::CACertificate';
export const DOMAIN_CONFIGURATION = 'AWS::IoT::DomainConfiguration';

/** What a certificate's PEM body says (shared/certificates/x509.ts), or why it could not be read. */
interface PemFacts {
  /** ISO 8601: DescribeCertificate's validity, else the PEM's. */
  notBefore?: string;
  notAfter?: string;
  /** RSA_2048, EC_prime256v1, ... read from certificatePem; undefined when the input has no PEM. */
  keyAlgorithm?: string;
  /** SHA256WITHRSA, ... read from certificatePem. */
  signatureAlgorithm?: string;
  subject?: string;
  /** The input had a certificatePem that is not a readable X.509 certificate (what was wrong). */
  pemError?: string;
}

export interface IotCertificate extends ResourceBase, PemFacts {
  resourceType: 'AWS::IoT::Certificate';
  certificateArn: string;
  certificateId: string;
  /** ACTIVE | INACTIVE | REVOKED | PENDING_TRANSFER | REGISTER_INACTIVE | PENDING_ACTIVATION */
  status?: string;
  /** DEFAULT | SNI_ONLY */
  certificateMode?: string;
  /**
   * Set when the record is DescribeCertificate's (a ListCertificates summary has no CA, validity or PEM); never
   * false, so a summary read after the description does not undo it when the two records join.
   */
  described?: true;
  /** The CA certificate that signed it, when registered with AWS IoT (DescribeCertificate caCertificateId). */
  caCertificateId?: string;
  /** That CA certificate's status, joined from a CA certificate in the inputs (link step). */
  caStatus?: string;
  /** Things the certificate is attached to (ListPrincipalThings); undefined when the input does not say. */
  things?: string[];
  /** Of those, the Greengrass core devices (a thing named as a core device by ListCoreDevices). */
  coreDevices?: string[];
}

export interface IotCaCertificate extends ResourceBase, PemFacts {
  resourceType: 'AWS::IoT::CACertificate';
  certificateArn: string;
  certificateId: string;
  /** ACTIVE | INACTIVE */
  status?: string;
  /** DEFAULT | SNI_ONLY */
  certificateMode?: string;
  /** Set when the record is DescribeCACertificate's or a Config item's (with the PEM). */
  described?: true;
}

export interface IotDomainConfiguration extends ResourceBase {
  resourceType: 'AWS::IoT::DomainConfiguration';
  domainConfigurationArn: string;
  domainConfigurationName: string;
  domainName?: string;
  /** ENDPOINT | AWS_MANAGED | CUSTOMER_MANAGED */
  domainType?: string;
  /** DATA | CREDENTIAL_PROVIDER | JOBS */
  serviceType?: string;
  /** ENABLED | DISABLED */
  domainConfigurationStatus?: string;
  /** tlsConfig.securityPolicy; undefined when the input does not name it (older outputs, list summaries). */
  securityPolicy?: string;
}

export type IotResource = IotCertificate | IotCaCertificate | IotDomainConfiguration;

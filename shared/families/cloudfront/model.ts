/** The CloudFront distribution in the normalized model (shared/model/resource.ts). */
import type { JsonObject } from '../../inventory/fields.js';
import type { ResourceBase } from '../../model/resource.js';

export const DISTRIBUTION = 'AWS::CloudFront::Distribution';

/** The viewer certificate: which certificate viewers see and the security policy it is served with. */
export interface ViewerCertificate {
  /** true: the *.cloudfront.net certificate, which CloudFront always serves with policy TLSv1. */
  cloudFrontDefaultCertificate?: boolean;
  /** cloudfront | acm | iam */
  certificateSource?: string;
  acmCertificateArn?: string;
  iamCertificateId?: string;
  /** sni-only | vip | static-ip */
  sslSupportMethod?: string;
  /** The viewer security policy as the input states it (SSLv3, TLSv1, ..., TLSv1.2_2021, TLSv1.3_2025). */
  minimumProtocolVersion?: string;
}

/** A cache behavior: the default one (pathPattern undefined) or an ordered one. */
export interface CacheBehavior {
  /** undefined for the default cache behavior. */
  pathPattern?: string;
  targetOriginId?: string;
  /** When targetOriginId names an origin group: its member origins. */
  targetOriginIds?: string[];
  /** allow-all | https-only | redirect-to-https; undefined: not in the input. */
  viewerProtocolPolicy?: string;
}

export interface Origin {
  id: string;
  domainName?: string;
  /** s3: an S3 REST origin (S3OriginConfig); custom: CustomOriginConfig; vpc: VpcOriginConfig; unknown: none given. */
  kind: 's3' | 'custom' | 'vpc' | 'unknown';
  /** Custom origins: http-only | match-viewer | https-only. */
  originProtocolPolicy?: string;
  /** Custom origins: the protocols CloudFront may use towards the origin (SSLv3, TLSv1, TLSv1.1, TLSv1.2). */
  originSslProtocols?: string[];
}

export interface CloudFrontDistribution extends ResourceBase {
  resourceType: 'AWS::CloudFront::Distribution';
  distributionId?: string;
  domainName?: string;
  aliases?: string[];
  enabled?: boolean;
  status?: string;
  viewerCertificate?: ViewerCertificate;
  /** The default cache behavior first, then the ordered ones; undefined when the input has none. */
  behaviors?: CacheBehavior[];
  origins?: Origin[];
  /**
   * The whole DistributionConfig in the API's shape, only when the input is GetDistribution /
   * GetDistributionConfig output (the only reads that carry the ETag): UpdateDistribution must send it back
   * whole, changed only where remediation means to.
   */
  distributionConfig?: JsonObject;
  /** The ETag of that read: UpdateDistribution's IfMatch. */
  etag?: string;
}

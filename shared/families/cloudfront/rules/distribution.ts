import type { CacheBehavior, CloudFrontDistribution } from '../model.js';

/** How reasons name a distribution: its id, else its domain name, else what the input names it by. */
export function distributionLabel(distribution: CloudFrontDistribution): string {
  return `CloudFront distribution ${distribution.distributionId ?? distribution.domainName ?? distribution.resourceId}`;
}

/** How reasons name a cache behavior. */
export function behaviorLabel(behavior: CacheBehavior): string {
  return behavior.pathPattern === undefined
    ? 'the default cache behavior'
    : `behavior ${behavior.pathPattern}`;
}

/** Viewers may use plain HTTP on this behavior (allow-all); undefined when the input does not say. */
export function allowsHttp(behavior: CacheBehavior): boolean | undefined {
  if (behavior.viewerProtocolPolicy === undefined) return undefined;
  return behavior.viewerProtocolPolicy === 'allow-all';
}

export const CLOUDFRONT_DOCS = {
  viewerProtocol:
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  originProtocol:
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  s3Origin:
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-s3-origin.html',
  updateDistribution:
    'https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html',
  viewerCertificate: 'https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html',
  securityHub: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
} as const;

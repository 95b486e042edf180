import type { CloudFrontDistribution, Origin } from '../model.js';
import { allowsHttp } from './distribution.js';

/** S3 website endpoints serve HTTP only (bucket.s3-website-<region>.amazonaws.com or s3-website.<region>). */
const S3_WEBSITE = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;

const isS3WebsiteOrigin = (origin: Origin): boolean =>
  origin.domainName !== undefined && S3_WEBSITE.test(origin.domainName);

/** The cache behaviors that send requests to this origin (directly or through an origin group). */
function behaviorsTo(distribution: CloudFrontDistribution, origin: Origin) {
  return (distribution.behaviors ?? []).filter(
    (behavior) => behavior.targetOriginId === origin.id || behavior.targetOriginIds?.includes(origin.id),
  );
}

/**
 * Whether CloudFront may reach the origin over plain HTTP: true, false, or a string saying what is unknown.
 * S3 REST origins follow the viewer's protocol, like match-viewer.
 */
export function originPlaintext(distribution: CloudFrontDistribution, origin: Origin): boolean | string {
  if (origin.kind === 'vpc') {
    return 'its protocol policy is set on the VPC origin (GetVpcOrigin), which the input does not hold';
  }
  if (origin.kind === 'unknown') return 'the input does not say whether it is an S3 or a custom origin';
  if (isS3WebsiteOrigin(origin)) return true;
  const policy = origin.kind === 's3' ? 'match-viewer' : origin.originProtocolPolicy;
  if (policy === undefined) return 'the input does not state its OriginProtocolPolicy';
  if (policy === 'http-only') return true;
  if (policy === 'https-only') return false;
  if (policy !== 'match-viewer') return `its OriginProtocolPolicy ${policy} is not one transit-guard knows`;
  if (distribution.behaviors === undefined)
    return 'the input has no cache behaviors to tell what viewers use';
  const verdicts = behaviorsTo(distribution, origin).map(allowsHttp);
  if (verdicts.includes(true)) return true;
  if (verdicts.includes(undefined)) return 'a behavior routing to it does not state its ViewerProtocolPolicy';
  return false;
}

/** Why the origin is reached over HTTP, for the reason. */
export function plaintextWhy(origin: Origin): string {
  if (isS3WebsiteOrigin(origin)) return 'an S3 website endpoint, which serves HTTP only';
  if (origin.kind === 's3')
    return 'an S3 origin, reached with the viewer protocol, on a behavior that allows HTTP';
  if (origin.originProtocolPolicy === 'http-only') return 'OriginProtocolPolicy http-only';
  return 'OriginProtocolPolicy match-viewer on a behavior that allows HTTP';
}

/** Custom origins CloudFront reaches over HTTPS (https-only or match-viewer), whose OriginSslProtocols matter. */
export const httpsCustomOrigin = (origin: Origin): boolean =>
  origin.kind === 'custom' && !isS3WebsiteOrigin(origin) && origin.originProtocolPolicy !== 'http-only';

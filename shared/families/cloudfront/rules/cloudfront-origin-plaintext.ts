import { joinWords } from '../../../model/words.js';
import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { CLOUDFRONT_DOCS, distributionLabel } from './distribution.js';
import { originPlaintext, plaintextWhy } from './origins.js';

export const cloudfrontOriginPlaintext = defineRule({
  metadata: {
    id: 'cloudfront-origin-plaintext',
    title: 'CloudFront reaches an origin over plain HTTP',
    family: 'cloudfront',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    severity: 'high',
    description:
      'A CloudFront distribution with a custom origin reached over HTTP: OriginProtocolPolicy http-only, or match-viewer on a behavior whose viewers may use HTTP; an S3 website endpoint origin (HTTP only); an S3 REST origin (which follows the viewer protocol) on a behavior that allows HTTP.',
    rationale:
      'The hop from the edge to the origin crosses the internet: in plaintext, anyone on that path reads and changes what the distribution serves, even when viewers use HTTPS.',
    parameters: [],
    remediation: {
      guidance:
        'Serve the origin over HTTPS with a certificate CloudFront trusts and set OriginProtocolPolicy https-only; an S3 website endpoint cannot serve HTTPS: use the bucket REST endpoint with origin access control. Not changed automatically: the origin may not serve HTTPS.',
    },
    defaultMode: 'notify',
    references: [CLOUDFRONT_DOCS.originProtocol, CLOUDFRONT_DOCS.s3Origin, CLOUDFRONT_DOCS.securityHub],
    compliance: {
      securityHub: ['CloudFront.9'],
      configRules: ['cloudfront-traffic-to-origin-encrypted'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const origins = distribution.origins;
    if (origins === undefined || origins.length === 0) {
      return cannotVerify(
        `${label}: the input has no origins, so how CloudFront reaches them cannot be verified.`,
        {},
      );
    }
    const verdicts = origins.map((origin) => ({ origin, verdict: originPlaintext(distribution, origin) }));
    const plaintext = verdicts.filter(({ verdict }) => verdict === true).map(({ origin }) => origin);
    const unknown = verdicts.filter(({ verdict }) => typeof verdict === 'string');
    if (plaintext.length > 0) {
      const listed = plaintext.map((origin) => `${origin.id} (${plaintextWhy(origin)})`);
      return nonCompliant(
        `${label} reaches ${plaintext.length === 1 ? 'origin' : 'origins'} ${joinWords(listed)} over plain HTTP.`,
        {
          details: { plaintextOrigins: plaintext.map((origin) => origin.id) },
        },
      );
    }
    if (unknown.length > 0) {
      const listed = unknown.map(({ origin, verdict }) => `origin ${origin.id}: ${verdict as string}`);
      return cannotVerify(
        `${label}: whether CloudFront reaches its origins over HTTPS cannot be verified (${listed.join('; ')}).`,
        {
          unverifiedOrigins: unknown.map(({ origin }) => origin.id),
        },
      );
    }
    return compliant(`${label} reaches all ${origins.length} of its origins over HTTPS.`);
  },
});

import { joinWords } from '../../../model/words.js';
import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { allowsHttp, behaviorLabel, CLOUDFRONT_DOCS, distributionLabel } from './distribution.js';

export const cloudfrontViewerPlaintext = defineRule({
  metadata: {
    id: 'cloudfront-viewer-plaintext',
    title: 'CloudFront viewers may use plain HTTP',
    family: 'cloudfront',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    severity: 'high',
    description:
      'A CloudFront distribution whose default cache behavior, or any ordered cache behavior, has ViewerProtocolPolicy allow-all: viewers may send and receive that path in plaintext.',
    rationale:
      'Anyone on the viewer network path reads and changes requests and responses (session cookies, tokens, injected content) of every path a behavior serves over HTTP.',
    parameters: [],
    remediation: {
      guidance:
        'Set ViewerProtocolPolicy of those behaviors to redirect-to-https (keeps old links working) or https-only, with UpdateDistribution and the ETag just read.',
      remediate: 'cloudfront-redirect-to-https',
      block: 'cloudfront-https-only',
    },
    defaultMode: 'notify',
    references: [
      CLOUDFRONT_DOCS.viewerProtocol,
      CLOUDFRONT_DOCS.updateDistribution,
      CLOUDFRONT_DOCS.securityHub,
    ],
    compliance: {
      securityHub: ['CloudFront.3'],
      configRules: ['cloudfront-viewer-policy-https'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const behaviors = distribution.behaviors;
    if (behaviors === undefined || behaviors.length === 0) {
      return cannotVerify(
        `${label}: the input has no cache behaviors, so whether viewers may use HTTP cannot be verified.`,
        {},
      );
    }
    const unknown = behaviors.filter((behavior) => allowsHttp(behavior) === undefined).map(behaviorLabel);
    const plaintext = behaviors.filter((behavior) => allowsHttp(behavior) === true).map(behaviorLabel);
    if (plaintext.length > 0) {
      return nonCompliant(
        `${label} lets viewers use plain HTTP (ViewerProtocolPolicy allow-all) on ${joinWords(plaintext)}.`,
        {
          details: { allowAllBehaviors: plaintext },
          remediationTarget: 'redirect-to-https',
        },
      );
    }
    if (unknown.length > 0) {
      return cannotVerify(
        `${label}: the input does not state the ViewerProtocolPolicy of ${joinWords(unknown)}, so whether viewers may use HTTP cannot be verified.`,
        { unknownBehaviors: unknown },
      );
    }
    return compliant(`${label} serves viewers over HTTPS only on all ${behaviors.length} cache behaviors.`, {
      viewerProtocolPolicies: behaviors.map((behavior) => behavior.viewerProtocolPolicy),
    });
  },
});

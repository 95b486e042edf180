import { joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { ORIGIN_POLICY_SOURCE, originProtocolsBelow, originTargetProtocols } from '../policies.js';
import { CLOUDFRONT_DOCS, distributionLabel } from './distribution.js';
import { httpsCustomOrigin } from './origins.js';

export const cloudfrontOriginTls = defineRule({
  metadata: {
    id: 'cloudfront-origin-tls',
    title: 'CloudFront may reach a custom origin with old TLS',
    family: 'cloudfront',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    severity: 'medium',
    description:
      'A CloudFront distribution with a custom origin reached over HTTPS whose OriginSslProtocols include a protocol below the minimum (SSLv3, TLSv1 or TLSv1.1 with the default TLSv1.2): CloudFront may use any protocol listed.',
    rationale:
      'OriginSslProtocols is a list, not a minimum: when the origin accepts an old protocol, the edge-to-origin hop can run on SSLv3/TLS 1.0/1.1, open to downgrade and padding-oracle attacks.',
    parameters: [
      {
        policyPath: 'tls.minimumVersion',
        description: 'The oldest protocol CloudFront may use towards an origin.',
      },
    ],
    remediation: {
      guidance:
        'Set OriginSslProtocols of those origins to the protocols at or above the minimum (TLSv1.2 with the default settings), with UpdateDistribution and the ETag just read; check first that the origin accepts them.',
      remediate: 'cloudfront-set-origin-protocols',
      block: 'cloudfront-set-origin-protocols',
    },
    defaultMode: 'notify',
    references: [ORIGIN_POLICY_SOURCE, CLOUDFRONT_DOCS.originProtocol, CLOUDFRONT_DOCS.securityHub],
    compliance: {
      securityHub: ['CloudFront.10'],
      configRules: ['cloudfront-no-deprecated-ssl-protocols'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(distribution, context) {
    const label = distributionLabel(distribution);
    const minimum = context.policy.tls.minimumVersion;
    if (distribution.origins === undefined) {
      return cannotVerify(
        `${label}: the input has no origins, so the protocols CloudFront uses towards them cannot be verified.`,
        {},
      );
    }
    const origins = distribution.origins.filter(httpsCustomOrigin);
    if (origins.length === 0) {
      return notApplicable(`${label} has no custom origin it reaches over HTTPS.`);
    }
    const unknown = origins.filter(
      (origin) => origin.originSslProtocols === undefined || origin.originSslProtocols.length === 0,
    );
    const weak = origins.flatMap((origin) => {
      const { below, unknown: odd } = originProtocolsBelow(origin.originSslProtocols ?? [], minimum);
      return below.length > 0 || odd.length > 0
        ? [{ id: origin.id, protocols: origin.originSslProtocols ?? [], below, odd }]
        : [];
    });
    const target = originTargetProtocols(minimum);
    if (weak.length > 0) {
      const listed = weak.map(
        ({ id, below, odd }) => `${id} (${joinWords([...below, ...odd.map((p) => `unknown ${p}`)])})`,
      );
      const noTarget =
        target.length === 0
          ? ` CloudFront offers no OriginSslProtocols value at or above ${minimum}: no remediation target.`
          : '';
      return nonCompliant(
        `${label} may reach ${weak.length === 1 ? 'origin' : 'origins'} ${joinWords(listed)} below the minimum ${minimum}.${noTarget}`,
        {
          details: {
            weakOrigins: weak.map(({ id, protocols }) => ({ id, originSslProtocols: protocols })),
            minimumVersion: minimum,
          },
          ...(target.length > 0 ? { remediationTarget: target.join(',') } : {}),
        },
      );
    }
    if (unknown.length > 0) {
      return cannotVerify(
        `${label}: the input does not state the OriginSslProtocols of ${joinWords(unknown.map((origin) => `origin ${origin.id}`))}, so the protocols CloudFront may use towards it cannot be verified.`,
        { unverifiedOrigins: unknown.map((origin) => origin.id) },
      );
    }
    return compliant(`${label} reaches its HTTPS custom origins with ${minimum} or newer only.`, {
      originSslProtocols: Object.fromEntries(origins.map((origin) => [origin.id, origin.originSslProtocols])),
    });
  },
});

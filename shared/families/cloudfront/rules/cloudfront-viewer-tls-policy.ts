import { joinWords } from '../../../model/words.js';
import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import {
  cipherClassesParameter,
  minimumVersionParameter,
  POST_QUANTUM_PARAMETER,
} from '../../../rules/tls-parameters.js';
import {
  effectiveViewerPolicy,
  judgeViewerPolicy,
  VIEWER_POLICY_SOURCE,
  viewerTargetPolicy,
} from '../policies.js';
import { CLOUDFRONT_DOCS, distributionLabel } from './distribution.js';

export const cloudfrontViewerTlsPolicy = defineRule({
  metadata: {
    id: 'cloudfront-viewer-tls-policy',
    title: 'CloudFront viewer security policy accepts old TLS or weak ciphers',
    family: 'cloudfront',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    severity: 'high',
    description:
      'A CloudFront distribution whose viewer security policy (MinimumProtocolVersion, resolved to the protocols and ciphers it enables; the default *.cloudfront.net certificate always means TLSv1) accepts a protocol below the minimum or a cipher outside the allowed classes, or, when the policy requires it, offers no hybrid post-quantum key exchange. An unknown policy cannot be verified and is reported.',
    rationale:
      'A viewer or an attacker in the path can pick any protocol and cipher the policy allows: TLS 1.0/1.1, CBC and static-RSA suites are open to downgrade, padding-oracle and harvest-now-decrypt-later attacks.',
    parameters: [
      minimumVersionParameter('viewers'),
      cipherClassesParameter('viewers'),
      POST_QUANTUM_PARAMETER,
    ],
    remediation: {
      guidance:
        'Serve the distribution with a custom (ACM) certificate and SSLSupportMethod sni-only, and set MinimumProtocolVersion to a policy that passes (TLSv1.2_2021 with the default settings). The *.cloudfront.net certificate cannot be given a stronger policy: add an alternate domain name first.',
      remediate: 'cloudfront-set-viewer-policy',
      block: 'cloudfront-set-viewer-policy',
    },
    defaultMode: 'notify',
    references: [VIEWER_POLICY_SOURCE, CLOUDFRONT_DOCS.viewerCertificate, CLOUDFRONT_DOCS.updateDistribution],
    compliance: {
      securityHub: [],
      configRules: [
        'cloudfront-security-policy-check',
        'cloudfront-ssl-policy-check',
        'cloudfront_distributions_using_deprecated_ssl_protocols (Prowler)',
      ],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(distribution, context) {
    const label = distributionLabel(distribution);
    const effective = effectiveViewerPolicy(distribution.viewerCertificate);
    if (!effective.known) {
      return cannotVerify(`${label}: ${effective.why}, so what viewers may negotiate cannot be verified.`, {
        minimumProtocolVersion: distribution.viewerCertificate?.minimumProtocolVersion,
      });
    }
    const { policy } = effective;
    const tls = context.policy.tls;
    const judgement = judgeViewerPolicy(policy, tls, context.tls);
    const named = effective.defaultCertificate
      ? `the default *.cloudfront.net certificate, which CloudFront always serves with security policy ${policy.name}${effective.stated && effective.stated !== policy.name ? ` (the input states ${effective.stated})` : ''}`
      : `security policy ${policy.name}`;
    const details = {
      securityPolicy: policy.name,
      defaultCertificate: effective.defaultCertificate,
      protocols: policy.protocols,
      minimumVersion: tls.minimumVersion,
      protocolsBelowMinimum: judgement.protocolsBelowMinimum,
      disallowedCiphers: judgement.disallowedCiphers.map((cipher) => cipher.name),
      postQuantum: policy.postQuantum,
    };
    const faults = [
      ...(judgement.protocolsBelowMinimum.length > 0
        ? [`accepts ${joinWords(judgement.protocolsBelowMinimum)} (the minimum is ${tls.minimumVersion})`]
        : []),
      ...(judgement.disallowedCiphers.length > 0
        ? [
            `offers ciphers outside the allowed classes (${joinWords(judgement.disallowedCiphers.map((c) => c.name))})`,
          ]
        : []),
      ...(judgement.missingPostQuantum
        ? ['offers no hybrid post-quantum (ML-KEM) key exchange, which the policy requires']
        : []),
    ];
    // 'report': say so when a policy has no post-quantum key exchange; 'ignore' says nothing.
    const pqNote =
      tls.postQuantum === 'report' && !policy.postQuantum
        ? ' Note: it offers no hybrid post-quantum (ML-KEM) key exchange.'
        : '';
    if (faults.length === 0) {
      return compliant(`${label} serves viewers with ${named}, which passes the policy.${pqNote}`, details);
    }
    const target = viewerTargetPolicy(tls, context.tls);
    const pq = tls.postQuantum === 'require' ? ' (offers post-quantum key exchange)' : '';
    const targetText = !target
      ? ' No CloudFront security policy passes the policy: no remediation target.'
      : effective.defaultCertificate
        ? ` Serve an alternate domain name with an ACM certificate (sni-only) and security policy ${target.name}${pq}.`
        : ` Target: ${target.name}${pq}.`;
    return nonCompliant(
      `${label} serves viewers with ${named}, which ${joinWords(faults)}.${pqNote}${targetText}`,
      {
        details,
        ...(target ? { remediationTarget: target.name } : {}),
      },
    );
  },
});

import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { certificateLabel, neverIssuedOutcome } from './certificate.js';

/**
 * A hash name inside a signature algorithm name: SHA1WITHRSA, SHA256WITHECDSA, RSASSA-PSS-SHA256,
 * ecdsa-with-SHA384, sha256WithRSAEncryption. The trailing digit guard keeps SHA1 from matching
 * inside a longer number such as SHA128.
 */
const HASH_IN_NAME = /(MD2|MD5|SHA[-_]?1|SHA(?:2[-_])?[-_]?(?:224|256|384|512))(?!\d)/g;

/**
 * The hashes a signature algorithm name uses, spelled as the policy spells them (SHA1, SHA256, MD5).
 * @internal Unit-tested directly: the hash of every signature algorithm ACM reports (also checked against the rule's metadata).
 */
export function signatureHashes(signatureAlgorithm: string): string[] {
  const hashes = [...signatureAlgorithm.toUpperCase().matchAll(HASH_IN_NAME)].map(([token]) =>
    token.replace(/^SHA(?:2[-_])?[-_]?/, 'SHA'),
  );
  return [...new Set(hashes)];
}

export const acmCertificateSignature = defineRule({
  metadata: {
    id: 'acm-certificate-signature',
    title: 'ACM certificate signed with a weak hash',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'high',
    description:
      'An ACM certificate whose signature algorithm uses a hash the policy forbids: by default MD2, MD5 and SHA-1 (SHA1WITHRSA, MD5WITHRSA, ...).',
    rationale:
      'SHA-1 and MD5 collisions are practical: an attacker can obtain a certificate that carries the same signature for a name they choose and impersonate the endpoint; browsers already reject such certificates, so the service also breaks for them.',
    parameters: [
      {
        policyPath: 'certificates.forbiddenSignatureHashes',
        description: 'Hash algorithms a certificate signature must not use.',
      },
    ],
    remediation: {
      guidance:
        'Have the certificate reissued with a SHA-256 or stronger signature (request a new ACM certificate, or import one your CA signed with SHA-256), switch its users to it, then delete the old one.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html',
      'https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html',
      'https://csrc.nist.gov/pubs/sp/800/131/a/r2/final',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate, context) {
    const neverIssued = neverIssuedOutcome(certificate);
    if (neverIssued) return neverIssued;
    const label = certificateLabel(certificate);
    const { signatureAlgorithm } = certificate;
    if (signatureAlgorithm === undefined || signatureAlgorithm.trim() === '') {
      return notApplicable(`Certificate ${label}: signature algorithm not in the input.`);
    }
    const hashes = signatureHashes(signatureAlgorithm);
    if (hashes.length === 0) {
      return cannotVerify(
        `Certificate ${label}: the hash of signature algorithm ${signatureAlgorithm} is not recognized, so whether the policy forbids it cannot be verified.`,
        { signatureAlgorithm, hashes },
      );
    }

    const forbiddenByPolicy: readonly string[] = context.policy.certificates.forbiddenSignatureHashes;
    const forbidden = hashes.filter((hash) => forbiddenByPolicy.includes(hash));
    const details = { signatureAlgorithm, hashes, forbiddenHashes: forbidden };
    if (forbidden.length === 0) {
      return compliant(
        `Certificate ${label} is signed with ${signatureAlgorithm}, whose hash the policy allows.`,
        details,
      );
    }
    return nonCompliant(
      `Certificate ${label} is signed with ${signatureAlgorithm}, which uses ${forbidden.join(' and ')}, a hash the policy forbids.`,
      { details },
    );
  },
});

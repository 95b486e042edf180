import { judgeSignature } from '../../../certificates/judge.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { certificateLabel, neverIssuedOutcome } from './certificate.js';

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
    const verdict = judgeSignature(
      certificate.signatureAlgorithm,
      context.policy.certificates.forbiddenSignatureHashes,
    );
    switch (verdict.kind) {
      case 'missing':
        return notApplicable(`Certificate ${label}: signature algorithm not in the input.`);
      case 'unknown':
        return cannotVerify(
          `Certificate ${label}: the hash of signature algorithm ${verdict.signatureAlgorithm} is not recognized, so whether the policy forbids it cannot be verified.`,
          { signatureAlgorithm: verdict.signatureAlgorithm, hashes: verdict.hashes },
        );
      case 'allowed': {
        const { signatureAlgorithm, hashes, forbiddenHashes } = verdict;
        return compliant(
          `Certificate ${label} is signed with ${signatureAlgorithm}, whose hash the policy allows.`,
          { signatureAlgorithm, hashes, forbiddenHashes },
        );
      }
      case 'forbidden': {
        const { signatureAlgorithm, hashes, forbiddenHashes } = verdict;
        return nonCompliant(
          `Certificate ${label} is signed with ${signatureAlgorithm}, which uses ${forbiddenHashes.join(' and ')}, a hash the policy forbids.`,
          { details: { signatureAlgorithm, hashes, forbiddenHashes } },
        );
      }
    }
  },
});

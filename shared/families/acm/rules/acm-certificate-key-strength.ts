import { judgeKeyAlgorithm } from '../../../certificates/judge.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { certificateLabel, neverIssuedOutcome } from './certificate.js';

export const acmCertificateKeyStrength = defineRule({
  metadata: {
    id: 'acm-certificate-key-strength',
    title: 'ACM certificate with a weak key',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'high',
    description:
      'An ACM certificate whose key algorithm is not on the policy allow list: by default RSA keys shorter than 2048 bits and elliptic curves below P-256 fail.',
    rationale:
      'A 1024-bit RSA key or a small elliptic curve is within reach of factoring or discrete-log attacks; whoever recovers the private key can impersonate the endpoint and decrypt sessions without forward secrecy.',
    parameters: [
      {
        policyPath: 'certificates.allowedKeyAlgorithms',
        description:
          'Key algorithms a certificate may use, in the ACM API spelling (RSA_2048, EC_prime256v1, ...).',
      },
    ],
    remediation: {
      guidance:
        'Request or import a new certificate with an allowed key algorithm (RSA 2048 or larger, or ECDSA P-256 or larger), switch the listeners and distributions to it, then delete the old one.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/acm-certificate-rsa-check.html',
    ],
    compliance: {
      securityHub: ['ACM.2'],
      configRules: ['acm-certificate-rsa-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(certificate, context) {
    const neverIssued = neverIssuedOutcome(certificate);
    if (neverIssued) return neverIssued;
    const label = certificateLabel(certificate);
    const verdict = judgeKeyAlgorithm(
      certificate.keyAlgorithm,
      context.policy.certificates.allowedKeyAlgorithms,
    );
    switch (verdict.kind) {
      case 'missing':
        return notApplicable(`Certificate ${label}: key algorithm not in the input.`);
      case 'unknown':
        return cannotVerify(
          `Certificate ${label} has the key algorithm ${JSON.stringify(verdict.keyAlgorithm)}, which is not an ACM key algorithm, so its strength cannot be verified.`,
          { keyAlgorithm: verdict.keyAlgorithm, unknownKeyAlgorithm: true },
        );
      case 'allowed':
        return compliant(
          `Certificate ${label} uses key algorithm ${verdict.keyAlgorithm}, which the policy allows.`,
          { keyAlgorithm: verdict.keyAlgorithm, allowedKeyAlgorithms: verdict.allowed },
        );
      case 'forbidden':
        return nonCompliant(
          `Certificate ${label} uses key algorithm ${verdict.keyAlgorithm}, which the policy does not allow (allowed: ${verdict.allowed.join(', ')}).`,
          { details: { keyAlgorithm: verdict.keyAlgorithm, allowedKeyAlgorithms: verdict.allowed } },
        );
    }
  },
});

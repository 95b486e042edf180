import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { ACM_KEY_ALGORITHMS } from '../settings.js';
import { certificateLabel, neverIssuedOutcome } from './certificate.js';

/**
 * The API enum spelling of a key algorithm: DescribeCertificate's "RSA-2048" and "EC-prime256v1" become
 * RSA_2048 and EC_prime256v1. A name ACM does not list (an EC curve such as secp224r1) keeps its spelling.
 * @internal Unit-tested directly: the key algorithm spellings DescribeCertificate writes.
 */
export function normalizeKeyAlgorithm(value: string): string {
  // Never trimmed: "RSA_2048 " is no key algorithm ACM reports.
  const underscored = value.replace(
    /^(RSA|EC)[-_ ]/i,
    (_match, family: string) => `${family.toUpperCase()}_`,
  );
  return ACM_KEY_ALGORITHMS.find((known) => known.toLowerCase() === underscored.toLowerCase()) ?? underscored;
}

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
    if (certificate.keyAlgorithm === undefined || certificate.keyAlgorithm.trim() === '') {
      return notApplicable(`Certificate ${label}: key algorithm not in the input.`);
    }

    const keyAlgorithm = normalizeKeyAlgorithm(certificate.keyAlgorithm);
    if (!(ACM_KEY_ALGORITHMS as readonly string[]).includes(keyAlgorithm)) {
      return cannotVerify(
        `Certificate ${label} has the key algorithm ${JSON.stringify(certificate.keyAlgorithm)}, which is not an ACM key algorithm, so its strength cannot be verified.`,
        { keyAlgorithm: certificate.keyAlgorithm, unknownKeyAlgorithm: true },
      );
    }
    const allowed: readonly string[] = context.policy.certificates.allowedKeyAlgorithms;
    const details = { keyAlgorithm, allowedKeyAlgorithms: [...allowed] };
    if (allowed.includes(keyAlgorithm)) {
      return compliant(
        `Certificate ${label} uses key algorithm ${keyAlgorithm}, which the policy allows.`,
        details,
      );
    }
    return nonCompliant(
      `Certificate ${label} uses key algorithm ${keyAlgorithm}, which the policy does not allow (allowed: ${allowed.join(', ')}).`,
      { details },
    );
  },
});

import { judgeKeyAlgorithm, judgeSignature } from '../../../certificates/judge.js';
import { ACM_KEY_ALGORITHMS } from '../../../certificates/settings.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { CA_CERTIFICATE, CERTIFICATE } from '../model.js';
import {
  certificateLabel,
  ROTATION_GUIDANCE,
  SUMMARY_HAS_NO_PEM,
  unknownStatusOutcome,
} from './certificate.js';

const ACM_NAMES: readonly string[] = ACM_KEY_ALGORITHMS;

export const iotCertificateStrength = defineRule({
  metadata: {
    id: 'iot-certificate-strength',
    title: 'IoT device or CA certificate with a weak key or signature',
    family: 'iot',
    resourceTypes: [CERTIFICATE, CA_CERTIFICATE],
    severity: 'high',
    description:
      'An AWS IoT device certificate or registered CA certificate (any status but REVOKED, since an inactive one can be activated again) whose key algorithm is not on the policy allow list, or whose signature uses a hash the policy forbids, read from its certificatePem. A PEM that cannot be read, or an algorithm the policy cannot name, cannot be verified.',
    rationale:
      'Whoever factors a short RSA key or forges a SHA-1 signature can impersonate the device (or, with a CA, mint devices) to AWS IoT Core, publish false data and receive its commands and jobs.',
    parameters: [
      {
        policyPath: 'certificates.allowedKeyAlgorithms',
        description:
          'Key algorithms a certificate may use, in the ACM API spelling (RSA_2048, EC_prime256v1, ...).',
      },
      {
        policyPath: 'certificates.forbiddenSignatureHashes',
        description: 'Hashes a certificate signature may not use (MD5, SHA1, ...).',
      },
    ],
    remediation: {
      guidance: `${ROTATION_GUIDANCE} For a CA certificate: register a CA with an allowed key and signature (aws iot register-ca-certificate), move the devices to certificates it signs, then deactivate the old CA (aws iot update-ca-certificate --certificate-id <id> --new-status INACTIVE).`,
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CertificateDescription.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CACertificateDescription.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate, context) {
    const label = certificateLabel(certificate);
    const unknown = unknownStatusOutcome(certificate, 'whether it can be used');
    if (unknown) return unknown;
    if (certificate.status === 'REVOKED')
      return notApplicable(`${label} is REVOKED: AWS IoT accepts it from no device.`);
    if (!certificate.described) return notApplicable(SUMMARY_HAS_NO_PEM);
    if (certificate.keyAlgorithm === undefined)
      return cannotVerify(
        `${label}: ${certificate.pemError ? `its certificatePem could not be read (${certificate.pemError})` : 'the input has no certificatePem'}, so its key and signature cannot be verified.`,
        { pemError: certificate.pemError ?? null },
      );
    const { allowedKeyAlgorithms, forbiddenSignatureHashes } = context.policy.certificates;
    const key = judgeKeyAlgorithm(certificate.keyAlgorithm, allowedKeyAlgorithms);
    const signature = judgeSignature(certificate.signatureAlgorithm, forbiddenSignatureHashes);
    const details = {
      keyAlgorithm: certificate.keyAlgorithm,
      signatureAlgorithm: certificate.signatureAlgorithm ?? null,
      // The ones a device certificate can have (judgeKeyAlgorithm reads ACM's names): not the Private CA-only ML-DSA.
      allowedKeyAlgorithms: allowedKeyAlgorithms.filter((name) => ACM_NAMES.includes(name)),
      forbiddenSignatureHashes: [...forbiddenSignatureHashes],
    };
    const failures: string[] = [];
    if (key.kind === 'forbidden')
      failures.push(
        `key algorithm ${key.keyAlgorithm}, which the policy does not allow (allowed: ${key.allowed.join(', ')})`,
      );
    if (signature.kind === 'forbidden')
      failures.push(
        `signature ${signature.signatureAlgorithm}, whose hash ${signature.forbiddenHashes.join(', ')} the policy forbids`,
      );
    if (failures.length > 0) return nonCompliant(`${label} uses ${failures.join(' and ')}.`, { details });
    const unknowns: string[] = [];
    if (key.kind !== 'allowed')
      unknowns.push(
        `its key algorithm ${JSON.stringify(certificate.keyAlgorithm)} is not one the policy can name`,
      );
    if (signature.kind !== 'allowed')
      unknowns.push(
        signature.kind === 'missing'
          ? 'its signature algorithm could not be read'
          : `no hash is known in its signature algorithm ${JSON.stringify(signature.signatureAlgorithm)}`,
      );
    if (unknowns.length > 0)
      return cannotVerify(
        `${label}: ${unknowns.join(' and ')}, so its strength cannot be verified.`,
        details,
      );
    return compliant(
      `${label} uses key algorithm ${certificate.keyAlgorithm} and signature ${certificate.signatureAlgorithm}, which the policy allows.`,
      details,
    );
  },
});

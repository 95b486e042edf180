import { judgeKeyAlgorithm } from '../../../certificates/judge.js';
import { PCA_KEY_ALGORITHMS } from '../../../certificates/settings.js';
import { cannotVerify, compliant, defineRule, nonCompliant } from '../../../rules/rule.js';
import { authorityLabel, PCA_FRAMEWORKS, statusGate } from './authority.js';

/**
 * CertificateAuthorityConfiguration.SigningAlgorithm values and the hash each signs with
 * (https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthorityConfiguration.html).
 * ML-DSA signs the message itself (FIPS 204, "pure" mode): no separate hash the policy could forbid.
 */
const SIGNING_HASHES: Readonly<Record<string, readonly string[]>> = {
  SHA256WITHECDSA: ['SHA256'],
  SHA384WITHECDSA: ['SHA384'],
  SHA512WITHECDSA: ['SHA512'],
  SHA256WITHRSA: ['SHA256'],
  SHA384WITHRSA: ['SHA384'],
  SHA512WITHRSA: ['SHA512'],
  SM3WITHSM2: ['SM3'],
  ML_DSA_44: [],
  ML_DSA_65: [],
  ML_DSA_87: [],
};

export const pcaAuthorityStrength = defineRule({
  metadata: {
    id: 'pca-authority-strength',
    title: 'Private CA with a key or signing algorithm below the policy',
    family: 'pca',
    resourceTypes: ['AWS::ACMPCA::CertificateAuthority'],
    severity: 'high',
    description:
      'An AWS Private CA whose KeyAlgorithm is not on the policy allow list, or whose SigningAlgorithm signs with a hash the policy forbids. The default list allows the post-quantum ML-DSA keys; SM2 (China Regions only) passes only when the list names it.',
    rationale:
      'Every certificate the CA issues chains to its key: a key within reach of factoring or a forbidden hash lets an attacker forge certificates the whole private PKI trusts. The algorithms are fixed at creation, so the finding lasts until a new CA replaces it.',
    parameters: [
      {
        policyPath: 'certificates.allowedKeyAlgorithms',
        description:
          'Key algorithms a certificate authority may use (RSA_2048, EC_prime256v1, ML_DSA_65, SM2, ...).',
      },
      {
        policyPath: 'certificates.forbiddenSignatureHashes',
        description: 'Hashes a certificate authority must not sign with.',
      },
    ],
    remediation: {
      guidance:
        'The algorithms of a Private CA cannot be changed: create a new CA with an allowed key algorithm and signing algorithm (aws acm-pca create-certificate-authority), reissue the certificates the old CA signed from it, then disable and delete the old CA (aws acm-pca update-certificate-authority --status DISABLED, then delete-certificate-authority).',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthorityConfiguration.html',
      'https://docs.aws.amazon.com/privateca/latest/userguide/supported-algorithms.html',
      'https://docs.aws.amazon.com/privateca/latest/userguide/ca-lifecycle.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: PCA_FRAMEWORKS },
  },
  evaluate(authority, context) {
    const gate = statusGate(
      authority,
      ['CREATING', 'PENDING_CERTIFICATE', 'ACTIVE', 'DISABLED', 'EXPIRED'],
      'the strength of its algorithms',
    );
    if (gate) return gate;
    const label = authorityLabel(authority);
    const { keyAlgorithm, signingAlgorithm } = authority;
    const policy = context.policy.certificates;
    const key = judgeKeyAlgorithm(keyAlgorithm, policy.allowedKeyAlgorithms, PCA_KEY_ALGORITHMS);
    const hashes = signingAlgorithm === undefined ? undefined : SIGNING_HASHES[signingAlgorithm];
    const details = { keyAlgorithm: keyAlgorithm ?? null, signingAlgorithm: signingAlgorithm ?? null };

    if (key.kind === 'missing' || key.kind === 'unknown') {
      const said =
        key.kind === 'missing'
          ? 'no KeyAlgorithm in the input'
          : `the KeyAlgorithm ${JSON.stringify(key.keyAlgorithm)}, which is not a Private CA key algorithm`;
      return cannotVerify(`Private CA ${label} has ${said}, so its key strength cannot be verified.`, {
        ...details,
        unknownKeyAlgorithm: true,
      });
    }
    if (hashes === undefined) {
      const said =
        signingAlgorithm === undefined
          ? 'no SigningAlgorithm in the input'
          : `the SigningAlgorithm ${JSON.stringify(signingAlgorithm)}, which is not a Private CA signing algorithm`;
      return cannotVerify(`Private CA ${label} has ${said}, so its signature strength cannot be verified.`, {
        ...details,
        unknownSigningAlgorithm: true,
      });
    }
    const forbiddenHashes = hashes.filter((hash) => policy.forbiddenSignatureHashes.includes(hash as never));
    const problems = [
      ...(key.kind === 'forbidden'
        ? [
            `key algorithm ${key.keyAlgorithm}, which the policy does not allow (allowed: ${key.allowed.join(', ')})`,
          ]
        : []),
      ...(forbiddenHashes.length > 0
        ? [
            `signing algorithm ${signingAlgorithm}, whose hash ${forbiddenHashes.join(', ')} the policy forbids`,
          ]
        : []),
    ];
    if (problems.length > 0) {
      return nonCompliant(`Private CA ${label} uses ${problems.join(' and ')}.`, {
        details: { ...details, forbiddenHashes },
      });
    }
    return compliant(
      `Private CA ${label} uses key algorithm ${key.keyAlgorithm} and signing algorithm ${signingAlgorithm}, which the policy allows.`,
      { ...details, hashes: [...hashes] },
    );
  },
});

/**
 * The policy file's `certificates` section, read by every certificate source (ACM, IAM, Private CA, ...): expiry
 * warning, the certificate authorities' expiry warning, allowed key algorithms, forbidden signature hashes.
 */
import { z } from 'zod';
import { noRepeats } from '../policy/no-repeats.js';

export const ACM_KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;
/**
 * Private CA KeyAlgorithm values (CertificateAuthorityConfiguration,
 * https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthorityConfiguration.html): ACM's
 * but RSA_1024, plus the post-quantum ML-DSA levels and SM2.
 */
export const PCA_KEY_ALGORITHMS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'SM2',
] as const;
/** Every key algorithm the policy may allow: ACM's and Private CA's. */
const KEY_ALGORITHMS = [...ACM_KEY_ALGORITHMS, 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'SM2'] as const;
const SIGNATURE_HASHES = ['MD2', 'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;

export const certificateSettings = z
  .object({
    expiryDays: z.number().int().min(1).max(397).default(30),
    // A CA's own certificate lives years (Private CA allows up to its parent's validity): a year's warning leaves
    // time to create a successor and reissue what it signed before everything it issued expires with it.
    authorityExpiryDays: z.number().int().min(1).max(3650).default(365),
    allowedKeyAlgorithms: z
      .array(z.enum(KEY_ALGORITHMS))
      .min(1)
      .superRefine(noRepeats)
      // ML-DSA (FIPS 204, post-quantum; a Private CA's only alternative to RSA and EC) is no weak key: even
      // ML_DSA_44 (NIST category 2) outlasts RSA_2048. SM2 stays opt-in: a Chinese national algorithm outside
      // NIST's and most TLS clients' lists, which Private CA offers only in the China Regions
      // (https://docs.amazonaws.cn/en_us/aws/latest/userguide/privateca.html). ACM and IoT certificates cannot
      // carry either, and their findings list only the allowed algorithms they can have (judgeKeyAlgorithm).
      .default(PCA_KEY_ALGORITHMS.filter((algorithm) => algorithm !== 'SM2')),
    forbiddenSignatureHashes: z
      .array(z.enum(SIGNATURE_HASHES))
      .superRefine(noRepeats)
      .default(['MD2', 'MD5', 'SHA1']),
  })
  .strict()
  .prefault({});

/** The policy file's `certificates` section: expiry warning, allowed key algorithms, forbidden signature hashes. */
import { z } from 'zod';
import { noRepeats } from '../../policy/no-repeats.js';

export const ACM_KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;
const SIGNATURE_HASHES = ['MD2', 'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;

export const certificateSettings = z
  .object({
    expiryDays: z.number().int().min(1).max(397).default(30),
    allowedKeyAlgorithms: z
      .array(z.enum(ACM_KEY_ALGORITHMS))
      .min(1)
      .superRefine(noRepeats)
      .default(['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1']),
    forbiddenSignatureHashes: z
      .array(z.enum(SIGNATURE_HASHES))
      .superRefine(noRepeats)
      .default(['MD2', 'MD5', 'SHA1']),
  })
  .strict()
  .prefault({});

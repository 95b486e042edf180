/** The policy file's `directConnect` section: the MACsec encryption mode the Direct Connect rules require. */
import { z } from 'zod';

export const DX_ENCRYPTION_MODES = ['no_encrypt', 'should_encrypt', 'must_encrypt'] as const;

export const directConnectSettings = z
  .object({
    requiredEncryptionMode: z.enum(DX_ENCRYPTION_MODES).default('must_encrypt'),
  })
  .strict()
  .prefault({});

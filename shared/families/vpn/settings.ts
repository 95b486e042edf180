/** The policy file's `vpn` section: what the VPN rules allow and how long remediation waits for a tunnel. */
import { z } from 'zod';
import { noRepeats } from '../../policy/no-repeats.js';

export const IKE_VERSIONS = ['ikev1', 'ikev2'] as const;
export const VPN_ENCRYPTION_ALGORITHMS = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'] as const;
export const VPN_INTEGRITY_ALGORITHMS = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
export const VPN_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;

export const vpnSettings = z
  .object({
    allowedIkeVersions: z.array(z.enum(IKE_VERSIONS)).min(1).superRefine(noRepeats).default(['ikev2']),
    allowedEncryptionAlgorithms: z
      .array(z.enum(VPN_ENCRYPTION_ALGORITHMS))
      .min(1)
      .superRefine(noRepeats)
      .default(['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16']),
    allowedIntegrityAlgorithms: z
      .array(z.enum(VPN_INTEGRITY_ALGORITHMS))
      .min(1)
      .superRefine(noRepeats)
      .default(['SHA2-256', 'SHA2-384', 'SHA2-512']),
    allowedDHGroups: z
      .array(z.literal(VPN_DH_GROUPS))
      .min(1)
      .superRefine(noRepeats)
      .default([14, 15, 16, 17, 18, 19, 20, 21, 23, 24]),
    /** How long remediation waits for a changed tunnel to come back UP before it stops. */
    // Two tunnels, one after the other, must fit in one 15-minute Lambda invocation with time to verify.
    tunnelUpTimeoutMinutes: z.number().int().min(1).max(6).default(6),
  })
  .strict()
  .prefault({});

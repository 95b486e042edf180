import { z } from 'zod';
import { RULE_MODES } from '../model/evaluation.js';
import { didYouMean } from './suggest.js';

/** TLS protocol versions in ascending order, spelled as the ELB APIs spell them. */
export const TLS_VERSIONS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/**
 * Cipher classes: every cipher suite belongs to exactly one (see shared/tls/ciphers.ts).
 * - tls13: a TLS 1.3 suite (always ephemeral key exchange and AEAD)
 * - ecdhe-aead: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305
 * - ecdhe-cbc-sha2 / ecdhe-cbc-sha1: ECDHE with a CBC cipher and an HMAC-SHA2 / HMAC-SHA1 MAC
 * - dhe-aead / dhe-cbc: finite-field DHE key exchange
 * - rsa-aead / rsa-cbc: static RSA key transport (no forward secrecy)
 * - legacy: 3DES, RC4, DES, export, NULL, MD5, anonymous suites
 */
export const CIPHER_CLASSES = [
  'tls13',
  'ecdhe-aead',
  'ecdhe-cbc-sha2',
  'ecdhe-cbc-sha1',
  'dhe-aead',
  'dhe-cbc',
  'rsa-aead',
  'rsa-cbc',
  'legacy',
] as const;

export const IKE_VERSIONS = ['ikev1', 'ikev2'] as const;
export const VPN_ENCRYPTION_ALGORITHMS = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'] as const;
export const VPN_INTEGRITY_ALGORITHMS = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
export const VPN_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const DX_ENCRYPTION_MODES = ['no_encrypt', 'should_encrypt', 'must_encrypt'] as const;
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

const isoDate = z.iso.date().or(z.iso.datetime({ offset: true }));

const ruleSettings = z
  .object({
    mode: z.enum(RULE_MODES).optional(),
  })
  .strict();

/**
 * A list setting that names each value once. A repeated value would reach the API calls remediation makes
 * (ModifyVpnTunnelOptions takes the lists as they are) and is most likely a typo for another value.
 */
function noRepeats<T>(values: readonly T[], ctx: z.RefinementCtx): void {
  const seen = new Set<T>();
  values.forEach((value, index) => {
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', message: `${String(value)} is listed twice`, path: [index] });
    seen.add(value);
  });
}

const exemptionSchema = z
  .object({
    /** The resource's ARN or id (vpn-..., dxcon-...). */
    resource: z.string().min(1),
    /** Rule ids, or "all". */
    rules: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    reason: z.string().min(1),
    expires: isoDate,
  })
  .strict();

/** What a resource's `transit-guard:exempt` tag may do: exempt it (`allow`), or nothing (`deny`). */
const EXEMPTION_TAG_MODES = ['allow', 'deny'] as const;

const exemptionList = z.array(exemptionSchema);

/** `exemptions` as a mapping: the tag exemption settings and the per-resource exemptions. */
const exemptionSettingsSchema = z
  .object({
    /** `deny`: the tag exempts nothing, and plans say the tag was refused. */
    tags: z.enum(EXEMPTION_TAG_MODES).default('allow'),
    /**
     * The longest a tag exemption may run: its expiry at most this many days after today (UTC), counted from
     * now because the tag carries no creation date. The policy's own `resources` are reviewed code: no limit.
     */
    maxDays: z.number().int().min(1).max(3650).default(90),
    /** Principal ARN patterns (IAM wildcards) the generated SCP lets set or remove the tag; no one else may. */
    tagPrincipals: z.array(z.string().min(1)).superRefine(noRepeats).default([]),
    /** The per-resource exemptions (what a list under `exemptions` holds). */
    resources: exemptionList.default([]),
  })
  .strict();

/**
 * `exemptions` as the list of per-resource exemptions (the original form, still accepted) or as the mapping
 * above. The form is chosen by shape, not by a union, so each form's errors point at the field that is wrong.
 */
const exemptionsSetting = z
  .custom<z.input<typeof exemptionSettingsSchema> | z.input<typeof exemptionList>>()
  .transform((value, ctx) => {
    const parsed = exemptionSettingsSchema.safeParse(Array.isArray(value) ? { resources: value } : value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      // The list form's entries are at exemptions[i], not at exemptions.resources[i].
      const path = Array.isArray(value) ? issue.path.slice(1) : issue.path;
      if (issue.code === 'unrecognized_keys') {
        // The policy loader cannot see through this transform to list the settings that exist.
        const allowed = Object.keys(
          (issue.path.length === 0 ? exemptionSettingsSchema : exemptionSchema).shape,
        );
        for (const key of issue.keys) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, key],
            message: `unknown setting${didYouMean(key, allowed)}; allowed settings: ${allowed.join(', ')}`,
          });
        }
      } else if (issue.path.length === 0) {
        ctx.addIssue(
          'expected a list of exemptions, or a mapping of tags, maxDays, tagPrincipals and resources',
        );
      } else {
        ctx.addIssue({ ...issue, path } as Parameters<typeof ctx.addIssue>[0]);
      }
    }
    return z.NEVER;
  });

export const policySchema = z
  .object({
    version: z.literal(1).default(1),
    /** Plan and report every action without calling a write API. */
    dryRun: z.boolean().default(true),
    tls: z
      .object({
        minimumVersion: z.enum(TLS_VERSIONS).default('TLSv1.2'),
        allowedCipherClasses: z
          .array(z.enum(CIPHER_CLASSES))
          .min(1)
          .superRefine(noRepeats)
          .default(['tls13', 'ecdhe-aead']),
        targetPolicy: z.string().min(1).default('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
        targetFipsPolicy: z.string().min(1).default('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04'),
        /** NLB ports where TCP is allowed because TLS passes through to the targets. */
        tlsPassthroughPorts: z.array(z.number().int().min(1).max(65535)).superRefine(noRepeats).default([]),
      })
      .strict()
      .prefault({}),
    vpn: z
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
      .prefault({}),
    directConnect: z
      .object({
        requiredEncryptionMode: z.enum(DX_ENCRYPTION_MODES).default('must_encrypt'),
      })
      .strict()
      .prefault({}),
    certificates: z
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
      .prefault({}),
    rules: z.record(z.string(), ruleSettings).default({}),
    exemptions: exemptionsSetting.prefault([]),
    sweep: z
      .object({
        /**
         * Where the scheduled sweep reads: 'describe' (the describe/list APIs: everything the rules use), or
         * 'config' (one AWS Config advanced query per 100 resources where a recording recorder records the
         * types, the describe APIs for the rest: far fewer calls, but Config items carry no listener rules and
         * no negotiated tunnel crypto, so those two checks have less to go on).
         */
        inventory: z.enum(['describe', 'config']).default('describe'),
      })
      .strict()
      .prefault({}),
    slack: z
      .object({
        reminderIntervalHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .default(24),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** @internal The policy file as written (before defaults): tests write their policies with it. */
export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type CipherClass = (typeof CIPHER_CLASSES)[number];
export type TlsVersion = (typeof TLS_VERSIONS)[number];

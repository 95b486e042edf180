import { z } from 'zod';
import { FAMILY_SETTINGS } from '../families/settings.js';
import { RULE_MODES, SEVERITIES, type Severity } from '../model/evaluation.js';
import { noRepeats } from './no-repeats.js';
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

const isoDate = z.iso.date().or(z.iso.datetime({ offset: true }));

const ruleSettings = z
  .object({
    mode: z.enum(RULE_MODES).optional(),
  })
  .strict();

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

/** Hours between two reminders of one finding: from an hour to 30 days. */
const reminderHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 30);

/** The default reminder interval of each severity, in hours: critical daily, low weekly. */
export const SLACK_REMINDER_HOURS: Record<Severity, number> = {
  critical: 24,
  high: 48,
  medium: 72,
  low: 168,
  info: 168,
};

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
        /**
         * The ELBv2 remediation targets. Unset: automatic (shared/families/elbv2/targets.ts), i.e.
         * ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 where the load balancer type takes it, else -Res-2021-06;
         * FIPS: -Res-FIPS-2023-04; under postQuantum: require only the PQ variants.
         */
        targetPolicy: z.string().min(1).optional(),
        targetFipsPolicy: z.string().min(1).optional(),
        /** NLB ports where TCP is allowed because TLS passes through to the targets. */
        tlsPassthroughPorts: z.array(z.number().int().min(1).max(65535)).superRefine(noRepeats).default([]),
        /**
         * Hybrid post-quantum (ML-KEM) key exchange: 'ignore' it, 'report' it (a note in each TLS finding and the
         * KPI), or 'require' it (every *-tls-policy rule fails a security policy without it).
         */
        postQuantum: z.enum(['ignore', 'report', 'require']).default('report'),
        /**
         * Whether the hop from a load balancer to its targets must be encrypted too ('required' raises
         * elbv2-target-group-plaintext to medium).
         */
        endToEnd: z.enum(['optional', 'required']).default('optional'),
      })
      .strict()
      .prefault({}),
    /** Each family's own section (its settings.ts), listed in shared/families/settings.ts. */
    ...FAMILY_SETTINGS,
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
        /** Findings below this severity are recorded (and counted in the sweep digest) but never posted. */
        minSeverity: z.enum(SEVERITIES).default('low'),
        /**
         * A run with more Slack messages than this posts one digest instead (the first sweep always does), so
         * a first sweep of a large account is one message, not hundreds.
         */
        digestThreshold: z.number().int().min(1).max(1000).default(20),
        /** Hours between reminders of a finding still open, per severity (defaults: SLACK_REMINDER_HOURS). */
        reminders: z
          .object({
            critical: reminderHours.optional(),
            high: reminderHours.optional(),
            medium: reminderHours.optional(),
            low: reminderHours.optional(),
            info: reminderHours.optional(),
          })
          .strict()
          .prefault({}),
        /** Deprecated: the reminder interval of every severity that `reminders` does not name. */
        reminderIntervalHours: reminderHours.optional(),
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

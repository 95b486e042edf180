/**
 * The report facet of a family (Family.report): how the reports show its resources. The core reports iterate
 * FAMILIES and name no family; this module holds the facet's types and the KPIs several families count towards.
 * It imports no family, so a family's report.ts can import it without a cycle.
 */
import type { ParsedArn } from '../aws/arn.js';
import type { ResourceType } from '../model/resource.js';
import type { Policy } from '../policy/schema.js';

/** A share of resources one or more families' rules judge: summary.kpis[key], a table row, a digest line. */
export interface ShareKpi {
  kind: 'share';
  /** The key in summary.kpis of the JSON report. */
  key: string;
  /** The table's row label. */
  label: string;
  /** The Slack digest's line label. */
  digestLabel: string;
  /**
   * In scope when any rule judged the resource, not only one of this KPI's rules: an HTTPS listener is
   * NOT_APPLICABLE to the plaintext rules yet encrypts.
   */
  anyRuleJudges?: true;
  /**
   * Counted from every evaluation whose details[detail] is a boolean (true: compliant, false: not), whatever
   * its rule: a detail KPI lists no rules, so its detail's name must be one only the rules it counts say.
   * Evaluations without the detail leave a resource out.
   */
  detail?: string;
}

/** How many evaluations of its rules are NON_COMPLIANT, within the policy's expiry window: { count, withinDays }. */
interface ExpiringKpi {
  kind: 'expiring';
  key: string;
  /** The table's row label and the digest's line label: "Certificates expiring within 30 days". */
  label(withinDays: number): string;
  /** The expiry window the policy sets, in days (a setting of the family's policy section). */
  withinDays(policy: Policy): number;
}

export type KpiDefinition = ShareKpi | ExpiringKpi;

/** A KPI and the family's rules that count towards it. */
export interface FamilyKpi {
  kpi: KpiDefinition;
  rules: readonly string[];
}

/** A resource the console link is asked for, its region and ARN already checked and parsed. */
interface ConsoleTarget {
  resourceType: ResourceType;
  resourceId: string;
  /** The resource id as an ARN, when it is one. */
  arn?: ParsedArn;
  /** A valid region name. */
  region: string;
  partition: string;
  /** https://<region>.console.aws.amazon.com (or the partition's console). */
  origin: string;
  /** `?region=<region>`. */
  query: string;
  /** As given (not checked). */
  accountId?: string;
}

export interface FamilyReport {
  /** What its resources are called in "nothing to evaluate: no ...": "VPN connection". */
  resourceNoun: string;
  /** A deep link to the resource's page in the AWS console, or undefined when the id lacks what it needs. */
  consoleLink(target: ConsoleTarget): string | undefined;
  /** The KPIs its rules count towards, in the order the reports show them. */
  kpis: readonly FamilyKpi[];
  /**
   * API input and tag keys that hold its secrets, redacted in Slack messages: tested against the key in lower
   * case, letters only ("PreSharedKey" -> "presharedkey"). No `g` flag (test() would keep state).
   */
  secretKeys?: RegExp;
  /**
   * The AWS Security Finding Format resource type (Resources[].Type) of each of its resource types that ASFF has
   * one for (https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources.html); the others are "Other".
   */
  asffResourceTypes?: Readonly<Record<string, string>>;
}

/** The last path segment after `prefix` in an ARN resource ("certificate/abc" -> "abc"). */
export function afterPrefix(resource: string, prefix: string): string | undefined {
  return resource.startsWith(prefix) ? resource.slice(prefix.length) : undefined;
}

/*
 * The KPIs of listeners, which several families share (each lists its own rules towards them).
 */

export const LISTENERS_ENCRYPTED: ShareKpi = {
  kind: 'share',
  key: 'listenersEncrypted',
  label: 'Listeners encrypted',
  digestLabel: 'Listeners that encrypt',
  anyRuleJudges: true,
};

export const TLS_ENDPOINTS_MIN_VERSION: ShareKpi = {
  kind: 'share',
  key: 'tlsEndpointsTls12Plus',
  label: 'TLS endpoints at the minimum TLS version or newer',
  digestLabel: 'TLS endpoints on TLS 1.2+',
};

export const TLS_ENDPOINTS_STRONG_CIPHERS: ShareKpi = {
  kind: 'share',
  key: 'tlsEndpointsStrongCiphers',
  label: 'TLS endpoints with allowed ciphers only',
  digestLabel: 'TLS endpoints with strong ciphers only',
};

/**
 * Generic: every TLS-policy rule's evaluation says details.postQuantum (shared/tls/post-quantum.ts), so this KPI
 * counts all TLS families without any of them listing it. Not counted under tls.postQuantum: ignore.
 */
export const TLS_ENDPOINTS_POST_QUANTUM: ShareKpi = {
  kind: 'share',
  key: 'tlsEndpointsPostQuantum',
  label: 'TLS endpoints offering post-quantum key exchange',
  digestLabel: 'TLS endpoints with post-quantum key exchange',
  detail: 'postQuantum',
};

/**
 * The preventive control: a Service Control Policy that denies creating the configurations the policy
 * file's rules would flag, derived from the same policy (rules in mode `off` add nothing). Each family gives
 * its statements (Family.deployment.scp, with the condition keys AWS names for its actions); this module adds
 * the tag guards and packs the documents.
 *
 * A key the request does not carry is absent: ForAnyValue:StringEquals is then false, so a ModifyListener
 * without Protocol (changing only the default action, as remediation does) is not denied by the protocol
 * statement; a Null condition denies only where absence itself is the weak choice (a TLS listener created or
 * switched to HTTPS/TLS without a security policy, a VPN created with AWS's default for an option list).
 * Null conditions in one statement are ANDed, so each key whose absence is weak has a statement of its own.
 *
 * The tag guards (the Service Authorization Reference page of each family's service; global keys aws:TagKeys
 * and aws:PrincipalArn): aws:TagKeys holds the tag keys of a request, those set and those removed. Tag-on-create
 * is authorized as tagging too (each family's deployment.ts says how its service does it); the guards name whole
 * services, so a create action that takes aws:TagKeys itself is covered too.
 */

import { FAMILIES, type Family } from '../families/index.js';
import { modeFor } from '../policy/mode.js';
import type { Policy } from '../policy/schema.js';
import { EXEMPT_TAG } from '../response/exemptions.js';
import { findRule } from '../rules/index.js';
import type { TlsCatalog } from '../tls/catalog.js';
import { createTlsCatalog } from '../tls/policies.js';
import type { ScpCondition, ScpContext, ScpStatement } from './family-deployment.js';

/** AWS Organizations refuses an SCP longer than this (characters, whitespace included). */
export const SCP_MAX_CHARACTERS = 5120;

/**
 * The escape for plaintext listeners that are meant to be there (an HTTP:80 listener that only redirects
 * to HTTPS; an NLB port that passes TLS through): a principal with this tag set to "true" (the pipeline that
 * deploys them) may create them, and so may anyone on a load balancer or listener carrying the resource tag.
 * No condition key tells a redirect from a forward, so the escape is a tag the organization controls.
 */
export const DEFAULT_PRINCIPAL_EXCEPTION_TAG = 'transit-guard:scp-exempt';
export const DEFAULT_PLAINTEXT_EXCEPTION_TAG = 'transit-guard:allow-plaintext';

export interface ServiceControlPolicy {
  Version: '2012-10-17';
  Statement: ScpStatement[];
}

export interface ScpOptions {
  /** Defaults to the bundled TLS policy data. */
  catalog?: TlsCatalog;
  /** Tag keys of the plaintext-listener escape (value "true"); defaults above. */
  principalExceptionTag?: string;
  plaintextExceptionTag?: string;
}

function ruleIsOn(policy: Policy, ruleId: string): boolean {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`rule ${ruleId} is not in the catalog`);
  return modeFor(rule.metadata, policy) !== 'off';
}

/** The services of the families' resources, each once, as `<service>:*` actions. */
function wholeServices(families: readonly Family[]): string[] {
  return [...new Set(families.flatMap((family) => family.deployment?.services ?? []))].map(
    (service) => `${service}:*`,
  );
}

/** Builds the SCP for a policy. Statements whose rule is off, or that would deny nothing, are left out. */
export function buildServiceControlPolicy(policy: Policy, options: ScpOptions = {}): ServiceControlPolicy {
  const catalog = options.catalog ?? createTlsCatalog();
  const principalTag = `aws:PrincipalTag/${options.principalExceptionTag ?? DEFAULT_PRINCIPAL_EXCEPTION_TAG}`;
  const plaintextTag = options.plaintextExceptionTag ?? DEFAULT_PLAINTEXT_EXCEPTION_TAG;
  // Negated operators are true when the key is absent: untagged principals and resources are bound.
  const unlessExemptPrincipal = { StringNotEquals: { [principalTag]: 'true' } };
  const unlessExempt = {
    StringNotEquals: { [principalTag]: 'true', [`aws:ResourceTag/${plaintextTag}`]: 'true' },
  };
  const statements: ScpStatement[] = [];
  const deny = (Sid: string, Action: string[], Condition: ScpCondition) =>
    statements.push({ Sid, Effect: 'Deny', Action, Resource: '*', Condition });
  const context: ScpContext = {
    policy,
    catalog,
    ruleIsOn: (ruleId) => ruleIsOn(policy, ruleId),
    unlessExempt,
  };

  // First the statements that honour the exception tags, then the others, each in registry order.
  const exceptionTagged: Family[] = [];
  for (const family of FAMILIES) {
    const own = family.deployment?.scp?.exceptionTagged?.(context) ?? [];
    statements.push(...own);
    if (own.length > 0) exceptionTagged.push(family);
  }
  for (const family of FAMILIES) statements.push(...(family.deployment?.scp?.statements?.(context) ?? []));

  if (exceptionTagged.length > 0) {
    // Only exempt principals may set or remove the resource exception tag (tag-on-create included).
    deny('ExceptionTagGuard', wholeServices(exceptionTagged), {
      'ForAnyValue:StringEquals': { 'aws:TagKeys': [plaintextTag] },
      ...unlessExemptPrincipal,
    });
  }
  // A resource owner must not exempt their own resource: only the principals the policy names may set or remove
  // the exempt tag (no one in the member accounts when it names none).
  // Every action of every service: only tagging requests and creations with tags carry aws:TagKeys, and no one
  // outside transit-guard needs its exempt tag. One "*" also keeps the guard's length fixed as families are added
  // (the default SCP fills its 5,120-character document).
  deny('ExemptTagGuard', ['*'], {
    'ForAnyValue:StringEquals': { 'aws:TagKeys': [EXEMPT_TAG] },
    ...(policy.exemptions.tagPrincipals.length > 0
      ? { ArnNotLike: { 'aws:PrincipalArn': policy.exemptions.tagPrincipals } }
      : {}),
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** The SCP as AWS Organizations counts it: minified JSON. */
export function serializeServiceControlPolicy(scp: ServiceControlPolicy): string {
  return JSON.stringify(scp);
}

/**
 * The SCP as documents AWS Organizations accepts: the statements, in order, packed into documents of at most
 * maxCharacters each (minified); one document when the whole fits. Every statement is a Deny that stands on its own, so a request is denied by
 * the split documents, attached together, exactly when it is denied by the whole. Throws when one statement
 * alone is longer than the limit.
 */
export function splitServiceControlPolicy(
  scp: ServiceControlPolicy,
  maxCharacters: number = SCP_MAX_CHARACTERS,
): ServiceControlPolicy[] {
  const documents: ServiceControlPolicy[] = [];
  let current: ServiceControlPolicy = { Version: scp.Version, Statement: [] };
  for (const statement of scp.Statement) {
    const candidate = { Version: scp.Version, Statement: [...current.Statement, statement] };
    if (serializeServiceControlPolicy(candidate).length <= maxCharacters) {
      current = candidate;
      continue;
    }
    const alone = { Version: scp.Version, Statement: [statement] };
    if (serializeServiceControlPolicy(alone).length > maxCharacters) {
      throw new Error(`SCP statement ${statement.Sid} alone is longer than ${maxCharacters} characters`);
    }
    if (current.Statement.length > 0) documents.push(current);
    current = alone;
  }
  documents.push(current);
  return documents;
}

/** What the policy asks for that an SCP cannot express, for the command to tell the user. */
export function serviceControlPolicyLimits(policy: Policy): string[] {
  const limits: string[] = [];
  if (policy.tls.tlsPassthroughPorts.length > 0) {
    limits.push(
      `tls.tlsPassthroughPorts (${policy.tls.tlsPassthroughPorts.join(', ')}): an SCP cannot see the listener port; ` +
        `tag those load balancers with the plaintext exception tag instead`,
    );
  }
  if (policy.exemptions.resources.length > 0) {
    limits.push(
      `exemptions (${policy.exemptions.resources.length}) are not carried into the SCP; tag exempt resources or principals instead`,
    );
  }
  return limits;
}

/**
 * Builders for the ACM certificate rule tests, in the normalized model. Values follow what ACM's
 * DescribeCertificate returns (key algorithms already in the API enum spelling, as normalizers leave them).
 */
import type { AcmCertificate } from '../../shared/families/acm/model.js';
import type { PolicyInput } from '../../shared/policy/schema.js';
import type { RuleContext } from '../../shared/rules/rule.js';
import { ruleContext } from './rule-context.js';

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
const DAY_MS = 86_400_000;

/** The clock of every ACM test. */
const NOW = new Date('2026-11-22T00:00:00.000Z');

export const ALB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/web/50dc6c495c0c9188`;
export const DISTRIBUTION_ARN = `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/E3IM41Z1TUORKF`;

export function acmRuleContext(policy: PolicyInput = {}, now: Date = NOW): RuleContext {
  return ruleContext(policy, now);
}

/** ISO 8601 instant `days` (fractions allowed, negative for the past) away from NOW. */
export function daysFromNow(days: number): string {
  return new Date(NOW.getTime() + days * DAY_MS).toISOString();
}

function certificateArn(id: string): string {
  return `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${id}`;
}

function baseCertificate(id: string, domainName: string): AcmCertificate {
  const arn = certificateArn(id);
  return {
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    arn,
    certificateArn: arn,
    name: domainName,
    domainName,
    accountId: ACCOUNT_ID,
    region: REGION,
    tags: {},
    source: 'api:DescribeCertificate',
  };
}

/** A public, DNS-validated certificate on an ALB, far from expiry: passes every ACM rule. */
export function amazonIssuedCertificate(overrides: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    ...baseCertificate('291f52cc-1817-469f-918a-cccbb4f9a5fb', 'www.example.com'),
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    signatureAlgorithm: 'SHA256WITHRSA',
    notBefore: '2026-06-01T00:00:00.000Z',
    notAfter: '2027-06-30T23:59:59.000Z',
    inUseBy: [ALB_ARN],
    renewalEligibility: 'ELIGIBLE',
    transparencyLoggingPreference: 'ENABLED',
    ...overrides,
  };
}

/** A certificate from an outside CA, imported into ACM: ACM reports it INELIGIBLE for renewal. */
export function importedCertificate(overrides: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    ...baseCertificate('7e4c1a2b-93d5-4f60-b8a1-0c2d3e4f5a6b', 'legacy.example.com'),
    type: 'IMPORTED',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    signatureAlgorithm: 'SHA256WITHRSA',
    notBefore: '2026-01-15T00:00:00.000Z',
    notAfter: '2027-01-15T23:59:59.000Z',
    inUseBy: [],
    renewalEligibility: 'INELIGIBLE',
    ...overrides,
  };
}

/** A certificate signed by an AWS Private CA, requested through ACM and in use: eligible for renewal. */
export function privateCertificate(overrides: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    ...baseCertificate('c0ffee00-5a5a-4b4b-9c9c-123456789abc', 'api.corp.example.com'),
    type: 'PRIVATE',
    status: 'ISSUED',
    keyAlgorithm: 'EC_prime256v1',
    signatureAlgorithm: 'SHA256WITHECDSA',
    notBefore: '2026-03-01T00:00:00.000Z',
    notAfter: '2027-03-01T23:59:59.000Z',
    inUseBy: [ALB_ARN],
    renewalEligibility: 'ELIGIBLE',
    ...overrides,
  };
}

/**
 * A certificate of `scope`'s account and region named by `id`, in use by nothing and far from expiry: it passes
 * every ACM rule until `overrides` say otherwise (the Slack and sweep tests build their findings from it).
 */
export function certificateIn(
  scope: { accountId: string; region: string },
  id: string,
  overrides: Partial<AcmCertificate> = {},
): AcmCertificate {
  const arn = `arn:aws:acm:${scope.region}:${scope.accountId}:certificate/${id}`;
  return {
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    certificateArn: arn,
    accountId: scope.accountId,
    region: scope.region,
    tags: {},
    source: 'test',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    signatureAlgorithm: 'SHA256WITHRSA',
    notAfter: '2027-10-01T00:00:00.000Z',
    inUseBy: [],
    ...overrides,
  };
}

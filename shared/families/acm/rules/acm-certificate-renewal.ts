import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { certificateLabel, IN_USE_NOT_GIVEN, knownInUse, unknownStatusOutcome } from './certificate.js';

/** RenewalSummary.RenewalStatus and RenewalEligibility, as ACM writes them (compared exactly). */
const RENEWAL_STATUSES: readonly string[] = [
  'PENDING_AUTO_RENEWAL',
  'PENDING_VALIDATION',
  'SUCCESS',
  'FAILED',
];
const ELIGIBILITIES: readonly string[] = ['ELIGIBLE', 'INELIGIBLE'];

export const acmCertificateRenewal = defineRule({
  metadata: {
    id: 'acm-certificate-renewal',
    title: 'ACM managed renewal failing',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'high',
    description:
      'An issued ACM certificate whose managed renewal FAILED or waits in PENDING_VALIDATION, or that is in use while ACM reports it INELIGIBLE for renewal.',
    rationale:
      'When managed renewal stalls nothing replaces the certificate before NotAfter: the load balancers and distributions using it start failing TLS handshakes on the day it expires.',
    parameters: [],
    remediation: {
      guidance:
        'Read the renewal status reason: restore the DNS validation CNAME records or answer the validation emails, fix CAA records that exclude Amazon, or request a new certificate if the old one cannot be renewed.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
      'https://docs.aws.amazon.com/acm/latest/userguide/check-certificate-renewal-status.html',
      'https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-renewal.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_RenewalSummary.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate) {
    const label = certificateLabel(certificate);
    const { type, status, renewalEligibility } = certificate;
    // ACM never renews imported certificates (they are always INELIGIBLE); acm-certificate-expiry tracks them, at high severity.
    if (type === 'IMPORTED') {
      return notApplicable(
        `Certificate ${label} is imported: ACM never renews it, so acm-certificate-expiry tracks its expiry instead.`,
      );
    }
    const unknown = unknownStatusOutcome(certificate, 'whether managed renewal applies');
    if (unknown) return unknown;
    if (status !== undefined && status !== 'ISSUED') {
      return notApplicable(
        `Certificate ${label} has status ${status}: managed renewal applies only to issued certificates.`,
      );
    }

    const used = knownInUse(certificate);
    const inUse = used === true;
    const renewalStatus = certificate.renewalSummary?.renewalStatus;
    const renewalStatusReason = certificate.renewalSummary?.renewalStatusReason;
    const details = { renewalStatus, renewalStatusReason, renewalEligibility, inUse, type };
    const because = renewalStatusReason ? ` (${renewalStatusReason})` : '';

    if (renewalStatus === 'FAILED') {
      return nonCompliant(
        `Managed renewal of certificate ${label} failed${because}: it will expire unless the cause is fixed or it is replaced.`,
        { details },
      );
    }
    if (renewalStatus === 'PENDING_VALIDATION') {
      return nonCompliant(
        `Managed renewal of certificate ${label} waits for domain validation${because}: ACM cannot renew it until the domains validate.`,
        { details },
      );
    }
    if (renewalStatus !== undefined && !RENEWAL_STATUSES.includes(renewalStatus)) {
      return cannotVerify(
        `Certificate ${label} has the renewal status ${JSON.stringify(renewalStatus)}, which is not an ACM renewal status, so the state of its managed renewal cannot be verified.`,
        { renewalStatus, renewalEligibility, unknownRenewalStatus: true },
      );
    }
    if (renewalEligibility !== undefined && !ELIGIBILITIES.includes(renewalEligibility)) {
      return cannotVerify(
        `Certificate ${label} has the renewal eligibility ${JSON.stringify(renewalEligibility)}, which ACM does not have (${ELIGIBILITIES.join(', ')}), so whether anything renews it cannot be verified.`,
        { renewalEligibility, unknownRenewalEligibility: true },
      );
    }
    if (renewalEligibility === 'INELIGIBLE' && used === undefined) {
      return cannotVerify(
        `Certificate ${label} is ineligible for managed renewal, and ${IN_USE_NOT_GIVEN}, so whether it can expire in service cannot be verified.`,
        { renewalEligibility, inUse: null },
      );
    }
    if (renewalEligibility === 'INELIGIBLE' && inUse) {
      return nonCompliant(
        `Certificate ${label} is in use but ineligible for managed renewal: nothing renews it before it expires.`,
        { details },
      );
    }
    if (renewalStatus === undefined && renewalEligibility === undefined) {
      return notApplicable(`Certificate ${label}: renewal eligibility and renewal status not in the input.`);
    }
    if (renewalStatus !== undefined) {
      return compliant(`Managed renewal of certificate ${label} is ${renewalStatus}.`, details);
    }
    return renewalEligibility === 'INELIGIBLE'
      ? compliant(`Certificate ${label} is ineligible for managed renewal but not in use.`, details)
      : compliant(`Certificate ${label} is ${renewalEligibility} for managed renewal.`, details);
  },
});

import type { Severity } from '../../../model/evaluation.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import type { AcmCertificate } from '../model.js';
import { certificateInUse, certificateLabel, days, unknownStatusOutcome } from './certificate.js';

const DAY_MS = 86_400_000;

function expirySeverity(expired: boolean, inUse: boolean, imported: boolean): Severity {
  if (expired && inUse) return 'critical';
  return inUse || imported ? 'high' : 'medium';
}

/** What happens next to the certificate, in one sentence. */
function outlook(certificate: AcmCertificate, expired: boolean, inUse: boolean, renewable: boolean): string {
  if (expired) {
    return inUse
      ? 'It is still in use: clients get certificate errors.'
      : 'It is not in use; delete it or replace it before anything uses it.';
  }
  if (certificate.type === 'IMPORTED')
    return 'ACM does not renew imported certificates: import a renewed one.';
  if (renewable) return 'It is eligible for renewal: RenewCertificate renews it now.';
  if (certificate.renewalEligibility === 'ELIGIBLE') {
    return 'ACM has not renewed it yet: check its renewal status and domain validation.';
  }
  if (certificate.renewalEligibility === 'INELIGIBLE') return 'ACM will not renew it (renewal ineligible).';
  return '';
}

export const acmCertificateExpiry = defineRule({
  metadata: {
    id: 'acm-certificate-expiry',
    title: 'ACM certificate expiring or expired',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'medium',
    description:
      'An ACM certificate whose NotAfter date is within the policy threshold of now, or already past. Severity rises to high when the certificate is in use or imported (ACM never renews imported certificates) and to critical when it has expired while in use.',
    rationale:
      'An expired certificate breaks every TLS connection to the load balancer or distribution that serves it, and pushes people to click through certificate warnings or fall back to plaintext endpoints.',
    parameters: [
      {
        policyPath: 'certificates.expiryDays',
        description: 'How many days before NotAfter a certificate counts as expiring.',
      },
    ],
    remediation: {
      guidance:
        'Renew the certificate before NotAfter: fix domain validation for ACM-issued certificates, import a renewed certificate for imported ones, or call RenewCertificate for eligible private certificates; then confirm the new expiry date.',
      remediate: 'renew-certificate',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
      'https://docs.aws.amazon.com/acm/latest/userguide/renew-private-cert.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_RenewCertificate.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/acm-certificate-expiration-check.html',
    ],
    compliance: {
      securityHub: ['ACM.1'],
      configRules: ['acm-certificate-expiration-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(certificate, context) {
    const label = certificateLabel(certificate);
    const { status, type } = certificate;
    const unknown = unknownStatusOutcome(certificate, 'whether it is expiring');
    if (unknown) return unknown;
    if (status !== undefined && status !== 'ISSUED' && status !== 'EXPIRED') {
      return notApplicable(
        `Certificate ${label} has status ${status}: only issued or expired certificates are judged for expiry.`,
      );
    }
    const notAfterMs = certificate.notAfter === undefined ? Number.NaN : Date.parse(certificate.notAfter);
    if (Number.isNaN(notAfterMs)) {
      return notApplicable(`Certificate ${label}: expiry date not in the input.`);
    }

    const threshold = context.policy.certificates.expiryDays;
    const remainingMs = notAfterMs - context.now.getTime();
    // Whole days, rounded down, so the verdict and the day count in the reason always agree.
    const daysToExpiry = Math.floor(remainingMs / DAY_MS);
    const expired = status === 'EXPIRED' || remainingMs < 0;
    const inUse = certificateInUse(certificate);
    // ACM renews on request only private certificates marked ELIGIBLE, and never an expired one.
    const renewable = type === 'PRIVATE' && certificate.renewalEligibility === 'ELIGIBLE' && !expired;
    const notAfter = new Date(notAfterMs).toISOString();
    const details = { daysToExpiry, notAfter, inUse, type, renewable };

    if (!expired && daysToExpiry > threshold) {
      return compliant(
        `Certificate ${label} expires in ${days(daysToExpiry)} (${notAfter}), beyond the ${threshold}-day threshold.`,
        details,
      );
    }

    const when = expired
      ? remainingMs < 0
        ? `expired ${days(-daysToExpiry)} ago (${notAfter})`
        : `has status EXPIRED (NotAfter ${notAfter})`
      : `expires ${daysToExpiry === 0 ? 'within a day' : `in ${days(daysToExpiry)}`} (${notAfter}), inside the ${threshold}-day threshold`;
    const next = outlook(certificate, expired, inUse, renewable);
    return nonCompliant(`Certificate ${label} ${when}.${next ? ` ${next}` : ''}`, {
      severity: expirySeverity(expired, inUse, type === 'IMPORTED'),
      details,
    });
  },
});

import { expiryOf, expiryPhrase } from '../../../certificates/judge.js';
import type { Severity } from '../../../model/evaluation.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import type { AcmCertificate } from '../model.js';
import { certificateInUse, certificateLabel, unknownStatusOutcome } from './certificate.js';

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
    const threshold = context.policy.certificates.expiryDays;
    const expiry = expiryOf(certificate.notAfter, context.now, threshold);
    if (expiry === undefined) {
      // ACM gives NotAfter for every issued certificate: without it (a list-certificates summary of ARN and domain
      // name only, corpus E-awscli-acm-list-certificates) the expiry is unknown, and unknown is never a pass.
      return cannotVerify(
        `Certificate ${label}: the input gives no expiry date (NotAfter; aws acm describe-certificate gives it), so whether it is expiring cannot be verified.`,
        { status: status ?? null, notAfter: certificate.notAfter ?? null },
      );
    }

    const { daysToExpiry, notAfter } = expiry;
    const expired = status === 'EXPIRED' || expiry.expired;
    const inUse = certificateInUse(certificate);
    // ACM renews on request only private certificates marked ELIGIBLE, and never an expired one.
    const renewable = type === 'PRIVATE' && certificate.renewalEligibility === 'ELIGIBLE' && !expired;
    const details = { daysToExpiry, notAfter, inUse, type, renewable };

    if (!expired && !expiry.failing) {
      return compliant(`Certificate ${label} ${expiryPhrase(expiry, threshold)}.`, details);
    }

    // A status EXPIRED before NotAfter (ACM's word over the clock's) is said as such.
    const when =
      expired && !expiry.expired
        ? `has status EXPIRED (NotAfter ${notAfter})`
        : expiryPhrase(expiry, threshold);
    const next = outlook(certificate, expired, inUse, renewable);
    return nonCompliant(`Certificate ${label} ${when}.${next ? ` ${next}` : ''}`, {
      severity: expirySeverity(expired, inUse, type === 'IMPORTED'),
      details,
    });
  },
});

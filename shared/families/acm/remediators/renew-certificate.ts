import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { ACM_COMMANDS } from '../commands.js';

/** Renewal statuses that show ACM took the request (the new certificate follows asynchronously). */
const RENEWAL_UNDER_WAY = new Set(['PENDING_AUTO_RENEWAL', 'SUCCESS']);

export const renewCertificate = defineRemediator({
  id: 'renew-certificate',
  iamActions: [ACM_COMMANDS.RenewCertificate.iamAction],
  resourceTypes: ['AWS::ACM::Certificate'],
  // RenewCertificate only renews private certificates that ACM marks eligible, and never an expired one.
  safety(certificate, evaluation) {
    if (certificate.type !== 'PRIVATE' || certificate.renewalEligibility !== 'ELIGIBLE') {
      return `no renewal: RenewCertificate renews only PRIVATE certificates eligible for renewal (this one is ${certificate.type ?? 'of unknown type'}, ${certificate.renewalEligibility ?? 'eligibility unknown'})`;
    }
    if (evaluation.details?.renewable === false) {
      return 'no renewal: the certificate is not renewable any more (expired)';
    }
    return undefined;
  },
  plan({ resource: certificate }) {
    return {
      kind: 'calls',
      calls: [sdkCall(ACM_COMMANDS, 'RenewCertificate', { CertificateArn: certificate.certificateArn })],
    };
  },
  // A private renewal completes a moment after the call: ACM's renewal status proves the request took.
  verify(after, { evaluation, startedAt }) {
    if (!after) return { verified: false, reason: 'the certificate could not be read again' };
    if (evaluation && evaluation.status !== 'NON_COMPLIANT') return { verified: true };
    const summary = after.renewalSummary;
    const status = summary?.renewalStatus;
    const updated = summary?.updatedAt === undefined ? undefined : Date.parse(summary.updatedAt);
    const recent = updated === undefined ? status === 'PENDING_AUTO_RENEWAL' : updated >= startedAt.getTime();
    if (status && RENEWAL_UNDER_WAY.has(status) && recent) {
      return {
        verified: true,
        note: `ACM renewal status ${status}; the expiry finding resolves when the renewed certificate is issued`,
      };
    }
    return {
      verified: false,
      reason: `the certificate still expires on ${after.notAfter ?? 'an unknown date'} and ACM shows no renewal under way (renewal status ${status ?? 'none'})`,
    };
  },
});

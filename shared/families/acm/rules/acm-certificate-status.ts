import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  BAD_STATUSES,
  certificateLabel,
  IN_USE_NOT_GIVEN,
  knownInUse,
  unknownStatusOutcome,
} from './certificate.js';

export const acmCertificateStatus = defineRule({
  metadata: {
    id: 'acm-certificate-status',
    title: 'Failed, revoked or expired ACM certificate in use',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'critical',
    description:
      'An ACM certificate with status FAILED, REVOKED or EXPIRED that is still in use by a load balancer, distribution or other AWS service.',
    rationale:
      'Clients reject an expired or revoked certificate, so the endpoint serving it fails every TLS handshake or trains users to click through warnings; a revoked key may also be in an attacker’s hands.',
    parameters: [],
    remediation: {
      guidance:
        'Request or import a valid certificate, switch every resource listed as using the old one to it, then delete the old certificate.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate) {
    const label = certificateLabel(certificate);
    const { status } = certificate;
    if (status === undefined) return notApplicable(`Certificate ${label}: status not in the input.`);
    const unknown = unknownStatusOutcome(certificate, 'whether it can still secure a connection');
    if (unknown) return unknown;

    const used = knownInUse(certificate);
    const inUse = used === true;
    const details = { status, inUse, ...(certificate.inUseBy ? { inUseBy: certificate.inUseBy } : {}) };
    if (!BAD_STATUSES.includes(status)) {
      return compliant(`Certificate ${label} has status ${status}.`, details);
    }
    if (used === undefined) {
      return cannotVerify(
        `Certificate ${label} has status ${status}, and ${IN_USE_NOT_GIVEN}, so whether TLS handshakes with it fail cannot be verified.`,
        { status, inUse: null },
      );
    }
    if (!inUse) {
      return compliant(
        `Certificate ${label} has status ${status} but is not in use, so it serves no traffic.`,
        details,
      );
    }
    const users = certificate.inUseBy?.length ? ` by ${certificate.inUseBy.join(', ')}` : '';
    return nonCompliant(
      `Certificate ${label} has status ${status} and is still in use${users}: TLS handshakes with it fail.`,
      { details },
    );
  },
});

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
import { CERTIFICATE } from '../model.js';
import {
  certificateLabel,
  ROTATION_GUIDANCE,
  SUMMARY_HAS_NO_VALIDITY,
  unknownStatusOutcome,
  useDetails,
  usedBy,
} from './certificate.js';

/** Within this many days an expiring device certificate is high (RULES.md: "medium; high within 7 days"). */
const URGENT_DAYS = 7;

function expirySeverity(expired: boolean, daysToExpiry: number, inUse: boolean): Severity {
  // As ACM: an expired certificate still in use is critical; in use raises to high.
  if (expired && inUse) return 'critical';
  return expired || daysToExpiry <= URGENT_DAYS || inUse ? 'high' : 'medium';
}

export const iotCertificateExpiry = defineRule({
  metadata: {
    id: 'iot-certificate-expiry',
    title: 'IoT device certificate expiring or expired',
    family: 'iot',
    resourceTypes: [CERTIFICATE],
    severity: 'medium',
    description:
      'An ACTIVE AWS IoT device certificate whose validity ends within the policy threshold of now, or has ended. Severity is high within 7 days, once expired, or while attached to things (Greengrass core devices included), and critical when expired while attached. A ListCertificates summary carries no validity: describe-certificate does.',
    rationale:
      'A device whose certificate expires can no longer connect to AWS IoT Core over TLS: it stops reporting and receiving jobs, and field devices often cannot be reached to install a new one.',
    parameters: [
      {
        policyPath: 'certificates.expiryDays',
        description: 'How many days before the end of its validity a certificate counts as expiring.',
      },
    ],
    remediation: { guidance: ROTATION_GUIDANCE },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CertificateDescription.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeCertificate.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CreateCertificateFromCsr.html',
    ],
    compliance: {
      securityHub: [],
      configRules: [],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(certificate, context) {
    const label = certificateLabel(certificate);
    const unknown = unknownStatusOutcome(certificate, 'whether it is expiring');
    if (unknown) return unknown;
    if (certificate.status !== 'ACTIVE')
      return notApplicable(
        `${label} has status ${certificate.status}: only ACTIVE certificates are judged for expiry.`,
      );
    if (!certificate.described) return notApplicable(SUMMARY_HAS_NO_VALIDITY);
    const threshold = context.policy.certificates.expiryDays;
    const expiry = expiryOf(certificate.notAfter, context.now, threshold);
    if (expiry === undefined) {
      const why = certificate.pemError
        ? `its validity is not in the input and its certificatePem could not be read (${certificate.pemError})`
        : 'its validity is not in the input';
      return cannotVerify(`${label}: ${why}, so its expiry cannot be verified.`, {
        notAfter: certificate.notAfter ?? null,
      });
    }
    const use = useDetails(certificate);
    const details = { daysToExpiry: expiry.daysToExpiry, notAfter: expiry.notAfter, ...use };
    if (!expiry.failing) return compliant(`${label} ${expiryPhrase(expiry, threshold)}.`, details);
    const user = usedBy(certificate);
    const next = expiry.expired
      ? user
        ? ` It is still ${user}: those devices can no longer connect.`
        : ' Devices holding it can no longer connect.'
      : user
        ? ` It is ${user}.`
        : '';
    return nonCompliant(`${label} ${expiryPhrase(expiry, threshold)}.${next}`, {
      severity: expirySeverity(expiry.expired, expiry.daysToExpiry, use.inUse === true),
      details,
    });
  },
});

import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { CERTIFICATE_TYPES, certificateLabel, neverIssuedOutcome } from './certificate.js';

/** CertificateOptions.CertificateTransparencyLoggingPreference, as ACM writes it (compared exactly). */
const PREFERENCES: readonly string[] = ['ENABLED', 'DISABLED'];

export const acmCertificateTransparency = defineRule({
  metadata: {
    id: 'acm-certificate-transparency',
    title: 'ACM certificate opted out of transparency logging',
    family: 'acm',
    resourceTypes: ['AWS::ACM::Certificate'],
    severity: 'low',
    description:
      'A public (AMAZON_ISSUED) ACM certificate whose certificate transparency logging preference is DISABLED.',
    rationale:
      'Without certificate transparency logs a certificate mis-issued for your domains is harder to detect, and browsers such as Chrome and Safari reject public certificates that are not logged.',
    parameters: [],
    remediation: {
      guidance:
        'Set the certificate transparency logging preference to ENABLED (UpdateCertificateOptions); ACM logs the certificate when it is next issued or renewed.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateOptions.html',
      'https://docs.aws.amazon.com/acm/latest/APIReference/API_UpdateCertificateOptions.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['acm_certificates_transparency_logs_enabled (Prowler)'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(certificate) {
    const label = certificateLabel(certificate);
    const { type } = certificate;
    if (type !== undefined && !CERTIFICATE_TYPES.includes(type)) {
      return cannotVerify(
        `Certificate ${label} has the type ${JSON.stringify(type)}, which is not an ACM certificate type, so whether transparency logging applies cannot be verified.`,
        { type, unknownType: true },
      );
    }
    if (type !== 'AMAZON_ISSUED') {
      const type = certificate.type ? `a ${certificate.type} certificate` : 'of a type not in the input';
      return notApplicable(
        `Certificate ${label} is ${type}: transparency logging applies only to public ACM certificates.`,
      );
    }
    const neverIssued = neverIssuedOutcome(certificate);
    if (neverIssued) return neverIssued;

    const preference = certificate.transparencyLoggingPreference;
    if (preference === undefined) {
      return notApplicable(`Certificate ${label}: transparency logging preference not in the input.`);
    }
    if (!PREFERENCES.includes(preference)) {
      return cannotVerify(
        `Certificate ${label} has the transparency logging preference ${JSON.stringify(preference)}, which ACM does not have (${PREFERENCES.join(', ')}), so whether it is logged cannot be verified.`,
        { transparencyLoggingPreference: preference, unknownPreference: true },
      );
    }
    const details = { transparencyLoggingPreference: preference };
    if (preference !== 'DISABLED') {
      return compliant(`Certificate ${label} has transparency logging ${preference}.`, details);
    }
    return nonCompliant(
      `Certificate ${label} opts out of certificate transparency logging: mis-issuance for its domains goes unnoticed and browsers may reject it.`,
      { details },
    );
  },
});

import { cannotVerify, compliant, defineRule, nonCompliant, notApplicable } from '../../../rules/rule.js';
import { authorityLabel, issuedCount, PCA_FRAMEWORKS, statusGate, statusUnrecorded } from './authority.js';

export const pcaAuthorityRevocation = defineRule({
  metadata: {
    id: 'pca-authority-revocation',
    title: 'Private CA with no revocation method',
    family: 'pca',
    resourceTypes: ['AWS::ACMPCA::CertificateAuthority'],
    severity: 'medium',
    description:
      'An ACTIVE general-purpose AWS Private CA whose RevocationConfiguration enables neither a CRL nor OCSP. Short-lived certificate CAs (UsageMode SHORT_LIVED_CERTIFICATE) are not judged: their certificates expire within seven days. Severity rises to high when the inputs show ACM certificates it issued.',
    rationale:
      'Without a CRL or OCSP a certificate whose private key leaked stays trusted until it expires: revoking it changes nothing a client can check (SEC09-BP01, certificate lifecycle).',
    parameters: [],
    remediation: {
      guidance:
        'Enable OCSP or a CRL on the CA: aws acm-pca update-certificate-authority --certificate-authority-arn <arn> --revocation-configuration \'{"OcspConfiguration":{"Enabled":true}}\' (a CRL also needs an S3 bucket the CA can write to). Certificates issued before carry no CRL distribution point or OCSP URL: reissue the ones that matter.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/privateca/latest/userguide/revocation-setup.html',
      'https://docs.aws.amazon.com/privateca/latest/APIReference/API_RevocationConfiguration.html',
      'https://docs.aws.amazon.com/privateca/latest/userguide/short-lived-certificates.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: PCA_FRAMEWORKS },
  },
  evaluate(authority) {
    const gate = statusGate(authority, ['ACTIVE'], 'its revocation');
    if (gate) return gate;
    const label = authorityLabel(authority);
    // https://docs.aws.amazon.com/privateca/latest/userguide/short-lived-certificates.html: "can be deployed
    // without a revocation mechanism in place".
    if (authority.usageMode === 'SHORT_LIVED_CERTIFICATE') {
      return notApplicable(
        `Private CA ${label} issues short-lived certificates (UsageMode SHORT_LIVED_CERTIFICATE), which need no revocation.`,
      );
    }
    const { crlEnabled, ocspEnabled } = authority;
    const details = { crlEnabled: crlEnabled ?? null, ocspEnabled: ocspEnabled ?? null };
    if (crlEnabled === true || ocspEnabled === true) {
      const methods = [crlEnabled === true ? 'a CRL' : '', ocspEnabled === true ? 'OCSP' : ''].filter(
        Boolean,
      );
      return compliant(`Private CA ${label} publishes revocation through ${methods.join(' and ')}.`, details);
    }
    // Whether DescribeCertificateAuthority leaves RevocationConfiguration out when both methods are off is not
    // settled by the stored docs: the API marks it optional ("Required: No",
    // https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthority.html) and shows no answer
    // of such a CA; a missing field is therefore not read as "both off".
    if (!authority.hasRevocationConfiguration) {
      return cannotVerify(
        `Private CA ${label} has no RevocationConfiguration in the input, so whether it publishes revocation (CRL or OCSP) cannot be verified.`,
        details,
      );
    }
    const issued = issuedCount(authority);
    return nonCompliant(
      `Private CA ${label} enables neither a CRL nor OCSP in its RevocationConfiguration: a revoked certificate stays trusted until it expires.${statusUnrecorded(authority, 'an ACTIVE CA')}`,
      { severity: issued > 0 ? 'high' : 'medium', details: { ...details, issuedCertificates: issued } },
    );
  },
});

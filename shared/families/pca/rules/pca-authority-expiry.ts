import { expiryOf, expiryPhrase } from '../../../certificates/judge.js';
import { cannotVerify, compliant, defineRule, nonCompliant } from '../../../rules/rule.js';
import { authorityLabel, issuedCount, PCA_FRAMEWORKS, statusGate } from './authority.js';

export const pcaAuthorityExpiry = defineRule({
  metadata: {
    id: 'pca-authority-expiry',
    title: 'Private CA certificate expiring or expired',
    family: 'pca',
    resourceTypes: ['AWS::ACMPCA::CertificateAuthority'],
    severity: 'high',
    description:
      "An AWS Private CA whose own certificate's NotAfter is within the policy's authority threshold (default 365 days) or past. Severity rises to critical when it has expired while the inputs show ACM certificates it issued.",
    rationale:
      'Everything a CA issued stops validating when the CA certificate expires: every TLS endpoint and client certificate of the private PKI fails at once. Replacing a CA and reissuing what it signed takes months, hence the long warning.',
    parameters: [
      {
        policyPath: 'certificates.authorityExpiryDays',
        description:
          "How many days before the CA certificate's NotAfter a certificate authority counts as expiring.",
      },
    ],
    remediation: {
      guidance:
        'Renew the CA certificate before NotAfter: for a root CA, issue a new self-signed CA certificate (aws acm-pca issue-certificate with the RootCACertificate template) and install it with aws acm-pca import-certificate-authority-certificate; for a subordinate CA, have its parent sign a new CA certificate and import it. Then reissue end-entity certificates whose validity ran to the old NotAfter.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthority.html',
      'https://docs.aws.amazon.com/privateca/latest/userguide/ca-lifecycle.html',
      'https://docs.aws.amazon.com/privateca/latest/APIReference/API_ImportCertificateAuthorityCertificate.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: PCA_FRAMEWORKS },
  },
  evaluate(authority, context) {
    const gate = statusGate(authority, ['ACTIVE', 'DISABLED', 'EXPIRED'], 'its expiry');
    if (gate) return gate;
    const label = authorityLabel(authority);
    const threshold = context.policy.certificates.authorityExpiryDays;
    const expiry = expiryOf(authority.notAfter, context.now, threshold);
    if (expiry === undefined) {
      // An ACTIVE CA has a certificate: a missing NotAfter is a gap in the input, never a pass.
      // The Config item (CloudFormation properties) never has NotAfter: say which input to add.
      const said = authority.fromConfigItem
        ? 'is known from an AWS Config item, which records no NotAfter (add aws acm-pca describe-certificate-authority)'
        : 'has no NotAfter in the input';
      return cannotVerify(`Private CA ${label} ${said}, so its expiry cannot be verified.`, {
        notAfter: null,
      });
    }
    const expired = authority.status === 'EXPIRED' || expiry.expired;
    const issued = issuedCount(authority);
    const details = {
      daysToExpiry: expiry.daysToExpiry,
      notAfter: expiry.notAfter,
      issuedCertificates: issued,
    };
    if (!expired && !expiry.failing) {
      return compliant(`Private CA ${label} ${expiryPhrase(expiry, threshold)}.`, details);
    }
    const when =
      expired && !expiry.expired
        ? `has status EXPIRED (NotAfter ${expiry.notAfter})`
        : expiryPhrase(expiry, threshold);
    const next =
      issued > 0
        ? ` The inputs show ${issued} ACM certificate${issued === 1 ? '' : 's'} it issued, which stop validating with it.`
        : ' Every certificate it issued stops validating with it.';
    return nonCompliant(`Private CA ${label} ${when}.${next}`, {
      severity: expired && issued > 0 ? 'critical' : 'high',
      details,
    });
  },
});

import { expiryOf, expiryPhrase } from '../../../certificates/judge.js';
import type { Severity } from '../../../model/evaluation.js';
import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';

/** As for ACM: in use raises the severity, expired while in use is critical. */
function expirySeverity(expired: boolean, inUse: boolean): Severity {
  if (expired && inUse) return 'critical';
  return inUse ? 'high' : 'medium';
}

export const iamServerCertificateExpiry = defineRule({
  metadata: {
    id: 'iam-server-certificate-expiry',
    title: 'IAM server certificate expiring or expired',
    family: 'iam',
    resourceTypes: ['AWS::IAM::ServerCertificate'],
    severity: 'medium',
    description:
      'An IAM server certificate whose Expiration is within the policy threshold of now, or already past. Severity rises to high when the inputs show a load balancer listener or CloudFront distribution serving it, and to critical when it has expired while served. IAM never renews a server certificate.',
    rationale:
      'An expired certificate breaks every TLS connection to the load balancer or distribution that serves it; IAM keeps expired certificates until someone deletes them, so nothing warns before clients do.',
    parameters: [
      {
        policyPath: 'certificates.expiryDays',
        description: 'How many days before Expiration a certificate counts as expiring.',
      },
    ],
    remediation: {
      guidance:
        'IAM does not renew server certificates. Move the listener to an ACM certificate (aws acm request-certificate or import-certificate, then aws elbv2 modify-listener --certificates CertificateArn=<ACM ARN>, or aws elb set-load-balancer-listener-ssl-certificate for a classic load balancer): the listener keeps running, new connections get the new certificate. Or upload a renewed certificate (aws iam upload-server-certificate) and switch the listener to it. Then remove the old one: aws iam delete-server-certificate --server-certificate-name <name>.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServerCertificateMetadata.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-certificates.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate, context) {
    const label = certificate.arn
      ? `${certificate.serverCertificateName} (${certificate.arn})`
      : certificate.serverCertificateName;
    const threshold = context.policy.certificates.expiryDays;
    const expiry = expiryOf(certificate.expiration, context.now, threshold);
    if (expiry === undefined) {
      // A Config item never has Expiration (CloudFormation properties): only its PEM body could have told.
      const lacks = certificate.fromConfigItem
        ? 'comes from an AWS Config item with no readable CertificateBody and no Expiration (add aws iam list-server-certificates)'
        : 'has no Expiration in the input';
      return cannotVerify(`IAM server certificate ${label} ${lacks}, so its expiry cannot be verified.`, {
        expiration: certificate.expiration ?? null,
      });
    }
    const inUse = (certificate.inUseBy?.length ?? 0) > 0;
    const details = {
      daysToExpiry: expiry.daysToExpiry,
      notAfter: expiry.notAfter,
      inUse,
      ...(inUse ? { inUseBy: certificate.inUseBy } : {}),
    };
    if (!expiry.failing) {
      return compliant(`IAM server certificate ${label} ${expiryPhrase(expiry, threshold)}.`, details);
    }
    const next = expiry.expired
      ? inUse
        ? ` It is still served by ${certificate.inUseBy?.join(', ')}: clients get certificate errors.`
        : ' IAM keeps it until it is deleted; delete it or replace it before anything uses it.'
      : inUse
        ? ` Served by ${certificate.inUseBy?.join(', ')}; IAM will not renew it.`
        : ' IAM will not renew it.';
    return nonCompliant(`IAM server certificate ${label} ${expiryPhrase(expiry, threshold)}.${next}`, {
      severity: expirySeverity(expiry.expired, inUse),
      details,
    });
  },
});

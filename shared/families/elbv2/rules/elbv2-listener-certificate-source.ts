import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { isTlsListener, listenerLabel, listenerScopeOutcome } from './listener.js';

/** ACM certificate ARNs in every partition (aws, aws-cn, aws-us-gov, ...). */
const ACM_ARN = /^arn:aws[a-z-]*:acm:/;

/** "IAM server certificate my-cert" for an IAM ARN; the ARN itself otherwise. */
function certificateName(arn: string): string {
  const iam = /:server-certificate\/(.+)$/.exec(arn);
  return iam ? `IAM server certificate ${iam[1]}` : arn;
}

export const elbv2ListenerCertificateSource = defineRule({
  metadata: {
    id: 'elbv2-listener-certificate-source',
    title: 'Listener certificate not from ACM',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'low',
    description:
      'An HTTPS or TLS listener with a certificate that does not come from AWS Certificate Manager, such as an IAM server certificate.',
    rationale:
      'ACM renews its certificates and reports their expiry; an IAM server certificate is never renewed and no ACM alert covers it, so it can expire unnoticed and break or weaken TLS.',
    parameters: [],
    remediation: {
      guidance:
        'Request or import the certificate in ACM, set it on the listener, then delete the IAM server certificate.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-acm-certificate-required.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['elbv2-acm-certificate-required'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(listener) {
    const scope = listenerScopeOutcome(listener, 'where its certificate comes from');
    if (scope) return scope;
    const label = listenerLabel(listener);
    if (!isTlsListener(listener)) {
      return notApplicable(`Listener ${label} does not terminate TLS; it has no certificate.`);
    }
    if (listener.certificates.length === 0) {
      return notApplicable(`Listener ${label} has no certificate in the input.`);
    }
    const nonAcm = listener.certificates.filter((certificate) => !ACM_ARN.test(certificate.certificateArn));
    if (nonAcm.length === 0) {
      return compliant(`Every certificate on listener ${label} comes from ACM.`, {
        certificates: listener.certificates.map((certificate) => certificate.certificateArn),
      });
    }
    const names = nonAcm.map((certificate) => certificateName(certificate.certificateArn));
    const notAcm = nonAcm.length === 1 ? 'not an ACM certificate' : 'not ACM certificates';
    return nonCompliant(`Listener ${label} uses ${joinWords(names)}, ${notAcm}.`, {
      details: { nonAcmCertificates: nonAcm.map((certificate) => certificate.certificateArn) },
    });
  },
});

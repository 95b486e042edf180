import { capitalize, joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { classicListenerLabel, isClassicTlsListener, isKnownClassicProtocol } from '../listener.js';
import type { ClassicListener } from '../model.js';

/**
 * Where a certificate comes from, by its ARN (Listener.SSLCertificateId): arn:<partition>:acm:<region>:<account>:
 * certificate/<id> (ACM) or arn:<partition>:iam::<account>:server-certificate/<path/name> (IAM), in every
 * partition (aws, aws-cn, aws-us-gov). Sources: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html
 * (certificate resource ARN) and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html (IAM ARNs).
 */
const ACM_ARN = /^arn:aws[a-z-]*:acm:[^:]*:[^:]*:certificate\/./;
const IAM_ARN = /^arn:aws[a-z-]*:iam::[^:]*:server-certificate\/(.+)$/;

type Source = 'acm' | 'iam' | 'unknown';

function sourceOf(listener: ClassicListener): Source {
  const id = listener.sslCertificateId ?? '';
  if (ACM_ARN.test(id)) return 'acm';
  return IAM_ARN.test(id) ? 'iam' : 'unknown';
}

/** "listener HTTPS:443 (IAM server certificate legacy-cert)". */
function iamClause(listener: ClassicListener): string {
  const name = IAM_ARN.exec(listener.sslCertificateId ?? '')?.[1] ?? '';
  return `listener ${classicListenerLabel(listener)} (IAM server certificate ${name})`;
}

/** Why a listener's certificate source cannot be told: no ARN in the input, or one of no known shape. */
function unknownClause(listener: ClassicListener): string {
  const label = classicListenerLabel(listener);
  if (!isKnownClassicProtocol(listener)) {
    return `listener ${label} has the protocol ${JSON.stringify(listener.protocol)}, which is not a Classic Load Balancer listener protocol`;
  }
  if (listener.sslCertificateId === undefined || listener.sslCertificateId === '') {
    return `listener ${label} has no SSLCertificateId in the input`;
  }
  return `listener ${label} has the certificate ${JSON.stringify(listener.sslCertificateId)}, neither an ACM nor an IAM server certificate ARN`;
}

export const elbListenerCertificateSource = defineRule({
  metadata: {
    id: 'elb-listener-certificate-source',
    title: 'Classic listener certificate not from ACM',
    family: 'elb',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    severity: 'low',
    description:
      'A Classic Load Balancer HTTPS or SSL listener whose certificate (SSLCertificateId) is an IAM server certificate, not one from AWS Certificate Manager. A listener whose certificate ARN is missing or of no known kind cannot be verified and is reported.',
    rationale:
      'ACM renews its certificates and reports their expiry; an IAM server certificate is never renewed and no ACM alert covers it, so it can expire unnoticed and break or weaken TLS.',
    parameters: [],
    remediation: {
      guidance:
        'Request or import the certificate in ACM, set it on the listener (SetLoadBalancerListenerSSLCertificate), then delete the IAM server certificate.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-server-cert.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-2',
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-acm-certificate-required.html',
    ],
    compliance: {
      securityHub: ['ELB.2'],
      configRules: ['elb-acm-certificate-required'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(lb) {
    // A listener of unknown protocol might terminate TLS: it is judged, as cannot be verified.
    const judged = lb.listeners.filter(
      (listener) => isClassicTlsListener(listener) || !isKnownClassicProtocol(listener),
    );
    if (judged.length === 0) {
      return notApplicable(`Load balancer ${lb.loadBalancerName} has no HTTPS or SSL listener.`);
    }
    const iam = judged.filter((listener) => isKnownClassicProtocol(listener) && sourceOf(listener) === 'iam');
    const unknown = judged.filter(
      (listener) => !isKnownClassicProtocol(listener) || sourceOf(listener) === 'unknown',
    );
    const certificates = (listeners: readonly ClassicListener[]) =>
      listeners.map((listener) => ({
        listener: classicListenerLabel(listener),
        sslCertificateId: listener.sslCertificateId ?? null,
      }));
    if (iam.length > 0) {
      const also =
        unknown.length > 0
          ? `; ${joinWords(unknown.map(unknownClause))}, so its source cannot be verified`
          : '';
      return nonCompliant(
        `${iam.length === 1 ? 'An IAM server certificate, not ACM, is' : 'IAM server certificates, not ACM, are'} on ${joinWords(iam.map(iamClause))}${also}.`,
        {
          details: {
            iamCertificates: certificates(iam),
            ...(unknown.length > 0 ? { unknownCertificates: certificates(unknown) } : {}),
          },
        },
      );
    }
    if (unknown.length > 0) {
      return cannotVerify(
        `${capitalize(joinWords(unknown.map(unknownClause)))}, so where its certificate comes from cannot be verified.`,
        {
          unknownCertificates: certificates(unknown),
        },
      );
    }
    return compliant(
      `Every HTTPS/SSL listener (${joinWords(judged.map(classicListenerLabel))}) uses an ACM certificate.`,
      { certificates: certificates(judged) },
    );
  },
});

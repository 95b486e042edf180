/** The ACM certificate ARN shape the event routes check. */

const ACM_CERTIFICATE_ARN = /^arn:[^:]+:acm:[^:]+:[^:]+:certificate\/[^/]+$/;

export function isAcmCertificateArn(value: string): boolean {
  return ACM_CERTIFICATE_ARN.test(value);
}

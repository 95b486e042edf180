/**
 * IAM server certificate ARNs: arn:<partition>:iam::<account>:server-certificate/<path><name> (no region: IAM is
 * global; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 */
const SERVER_CERTIFICATE_ARN = /^arn:[a-z-]+:iam::[0-9]{12}:server-certificate\/.+$/;

export const isServerCertificateArn = (value: unknown): value is string =>
  typeof value === 'string' && SERVER_CERTIFICATE_ARN.test(value);

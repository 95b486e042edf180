/**
 * IAM server certificate ARNs: arn:<partition>:iam::<account>:server-certificate/<path><name> (no region: IAM is
 * global; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 */
const SERVER_CERTIFICATE_ARN = /^arn:[a-z-]+:iam::[0-9]{12}:server-certificate\/.+$/;

export const isServerCertificateArn = (value: unknown): value is string =>
  typeof value === 'string' && SERVER_CERTIFICATE_ARN.test(value);

/**
 * A server certificate's unique ID (ServerCertificateId): IAM's unique IDs of certificates begin with ASCA
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes). A CloudFront
 * distribution names its IAM certificate by this ID, not by ARN (ViewerCertificate.IAMCertificateId,
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html).
 */
const SERVER_CERTIFICATE_ID = /^ASCA[A-Z0-9]{12,}$/;

/** What a user's record names an IAM server certificate by: its ARN (a listener) or its ID (a distribution). */
export const isServerCertificateReference = (value: unknown): value is string =>
  isServerCertificateArn(value) || (typeof value === 'string' && SERVER_CERTIFICATE_ID.test(value));

/**
 * Private CA ARNs: arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsprivatecertificateauthority.html).
 * Region and account are not checked: the API reference's own sample names them "gh" and "account".
 */
const CA_ARN = /^arn:[a-z-]+:acm-pca:[^:]*:[^:]*:certificate-authority\/[0-9A-Za-z-]+$/;

export const isCertificateAuthorityArn = (value: unknown): value is string =>
  typeof value === 'string' && CA_ARN.test(value);

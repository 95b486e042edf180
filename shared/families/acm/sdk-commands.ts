/** The SDK write command of ACM, loaded by ./commands.ts when a call is first sent. */
export { RenewCertificateCommand } from '@aws-sdk/client-acm';

import { writeCommand } from '../../response/calls.js';

/** The write call ACM remediation makes. */
export const ACM_COMMANDS = {
  RenewCertificate: writeCommand({
    service: 'acm',
    iamAction: 'acm:RenewCertificate',
    load: async () => (await import('./client.js')).RenewCertificateCommand,
  }),
};

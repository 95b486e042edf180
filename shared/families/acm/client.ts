import { ACMClient } from '@aws-sdk/client-acm';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (ACM), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new ACMClient(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export { RenewCertificateCommand } from '@aws-sdk/client-acm';

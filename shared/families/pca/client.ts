import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (AWS Private CA), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new ACMPCAClient(config);

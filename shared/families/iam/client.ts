import { IAMClient } from '@aws-sdk/client-iam';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (IAM), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new IAMClient(config);

import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (CloudFront, a global API answered in us-east-1), loaded with the family. */
export const createClient = (config: SharedClientConfig) => new CloudFrontClient(config);

/** The SDK commands its remediation sends (commands.ts loads them from here, only when one is sent). */
export { GetDistributionCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';

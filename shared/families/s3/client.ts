import { S3Client } from '@aws-sdk/client-s3';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (S3), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new S3Client(config);

// The write command, re-exported for commands.ts (loaded on first send).
export { PutBucketPolicyCommand } from '@aws-sdk/client-s3';

import type { Family } from '../family.js';
import { S3_COMMANDS } from './commands.js';
import { s3Deployment } from './deployment.js';
import { s3Events } from './events.js';
import { s3Inputs } from './inputs.js';
import { S3_BUCKET } from './model.js';
import { denyInsecureTransport } from './remediators/deny-insecure-transport.js';
import { s3Report } from './report.js';
import { S3_RULES } from './rules/index.js';

export const s3Family: Family = {
  id: 's3',
  label: 'S3',
  ruleFamily: 's3',
  resourceTypes: [S3_BUCKET],
  rules: S3_RULES,
  remediators: [denyInsecureTransport],
  report: s3Report,
  inputs: s3Inputs,
  events: s3Events,
  deployment: s3Deployment,
  live: {
    // S3 documents request rates per prefix for object operations, none for bucket-configuration calls
    // (reference/service-facts.md: "Rate limit: unconfirmed"): paced only once it throttles.
    service: 's3',
    // A sweep's GetBucketPolicy / GetBucketWebsite each go to a different bucket, and S3 scales per partitioned
    // prefix (at least 5,500 GET/HEAD a second each) and asks clients to spread requests over many connections
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html); its quotas list no
    // request rate (https://docs.aws.amazon.com/general/latest/gr/s3.html). So 16 in flight, not the default 4
    // that keeps EC2 or ELB under their documented buckets: 5,000 buckets' 10,000 reads no longer take minutes.
    concurrency: 16,
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.s3Readers),
    // A bucket that no longer exists (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
    // NoSuchBucketPolicy and NoSuchWebsiteConfiguration are not "gone": they are read as "none" (live.ts).
    notFoundCodes: ['NoSuchBucket'],
  },
  commands: S3_COMMANDS,
};

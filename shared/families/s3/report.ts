import type { FamilyReport } from '../../report/family-report.js';

export const s3Report: FamilyReport = {
  resourceNoun: 'S3 bucket',
  asffResourceTypes: { 'AWS::S3::Bucket': 'AwsS3Bucket' },
  // The bucket's permissions tab, where its policy is (S3 console: https://console.aws.amazon.com/s3/); S3 is
  // global in the console, the bucket's region is passed along when known.
  consoleLink({ arn, origin, query }) {
    const name = arn?.service === 's3' ? arn.resource : undefined;
    return name ? `${origin}/s3/buckets/${encodeURIComponent(name)}${query}&tab=permissions` : undefined;
  },
  kpis: [
    {
      kpi: {
        kind: 'share',
        key: 's3DenyPlaintext',
        label: 'Buckets that deny plaintext',
        digestLabel: 'S3 buckets whose policy denies plaintext requests',
      },
      rules: ['s3-bucket-secure-transport'],
    },
  ],
};

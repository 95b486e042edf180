import { afterPrefix, type FamilyReport, TLS_ENDPOINTS_MIN_VERSION } from '../../report/family-report.js';

export const cloudFrontReport: FamilyReport = {
  resourceNoun: 'CloudFront distribution',
  asffResourceTypes: { 'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution' },
  // Origin custom headers often carry the secret an origin checks (their values are also hidden at read time).
  secretKeys: /^headervalue$/,
  // The CloudFront console is global: any region's console origin (of the partition) opens it.
  consoleLink({ arn, origin }) {
    const id = arn && afterPrefix(arn.resource, 'distribution/');
    return id ? `${origin}/cloudfront/v4/home#/distributions/${id}` : undefined;
  },
  kpis: [
    // A rule counts towards one share: the viewer policy rule judges protocols and ciphers together, so a
    // distribution is at the minimum when its viewer policy and its origin protocols both pass.
    { kpi: TLS_ENDPOINTS_MIN_VERSION, rules: ['cloudfront-viewer-tls-policy', 'cloudfront-origin-tls'] },
  ],
};

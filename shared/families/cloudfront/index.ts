import type { Family } from '../family.js';
import { CLOUDFRONT_COMMANDS } from './commands.js';
import { cloudFrontDeployment } from './deployment.js';
import { CLOUDFRONT_REGION } from './describe.js';
import { cloudFrontEvents } from './events.js';
import { cloudFrontInputs } from './inputs.js';
import { DISTRIBUTION } from './model.js';
import { CLOUDFRONT_READ_PLAN } from './read-plan.js';
import { cloudfrontHttpsOnly } from './remediators/cloudfront-https-only.js';
import { cloudfrontRedirectToHttps } from './remediators/cloudfront-redirect-to-https.js';
import { cloudfrontSetOriginProtocols } from './remediators/cloudfront-set-origin-protocols.js';
import { cloudfrontSetViewerPolicy } from './remediators/cloudfront-set-viewer-policy.js';
import { cloudFrontReport } from './report.js';
import { CLOUDFRONT_RULES } from './rules/index.js';

export const cloudFrontFamily: Family = {
  id: 'cloudfront',
  label: 'CloudFront',
  ruleFamily: 'cloudfront',
  resourceTypes: [DISTRIBUTION],
  globalRegion: CLOUDFRONT_REGION,
  rules: CLOUDFRONT_RULES,
  remediators: [
    cloudfrontRedirectToHttps,
    cloudfrontHttpsOnly,
    cloudfrontSetViewerPolicy,
    cloudfrontSetOriginProtocols,
  ],
  report: cloudFrontReport,
  inputs: cloudFrontInputs,
  events: cloudFrontEvents,
  deployment: cloudFrontDeployment,
  live: {
    service: 'cloudfront',
    // CloudFront documents no control-plane request rate (Developer Guide, Quotas:
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html lists only
    // data-plane and resource quotas): paced only once it throttles.
    plan: CLOUDFRONT_READ_PLAN as Family['live']['plan'],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () =>
      import('./live.js').then(
        (module) => module.cloudFrontReaders as Awaited<ReturnType<Family['live']['readers']>>,
      ),
    notFoundCodes: ['NoSuchDistribution'],
  },
  commands: CLOUDFRONT_COMMANDS,
};

/**
 * The CloudFront API calls that change a distribution, and its AWS Config items. CloudFront is global: CloudTrail
 * delivers its events in us-east-1 only (docs/deploy.md says how a stack in another home region sees them).
 */
import { partitionOf } from '../../aws/arn.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { CLOUDFRONT_REGION } from './describe.js';
import { DISTRIBUTION } from './model.js';

/** A distribution's ARN (arn:<partition>:cloudfront::<account>:distribution/<id>): the id its resources have. */
const distributionArn = (partition: string, accountId: string, id: string) =>
  `arn:${partition}:cloudfront::${accountId}:distribution/${id}`;

/** The distribution a call names: its ARN when the record has it, else one made from its id. */
function distributionAt(...paths: (readonly string[])[]): (call: ApiCall) => ResourceRef[] {
  return (call) => {
    const arn = valueAt(call.detail, ['responseElements', 'distribution', 'aRN']);
    const resourceId =
      typeof arn === 'string' && arn.startsWith('arn:')
        ? arn
        : distributionArn(
            partitionOf(call.region),
            call.accountId,
            stringAt(call, paths, 'a distribution id'),
          );
    return [refOf(call, DISTRIBUTION, resourceId)];
  };
}

const created = distributionAt(['responseElements', 'distribution', 'id']);
const named = distributionAt(['requestParameters', 'id']);

// Event names are the API operation names (CloudFront API reference, Actions; CloudTrail logs every API call).
const CALLS = new Map<string, CallRoute>([
  ['CreateDistribution', { refs: created }],
  ['CreateDistributionWithTags', { refs: created }],
  ['CopyDistribution', { refs: created }],
  ['UpdateDistribution', { refs: named }],
  ['DeleteDistribution', { refs: named, deleted: true }],
]);

export const cloudFrontEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.cloudfront', label: 'CloudFront', routes: CALLS }],
  config: {
    resourceTypes: [DISTRIBUTION],
    // Config records the distribution in region "global"; it is read and changed through us-east-1.
    resourceOf: (item, scope) => ({
      resourceId:
        scope.arn ?? distributionArn(partitionOf(CLOUDFRONT_REGION), scope.accountId, item.resourceId),
      region: CLOUDFRONT_REGION,
    }),
  },
};

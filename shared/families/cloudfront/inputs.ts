import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { readTags } from '../../inventory/record.js';
import {
  mapConfigDistribution,
  readDistributionList,
  readGetDistribution,
  readGetDistributionConfig,
} from './describe.js';
import { DISTRIBUTION } from './model.js';

export const cloudFrontInputs: FamilyInputs = {
  formats: [
    {
      key: 'DistributionList',
      format: 'cloudfront list-distributions',
      holds: 'one',
      read: readDistributionList,
    },
    // Both keep the document: the ETag beside the distribution is what UpdateDistribution needs.
    {
      key: 'Distribution',
      format: 'cloudfront get-distribution',
      holds: 'document',
      read: readGetDistribution,
    },
    {
      key: 'DistributionConfig',
      format: 'cloudfront get-distribution-config',
      holds: 'document',
      read: readGetDistributionConfig,
    },
  ],
  configItems: {
    [DISTRIBUTION]: ({ configuration, item, scope, label }) =>
      mapConfigDistribution(configuration.withDefault('ARN', scope.arn), readTags(item, 'tags'), label),
  },
};

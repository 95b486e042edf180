/**
 * DataSync in the deployment: the location reads only (no remediator, and no SCP statement: DataSync has no
 * condition key for a location's protocol, reference/service-facts.md). IAM actions and the location ARN:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsdatasync.html
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';
import { LOCATION_KINDS } from './model.js';

export const dataSyncDeployment: FamilyDeployment = {
  services: ['datasync'],
  reads: [
    // Listing the locations of a region names no location: it is authorized on Resource "*".
    { sid: 'ListDataSyncLocations', actions: ['datasync:ListLocations'], resource: '*', remediate: false },
    {
      sid: 'DescribeDataSyncLocations',
      actions: Object.values(LOCATION_KINDS).map((kind) => `datasync:${kind.describe}`),
      resource: { service: 'datasync', resource: 'location/*' },
    },
  ],
  writes: [],
};

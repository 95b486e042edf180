/**
 * Direct Connect in the deployment: connection and LAG reads and the MACsec writes. Tagging (the SCP's tag
 * guards): TagResource / UntagResource; CreateConnection takes aws:TagKeys itself.
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const directConnectDeployment: FamilyDeployment = {
  services: ['directconnect'],
  reads: [
    {
      // Listing all connections and LAGs of a region (no id given) is authorized on Resource "*".
      sid: 'ReadDirectConnect',
      actions: ['directconnect:DescribeConnections', 'directconnect:DescribeLags'],
      resource: '*',
    },
  ],
  writes: [
    {
      sid: 'RemediateDirectConnectConnections',
      actions: ['directconnect:UpdateConnection'],
      resource: { service: 'directconnect', resource: 'dxcon/*' },
    },
    {
      sid: 'RemediateDirectConnectLags',
      actions: ['directconnect:UpdateLag'],
      resource: { service: 'directconnect', resource: 'dxlag/*' },
    },
  ],
};

import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_VPC } from '../../../helpers/routed-events.js';

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_VPC);
  });

  it('rejects a control id where the VPC id belongs', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-ec2-create-vpc-encryption-control'),
      ['detail', 'requestParameters', 'CreateVpcEncryptionControlRequest', 'VpcId'],
      'vpcec-0b1c2d3e4f5a6b7c8',
    );

    // Act
    const act = () => routeCloudTrail(event);

    // Assess
    expect(act).toThrow('expected a vpc- id, received "vpcec-0b1c2d3e4f5a6b7c8"');
  });
});

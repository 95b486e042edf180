import { ResourceNotFoundException } from '@aws-sdk/client-acm';
import { DirectConnectClientException } from '@aws-sdk/client-direct-connect';
import { AccessPointNotFoundException } from '@aws-sdk/client-elastic-load-balancing';
import {
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { apiError, isNotFound, isUnavailable } from '../../../../shared/inventory/live/errors.js';

const meta = { $metadata: {} };

function ec2Error(code: string): Error {
  return Object.assign(new Error(`${code} happened`), { name: code, Code: code });
}

describe('isNotFound', () => {
  it.each([
    [
      'ListenerNotFound',
      new ListenerNotFoundException({ message: 'One or more listeners not found', ...meta }),
    ],
    ['LoadBalancerNotFound', new LoadBalancerNotFoundException({ message: 'not found', ...meta })],
    ['classic AccessPointNotFound', new AccessPointNotFoundException({ message: 'no LB', ...meta })],
    [
      'ACM ResourceNotFound',
      new ResourceNotFoundException({ message: 'Could not find certificate', ...meta }),
    ],
    ['EC2 InvalidVpnConnectionID.NotFound', ec2Error('InvalidVpnConnectionID.NotFound')],
    [
      'Direct Connect "does not exist"',
      new DirectConnectClientException({ message: 'Connection dxcon-fgq9rgot does not exist', ...meta }),
    ],
  ])('says %s means the resource is gone', (_label, error) => {
    // Act
    const gone = isNotFound(error);

    // Assess
    expect(gone).toBe(true);
  });

  it('keeps other Direct Connect client errors as failures', () => {
    // Prepare
    const error = new DirectConnectClientException({ message: 'Rate exceeded', ...meta });

    // Act
    const gone = isNotFound(error);

    // Assess
    expect(gone).toBe(false);
  });

  it('keeps throttling as a failure', () => {
    // Act
    const gone = isNotFound(ec2Error('Throttling'));

    // Assess
    expect(gone).toBe(false);
  });
});

describe('isUnavailable', () => {
  it.each(['UnauthorizedOperation', 'UnsupportedOperation', 'InvalidAction', 'AccessDenied'])(
    'treats %s as an API we may not use here',
    (code) => {
      // Act
      const unavailable = isUnavailable(ec2Error(code));

      // Assess
      expect(unavailable).toBe(true);
    },
  );

  it('does not treat a server error as unavailability', () => {
    // Act
    const unavailable = isUnavailable(ec2Error('InternalError'));

    // Assess
    expect(unavailable).toBe(false);
  });
});

describe('apiError', () => {
  it('names the call, the resource and the error code', () => {
    // Act
    const error = apiError(
      'DescribeRules',
      'arn:aws:elasticloadbalancing:listener/app/x',
      ec2Error('Throttling'),
    );

    // Assess
    expect(error).toEqual({
      source: 'api:DescribeRules arn:aws:elasticloadbalancing:listener/app/x',
      message: 'Throttling: Throttling happened',
    });
  });
});

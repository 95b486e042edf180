import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_LATTICE } from '../../../helpers/routed-events.js';

const LISTENER =
  'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0a1b2c3d4e5f60718/listener/listener-0f1e2d3c4b5a69788';

const refIds = (event: unknown) => {
  const result = routeCloudTrail(event);
  if (result.kind !== 'inspect') throw new Error(`not inspected: ${result.kind}`);
  return result.refs.map((ref) => ref.resourceId);
};

describe('routeCloudTrail on VPC Lattice calls', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_LATTICE);
  });

  it('completes the listener ARN from ids when UpdateListener names them without a response', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-vpc-lattice-update-listener'),
      ['detail', 'responseElements'],
      null,
    );

    // Act & Assess
    expect(refIds(event)).toEqual([LISTENER]);
  });

  it('takes a listener ARN given as the listenerIdentifier', () => {
    // Prepare
    let event = withValue(
      loadEvent('cloudtrail-vpc-lattice-update-listener'),
      ['detail', 'responseElements'],
      null,
    );
    event = withValue(event, ['detail', 'requestParameters', 'listenerIdentifier'], LISTENER);
    event = withValue(event, ['detail', 'requestParameters', 'serviceIdentifier'], undefined);

    // Act & Assess
    expect(refIds(event)).toEqual([LISTENER]);
  });

  it('refuses a call that names no listener, naming the field', () => {
    // Prepare
    let event = withValue(
      loadEvent('cloudtrail-vpc-lattice-delete-listener'),
      ['detail', 'requestParameters', 'listenerIdentifier'],
      'rule-0123',
    );
    event = withValue(event, ['detail', 'responseElements'], null);

    // Act & Assess
    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.requestParameters\.listenerIdentifier/);
  });

  it('ignores CreateService, with the reason: a new service has no listener yet', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-vpc-lattice-delete-service'),
      ['detail', 'eventName'],
      'CreateService',
    );

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'ignore',
      reason: 'a new VPC Lattice service has no listener yet; its CreateListener is judged',
    });
  });

  it('ignores a VPC Lattice call out of scope (target groups are not judged here)', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-vpc-lattice-create-listener'),
      ['detail', 'eventName'],
      'CreateTargetGroup',
    );

    // Act & Assess
    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'CreateTargetGroup is out of scope for VPC Lattice',
    });
  });
});

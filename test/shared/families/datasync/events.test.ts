import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_DATASYNC } from '../../../helpers/routed-events.js';

const LOCATION = 'arn:aws:datasync:eu-west-1:111122223333:location/loc-0a1b2c3d4e5f60711';

describe('routeCloudTrail on DataSync calls', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_DATASYNC);
  });

  it('takes the location from the request when a Create call has no response, in the API spelling too', () => {
    // Prepare
    let event = withValue(
      loadEvent('cloudtrail-datasync-create-location-object-storage'),
      ['detail', 'responseElements'],
      null,
    );
    event = withValue(event, ['detail', 'requestParameters', 'LocationArn'], LOCATION);

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [{ resourceType: 'AWS::DataSync::LocationObjectStorage', resourceId: LOCATION }],
    });
  });

  it('refuses a call that names no location ARN, naming the field', () => {
    // Prepare
    let event = withValue(
      loadEvent('cloudtrail-datasync-update-location-smb'),
      ['detail', 'requestParameters', 'locationArn'],
      'loc-0a1b2c3d4e5f60714',
    );
    event = withValue(event, ['detail', 'responseElements'], null);

    // Act & Assess
    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.responseElements\.locationArn/);
  });

  it('leaves task calls out of scope', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-datasync-create-location-nfs'),
      ['detail', 'eventName'],
      'StartTaskExecution',
    );

    // Act & Assess
    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'StartTaskExecution is out of scope for DataSync',
    });
  });
});

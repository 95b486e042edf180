import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_S3 } from '../../../helpers/routed-events.js';

describe('routeCloudTrail on S3 calls', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_S3);
  });

  it('puts a bucket of a China region in its partition', () => {
    // Prepare
    let event = withValue(loadEvent('cloudtrail-s3-put-bucket-policy'), ['region'], 'cn-north-1');
    event = withValue(event, ['detail', 'awsRegion'], 'cn-north-1');

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'arn:aws-cn:s3:::shop-assets-eu' }],
    });
  });

  it('refuses a call that names no bucket, naming the field', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-s3-delete-bucket-policy'),
      ['detail', 'requestParameters', 'bucketName'],
      '',
    );

    // Act & Assess
    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.requestParameters\.bucketName/);
  });

  it('leaves object-level and other bucket calls out of scope', () => {
    // Prepare
    const event = withValue(loadEvent('cloudtrail-s3-create-bucket'), ['detail', 'eventName'], 'PutObject');

    // Act & Assess
    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'PutObject is out of scope for S3',
    });
  });

  it('routes an AWS::S3::Bucket Config item change to the bucket by its ARN', () => {
    // Prepare: the VPN connection's change notification carrying a bucket item instead
    const item = JSON.parse(
      readFileSync(new URL('../../../fixtures/inputs/s3/config-item-bucket.json', import.meta.url), 'utf8'),
    );
    const event = withValue(loadEvent('config-change-vpn-connection'), ['detail', 'configurationItem'], item);

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [
        { resourceType: 'AWS::S3::Bucket', resourceId: 'arn:aws:s3:::shop-assets-eu', region: 'eu-west-1' },
      ],
    });
  });
});

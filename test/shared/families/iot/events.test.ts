/** The AWS IoT CloudTrail calls, routed to the certificate, CA or domain configuration each one changed. */
import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_IOT } from '../../../helpers/routed-events.js';

describe('AWS IoT CloudTrail calls', () => {
  itRoutesEveryCall(ROUTED_IOT);

  it('keeps nothing of CreateKeysAndCertificate’s private key in what it routes', () => {
    // Prepare
    const event = loadEvent('cloudtrail-iot-create-keys-and-certificate');

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(JSON.stringify(event)).toContain('PRIVATE KEY');
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });

  it('refuses UpdateCertificate without a certificate id, naming the field', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-iot-update-certificate'),
      ['detail', 'requestParameters'],
      {},
    );

    // Act, Assess
    expect(() => routeCloudTrail(event)).toThrow(/detail\.requestParameters\.certificateId/);
  });
});

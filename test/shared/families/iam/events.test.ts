import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { ACKNOWLEDGED_API_CALLS } from '../../../helpers/api-calls.js';
import { itRoutesEveryCall, ROUTED_IAM } from '../../../helpers/routed-events.js';

describe('routeCloudTrail on IAM server certificate calls (global: delivered in us-east-1)', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_IAM);
  });

  it('reads a certificate once when UpdateServerCertificate only moves it to another path', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-iam-update-server-certificate'),
      ['detail', 'requestParameters', 'newServerCertificateName'],
      undefined,
    );

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [
        { resourceType: 'AWS::IAM::ServerCertificate', resourceId: 'legacy-api-2026', region: 'us-east-1' },
      ],
    });
    expect((result as { refs: unknown[] }).refs).toHaveLength(1);
  });

  it('refuses a call that names no server certificate, naming the field', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-iam-delete-server-certificate'),
      ['detail', 'requestParameters', 'serverCertificateName'],
      undefined,
    );

    // Act & Assess
    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.requestParameters\.serverCertificateName/);
  });

  it('leaves other IAM calls out of scope, and acknowledges none without routing it', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-iam-upload-server-certificate'),
      ['detail', 'eventName'],
      'CreateUser',
    );

    // Act
    const result = routeCloudTrail(event);

    // Assess
    expect(result).toMatchObject({ kind: 'ignore', reason: 'CreateUser is out of scope for IAM' });
    expect(ACKNOWLEDGED_API_CALLS['aws.iam']).toBeUndefined();
  });
});

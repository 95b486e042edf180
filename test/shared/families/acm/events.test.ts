import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError, UnsupportedEventError } from '../../../../shared/events/errors.js';
import { routeNativeEvent } from '../../../../shared/events/native.js';
import { acmEventDetailSchema } from '../../../../shared/families/acm/events.js';
import { ACCOUNT_ID, loadEvent, REGION, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_ACM, ref } from '../../../helpers/routed-events.js';

const CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10`;
const IMPORTED_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/2b4d6f80-13a5-4c7e-8f90-a1b2c3d4e5f6`;

describe('ACM events through routeNativeEvent', () => {
  it.each([
    {
      fixture: 'acm-certificate-approaching-expiration',
      detailType: 'ACM Certificate Approaching Expiration',
      certificateArn: IMPORTED_CERTIFICATE,
    },
    {
      fixture: 'acm-certificate-expired',
      detailType: 'ACM Certificate Expired',
      certificateArn: IMPORTED_CERTIFICATE,
    },
    {
      fixture: 'acm-certificate-renewal-action-required',
      detailType: 'ACM Certificate Renewal Action Required',
      certificateArn: CERTIFICATE,
    },
    {
      fixture: 'acm-certificate-available',
      detailType: 'ACM Certificate Available',
      certificateArn: CERTIFICATE,
    },
    {
      fixture: 'acm-certificate-revoked',
      detailType: 'ACM Certificate Revoked',
      certificateArn: CERTIFICATE,
    },
  ])('routes "$detailType" to the certificate in resources[0]', ({ fixture, detailType, certificateArn }) => {
    // Prepare
    const event = loadEvent(fixture);

    // Act
    const result = routeNativeEvent(event);

    // Assess
    expect(result).toStrictEqual({
      kind: 'inspect',
      eventId: event.id,
      eventName: detailType,
      eventTime: event.time,
      refs: [
        {
          resourceType: 'AWS::ACM::Certificate',
          resourceId: certificateArn,
          accountId: ACCOUNT_ID,
          region: REGION,
        },
      ],
    });
  });

  it('accepts the older event shape that carries only DaysToExpiry and CommonName', () => {
    // Prepare
    const event = loadEvent('acm-certificate-approaching-expiration');

    // Act
    const result = routeNativeEvent(event);

    // Assess
    expect(Object.keys(event.detail as object)).toStrictEqual(['DaysToExpiry', 'CommonName']);
    expect(result.kind).toBe('inspect');
  });

  it('accepts an empty detail', () => {
    // Prepare
    const event = withValue(loadEvent('acm-certificate-expired'), ['detail'], {});

    // Act
    const result = routeNativeEvent(event);

    // Assess
    expect(result.kind).toBe('inspect');
  });

  it('does not fail on an optional field of an unexpected type', () => {
    // Prepare
    const event = withValue(
      loadEvent('acm-certificate-renewal-action-required'),
      ['detail', 'InUse'],
      'true',
    );

    // Act
    const result = routeNativeEvent(event);

    // Assess
    expect(result.kind).toBe('inspect');
  });

  it('names resources[0] when the event lists no certificate', () => {
    // Prepare
    const event = withValue(loadEvent('acm-certificate-expired'), ['resources'], []);

    // Act
    const act = () => routeNativeEvent(event);

    // Assess
    expect(act).toThrow(EventValidationError);
    expect(act).toThrow(
      `resources[0]: expected an ACM certificate ARN, received undefined (event ${event.id})`,
    );
  });

  it('rejects a resource that is not an ACM certificate', () => {
    // Prepare
    const event = withValue(
      loadEvent('acm-certificate-expired'),
      ['resources'],
      [`arn:aws:iam::${ACCOUNT_ID}:role/x`],
    );

    // Act
    const act = () => routeNativeEvent(event);

    // Assess
    expect(act).toThrow('resources[0]: expected an ACM certificate ARN');
  });

  it('refuses an ACM detail-type it does not know', () => {
    // Prepare
    const event = withValue(
      loadEvent('acm-certificate-expired'),
      ['detail-type'],
      'ACM Certificate Exported',
    );

    // Act
    const act = () => routeNativeEvent(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
  });

  it('refuses "ACM Certificate Rotated", which the ACM user guide does not describe', () => {
    // Prepare
    const event = withValue(
      loadEvent('acm-certificate-available'),
      ['detail-type'],
      'ACM Certificate Rotated',
    );

    // Act
    const act = () => routeNativeEvent(event);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'UnsupportedEventError',
        message: `detail-type: "ACM Certificate Rotated" from "aws.acm" is not an ACM event (event ${event.id})`,
      }),
    );
  });

  it('refuses an ACM detail-type from another source', () => {
    // Prepare
    const event = withValue(loadEvent('acm-certificate-expired'), ['source'], 'custom.acm');

    // Act
    const act = () => routeNativeEvent(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
    expect(act).toThrow(
      expect.objectContaining({
        eventId: event.id,
        message: `detail-type: "ACM Certificate Expired" from "custom.acm" is not an ACM event (event ${event.id})`,
      }),
    );
  });
});

describe('acmEventDetailSchema', () => {
  it('reads the fields of the current event shape', () => {
    // Prepare
    const detail = loadEvent('acm-certificate-renewal-action-required').detail;

    // Act
    const parsed = acmEventDetailSchema.parse(detail);

    // Assess
    expect(parsed).toMatchObject({
      DaysToExpiry: 44,
      InUse: true,
      RenewalStatusReason: 'DOMAIN_VALIDATION_DENIED',
    });
  });

  it('drops an optional field of an unexpected type instead of failing', () => {
    // Act
    const parsed = acmEventDetailSchema.parse({ DaysToExpiry: '31', CommonName: 'api.example.com' });

    // Assess
    expect(parsed.DaysToExpiry).toBeUndefined();
    expect(parsed.CommonName).toBe('api.example.com');
  });
});

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_ACM);
  });

  describe('ACM certificate re-imports', () => {
    it.each([
      { response: 'no response', responseElements: null },
      { response: 'an empty certificateArn in the response', responseElements: { certificateArn: '' } },
    ])('routes a re-import with $response to the certificate its request names', ({ responseElements }) => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-acm-import-certificate'),
        ['detail', 'requestParameters', 'certificateArn'],
        IMPORTED_CERTIFICATE,
      );
      event = withValue(event, ['detail', 'responseElements'], responseElements);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        kind: 'inspect',
        refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
      });
    });
  });

  describe('malformed events', () => {
    it('rejects a certificate ARN of another service', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-acm-delete-certificate'),
        ['detail', 'requestParameters', 'certificateArn'],
        `arn:aws:iam::${ACCOUNT_ID}:server-certificate/legacy`,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow('detail.requestParameters.certificateArn: expected an ACM certificate ARN');
    });
  });
});

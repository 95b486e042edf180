import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../../../shared/events/errors.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_PCA } from '../../../helpers/routed-events.js';

describe('routeCloudTrail on AWS Private CA calls', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_PCA);
  });

  it('refuses a CreateCertificateAuthority whose response names no CA ARN, naming the field', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-acm-pca-create-certificate-authority'),
      ['detail', 'responseElements', 'certificateAuthorityArn'],
      'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
    );

    // Act & Assess
    expect(() => routeCloudTrail(event)).toThrow(EventValidationError);
    expect(() => routeCloudTrail(event)).toThrow(/detail\.responseElements\.certificateAuthorityArn/);
  });

  it('leaves IssueCertificate and other calls out of scope', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-acm-pca-update-certificate-authority'),
      ['detail', 'eventName'],
      'IssueCertificate',
    );

    // Act & Assess
    expect(routeCloudTrail(event)).toMatchObject({
      kind: 'ignore',
      reason: 'IssueCertificate is out of scope for Private CA',
    });
  });
});

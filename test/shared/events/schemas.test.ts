import { describe, expect, it } from 'vitest';
import {
  cloudTrailDetailSchema,
  configurationItemSchema,
  parseEventBridgeEvent,
} from '../../../shared/events/schemas.js';
import { loadEvent, withValue } from '../../fixtures/events/load.js';

describe('parseEventBridgeEvent', () => {
  it('keeps keys it does not know', () => {
    // Prepare
    const event = withValue(loadEvent('acm-certificate-expired'), ['replay-name'], 'transit-guard-replay');

    // Act
    const parsed = parseEventBridgeEvent(event);

    // Assess
    expect(parsed['replay-name']).toBe('transit-guard-replay');
  });

  it('names every missing envelope field', () => {
    // Prepare
    const event = withValue(
      withValue(loadEvent('acm-certificate-expired'), ['source'], undefined),
      ['region'],
      7,
    );

    // Act
    const act = () => parseEventBridgeEvent(event);

    // Assess
    expect(act).toThrow(
      `source: expected string, received undefined; region: expected string, received number (event ${event.id})`,
    );
  });
});

describe('cloudTrailDetailSchema', () => {
  it('accepts null requestParameters and responseElements', () => {
    // Prepare
    const detail = withValue(
      loadEvent('cloudtrail-acm-delete-certificate'),
      ['detail', 'requestParameters'],
      null,
    ).detail;

    // Act
    const result = cloudTrailDetailSchema.safeParse(detail);

    // Assess
    expect(result.success).toBe(true);
  });

  it('accepts a record without a userIdentity type (routing does not read it; the loop guard then inspects the call)', () => {
    // Prepare
    const detail = withValue(
      loadEvent('cloudtrail-acm-delete-certificate'),
      ['detail', 'userIdentity', 'type'],
      undefined,
    ).detail;

    // Act
    const result = cloudTrailDetailSchema.safeParse(detail);

    // Assess
    expect(result.success).toBe(true);
    expect(result.data?.userIdentity.type).toBeUndefined();
  });

  it('still refuses a userIdentity type that is not a string', () => {
    // Prepare
    const detail = withValue(
      loadEvent('cloudtrail-acm-delete-certificate'),
      ['detail', 'userIdentity', 'type'],
      7,
    ).detail;

    // Act
    const result = cloudTrailDetailSchema.safeParse(detail);

    // Assess
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual(['userIdentity.type']);
  });

  it('requires the session issuer ARN, which the loop guard compares, to be a string', () => {
    // Prepare
    const detail = withValue(
      loadEvent('cloudtrail-ec2-create-vpn-connection'),
      ['detail', 'userIdentity', 'sessionContext', 'sessionIssuer', 'arn'],
      42,
    ).detail;

    // Act
    const result = cloudTrailDetailSchema.safeParse(detail);

    // Assess
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual([
      'userIdentity.sessionContext.sessionIssuer.arn',
    ]);
  });
});

describe('configurationItemSchema', () => {
  it.each([
    { kind: 'an object', configuration: { Port: 443 } },
    { kind: 'a JSON string', configuration: '{"Port":443}' },
    { kind: 'null', configuration: null },
  ])('accepts a configuration that is $kind', ({ configuration }) => {
    // Act
    const result = configurationItemSchema.safeParse({
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/a/1/2',
      configuration,
    });

    // Assess
    expect(result.success).toBe(true);
  });
});

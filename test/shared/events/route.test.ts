import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventValidationError, UnsupportedEventError } from '../../../shared/events/errors.js';
import { isConfigRuleInvocation, routeEvent } from '../../../shared/events/route.js';
import { ACCOUNT_ID, loadEvent, REGION, withValue } from '../../fixtures/events/load.js';

const FIXTURES = readdirSync(new URL('../../fixtures/events/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

describe('routeEvent', () => {
  it('routes a CloudTrail API call', () => {
    // Prepare
    const event = loadEvent('cloudtrail-ec2-create-vpn-connection');

    // Act
    const result = routeEvent(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      eventName: 'CreateVpnConnection',
      refs: [
        {
          resourceType: 'AWS::EC2::VPNConnection',
          resourceId: 'vpn-0c7d8e9f0a1b2c3d4',
          accountId: ACCOUNT_ID,
          region: REGION,
        },
      ],
    });
  });

  it('routes an ACM event', () => {
    // Prepare
    const event = loadEvent('acm-certificate-expired');

    // Act
    const result = routeEvent(event);

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', eventName: 'ACM Certificate Expired' });
  });

  it('routes a Config configuration item change', () => {
    // Prepare
    const event = loadEvent('config-change-elbv2-listener');

    // Act
    const result = routeEvent(event);

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', eventName: 'Config Configuration Item Change' });
  });

  it('routes a custom Config rule invocation by its configuration item', () => {
    // Prepare
    const event = loadEvent('config-rule-change-vpn-connection');

    // Act
    const result = routeEvent(event);

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', eventName: 'ConfigurationItemChangeNotification' });
  });

  it.each(FIXTURES)('accepts the fixture %s', (fixture) => {
    // Prepare
    const event = loadEvent(fixture);

    // Act
    const result = routeEvent(event);

    // Assess
    expect(['inspect', 'ignore']).toContain(result.kind);
  });

  it('refuses an event from a source it has no route for', () => {
    // Prepare
    let event = withValue(loadEvent('acm-certificate-expired'), ['source'], 'aws.health');
    event = withValue(event, ['detail-type'], 'AWS Health Event');

    // Act
    const act = () => routeEvent(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
    expect(act).toThrow(
      expect.objectContaining({
        eventId: event.id,
        message: `source: no route for "AWS Health Event" from "aws.health" (event ${event.id})`,
      }),
    );
  });

  it('refuses an unknown detail-type from a routed source', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elbv2-listener'),
      ['detail-type'],
      'Config Rules Compliance Change',
    );

    // Act
    const act = () => routeEvent(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
  });

  it('names the missing detail and carries the event id', () => {
    // Prepare
    const event = withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail'], undefined);

    // Act
    const act = () => routeEvent(event);

    // Assess
    expect(act).toThrow(EventValidationError);
    expect(act).toThrow(
      expect.objectContaining({
        eventId: event.id,
        message: `detail: expected object, received undefined (event ${event.id})`,
      }),
    );
  });

  it('names invokingEvent of a rule invocation that is not JSON', () => {
    // Prepare
    const event = { ...loadEvent('config-rule-change-vpn-connection'), invokingEvent: 'not json' };

    // Act
    const act = () => routeEvent(event);

    // Assess
    expect(act).toThrow(/^invokingEvent: expected a JSON string/);
  });

  it.each([{ input: undefined }, { input: null }, { input: 'event' }, { input: {} }])(
    'throws EventValidationError, never a TypeError, for $input',
    ({ input }) => {
      // Act
      const act = () => routeEvent(input);

      // Assess
      expect(act).toThrow(EventValidationError);
    },
  );
});

describe('isConfigRuleInvocation', () => {
  it('recognises a custom Config rule invocation by its invokingEvent', () => {
    // Act
    const result = isConfigRuleInvocation(loadEvent('config-rule-change-vpn-connection'));

    // Assess
    expect(result).toBe(true);
  });

  it('does not take an EventBridge event that also carries an invokingEvent for a rule invocation', () => {
    // Prepare
    const event = withValue(loadEvent('config-change-vpn-connection'), ['invokingEvent'], '{}');

    // Act
    const result = isConfigRuleInvocation(event);

    // Assess
    expect(result).toBe(false);
  });
});

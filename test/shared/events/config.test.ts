import { describe, expect, it } from 'vitest';
import { parseConfigRuleInvocation, routeConfigChange } from '../../../shared/events/config.js';
import { EventValidationError, UnsupportedEventError } from '../../../shared/events/errors.js';
import { ACCOUNT_ID, type EventFixture, loadEvent, REGION, withValue } from '../../fixtures/events/load.js';
import {
  CERTIFICATE,
  CONFIG_CHANGE,
  HTTP_LISTENER,
  HTTPS_LISTENER,
  IMPORTED_CERTIFICATE,
  ref,
  VPN,
} from '../../helpers/routed-events.js';

/** A copy of a rule invocation whose decoded invokingEvent has `path` set to `value` (removed if undefined). */
function withInvokingValue(
  event: EventFixture,
  path: readonly (string | number)[],
  value: unknown,
): EventFixture {
  const decoded = { invokingEvent: JSON.parse(event.invokingEvent as string) as unknown };
  const changed = withValue(decoded, ['invokingEvent', ...path], value);
  return { ...structuredClone(event), invokingEvent: JSON.stringify(changed.invokingEvent) };
}

describe('routeConfigChange', () => {
  it.each([
    { spelling: 'awsAccountId', key: 'awsAccountId' },
    { spelling: 'accountId (the snapshot spelling)', key: 'accountId' },
  ])("takes the account from the item's $spelling before the envelope's", ({ key }) => {
    // Prepare
    let event = withValue(
      loadEvent('config-change-vpn-connection'),
      ['detail', 'configurationItem', 'awsAccountId'],
      undefined,
    );
    event = withValue(event, ['detail', 'configurationItem', key], '444455556666');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(event.account).toBe(ACCOUNT_ID);
    expect(result).toMatchObject({ refs: [{ accountId: '444455556666' }] });
  });

  it('marks a deleted certificate item as deleted', () => {
    // Prepare
    const event = loadEvent('config-change-acm-certificate-deleted');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
      deleted: true,
    });
  });

  it('marks an item deleted and no longer recorded as deleted', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-vpn-connection'),
      ['detail', 'configurationItem', 'configurationItemStatus'],
      'ResourceDeletedNotRecorded',
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', deleted: true });
  });

  it('does not mark a discovered resource as deleted', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-vpn-connection'),
      ['detail', 'configurationItem', 'configurationItemStatus'],
      'ResourceDiscovered',
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).not.toHaveProperty('deleted');
  });

  it('ignores a resource type it does not monitor', () => {
    // Prepare
    const event = loadEvent('config-change-security-group');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toStrictEqual({
      kind: 'ignore',
      eventId: event.id,
      reason: 'resource type AWS::EC2::SecurityGroup is not monitored',
    });
  });

  it('reads a resource type spelled in upper case by older notifications', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-vpn-connection'),
      ['detail', 'configurationItem', 'resourceType'],
      'AWS::EC2::VPNCONNECTION',
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({ refs: [ref('AWS::EC2::VPNConnection', VPN)] });
  });

  it('routes an oversized notification from its summary, with no item', () => {
    // Prepare
    const event = loadEvent('config-change-oversized-elbv2-listener');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toStrictEqual({
      kind: 'inspect',
      eventId: event.id,
      eventName: CONFIG_CHANGE,
      eventTime: '2026-03-16T08:04:12.511Z',
      refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)],
    });
  });

  it('takes account and region from the envelope when the item lacks them', () => {
    // Prepare
    let event = withValue(
      loadEvent('config-change-vpn-connection'),
      ['detail', 'configurationItem', 'awsRegion'],
      undefined,
    );
    event = withValue(event, ['detail', 'configurationItem', 'awsAccountId'], undefined);
    event = withValue(withValue(event, ['account'], '222233334444'), ['region'], 'eu-north-1');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({ refs: [{ accountId: '222233334444', region: 'eu-north-1' }] });
  });

  it('names the missing configuration item', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elbv2-listener'),
      ['detail', 'configurationItem'],
      undefined,
    );

    // Act
    const act = () => routeConfigChange(event);

    // Assess
    expect(act).toThrow(EventValidationError);
    expect(act).toThrow('detail.configurationItem: expected object, received undefined');
  });

  it('names an unknown messageType', () => {
    // Prepare
    const event = withValue(loadEvent('config-change-elbv2-listener'), ['detail', 'messageType'], 'Surprise');

    // Act
    const act = () => routeConfigChange(event);

    // Assess
    expect(act).toThrow(/^detail\.messageType: /);
  });

  it('names a missing detail', () => {
    // Prepare
    const event = withValue(loadEvent('config-change-elbv2-listener'), ['detail'], undefined);

    // Act
    const act = () => routeConfigChange(event);

    // Assess
    expect(act).toThrow(`detail: expected object, received undefined (event ${event.id})`);
  });

  it('refuses another detail-type from aws.config', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elbv2-listener'),
      ['detail-type'],
      'Config Rules Compliance Change',
    );

    // Act
    const act = () => routeConfigChange(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
  });

  it('refuses a configuration item change from another source, naming detail-type and source', () => {
    // Prepare
    const event = withValue(loadEvent('config-change-elbv2-listener'), ['source'], 'custom.config');

    // Act
    const act = () => routeConfigChange(event);

    // Assess
    expect(act).toThrow(UnsupportedEventError);
    expect(act).toThrow(
      expect.objectContaining({
        eventId: event.id,
        message: `detail-type: "${CONFIG_CHANGE}" from "custom.config" is not a configuration item change (event ${event.id})`,
      }),
    );
  });
});

describe('parseConfigRuleInvocation', () => {
  it('decodes a change-triggered invocation with rule parameters', () => {
    // Prepare
    const event = loadEvent('config-rule-change-elbv2-listener');
    const invokingEvent = JSON.parse(event.invokingEvent as string) as { configurationItem: unknown };

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation).toStrictEqual({
      eventId: expect.stringMatching(/^config-rule-k3x9pq:[0-9a-f]{32}$/),
      configRuleName: 'transit-guard-elbv2-listener-tls',
      configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT_ID}:config-rule/config-rule-k3x9pq`,
      configRuleId: 'config-rule-k3x9pq',
      accountId: ACCOUNT_ID,
      region: REGION,
      resultToken: event.resultToken,
      executionRoleArn: event.executionRoleArn,
      eventLeftScope: false,
      evaluationMode: 'DETECTIVE',
      ruleParameters: { minimumTlsVersion: 'TLSv1.2' },
      messageType: 'ConfigurationItemChangeNotification',
      trigger: 'change',
      notificationCreationTime: '2026-03-16T08:04:13.412Z',
      route: {
        kind: 'inspect',
        eventId: invocation.eventId,
        eventName: 'ConfigurationItemChangeNotification',
        eventTime: '2026-03-16T08:04:12.511Z',
        refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)],
        configurationItem: invokingEvent.configurationItem,
      },
    });
  });

  it('gives empty rule parameters when the invocation has none, and tolerates a null diff', () => {
    // Prepare
    const event = loadEvent('config-rule-change-vpn-connection');

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(event).not.toHaveProperty('ruleParameters');
    expect(invocation.ruleParameters).toStrictEqual({});
    expect(invocation.route).toMatchObject({ kind: 'inspect', refs: [ref('AWS::EC2::VPNConnection', VPN)] });
  });

  it.each([
    { kind: 'null', ruleParameters: null },
    { kind: 'empty', ruleParameters: '' },
    { kind: 'blank', ruleParameters: ' \n ' },
  ])('gives empty rule parameters when ruleParameters is $kind', ({ ruleParameters }) => {
    // Prepare
    const event = { ...loadEvent('config-rule-scheduled'), ruleParameters };

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.ruleParameters).toStrictEqual({});
  });

  it('leaves out the rule id, evaluation mode and times the invocation does not give', () => {
    // Prepare
    let event: EventFixture = withInvokingValue(
      loadEvent('config-rule-change-elbv2-listener'),
      ['notificationCreationTime'],
      undefined,
    );
    event = withInvokingValue(event, ['configurationItem', 'configurationItemCaptureTime'], undefined);
    event = withValue(withValue(event, ['configRuleId'], undefined), ['evaluationMode'], undefined);

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.eventId).toMatch(/^transit-guard-elbv2-listener-tls:[0-9a-f]{32}$/);
    expect(Object.keys(invocation)).not.toContain('configRuleId');
    expect(Object.keys(invocation)).not.toContain('evaluationMode');
    expect(Object.keys(invocation)).not.toContain('notificationCreationTime');
    expect(Object.keys(invocation.route)).not.toContain('eventTime');
    expect(invocation.route).toMatchObject({
      kind: 'inspect',
      refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)],
    });
  });

  it('marks a deleted resource that left the scope', () => {
    // Prepare
    const event = loadEvent('config-rule-change-elbv2-listener-deleted');

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.eventLeftScope).toBe(true);
    expect(invocation.route).toMatchObject({
      kind: 'inspect',
      refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTP_LISTENER)],
      deleted: true,
    });
  });

  it('keeps the ref of a resource that left the scope, so it can be reported NOT_APPLICABLE', () => {
    // Prepare
    const event = { ...loadEvent('config-rule-change-elbv2-listener'), eventLeftScope: true };

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.eventLeftScope).toBe(true);
    expect(invocation.route).toMatchObject({
      kind: 'inspect',
      refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)],
    });
    expect(invocation.route).not.toHaveProperty('deleted');
  });

  it('routes an oversized notification from its summary, with no item', () => {
    // Prepare
    const event = loadEvent('config-rule-oversized-acm-certificate');

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.trigger).toBe('change');
    expect(invocation.route).toStrictEqual({
      kind: 'inspect',
      eventId: invocation.eventId,
      eventName: 'OversizedConfigurationItemChangeNotification',
      eventTime: '2026-03-16T14:20:45.118Z',
      refs: [ref('AWS::ACM::Certificate', CERTIFICATE)],
    });
  });

  it.each([
    { fixture: 'config-rule-scheduled', messageType: 'ScheduledNotification' },
    { fixture: 'config-rule-snapshot-delivered', messageType: 'ConfigurationSnapshotDeliveryCompleted' },
  ])('treats $messageType as a periodic trigger with nothing to route', ({ fixture, messageType }) => {
    // Prepare
    const event = loadEvent(fixture);

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation).toMatchObject({ trigger: 'periodic', messageType });
    expect(invocation.route).toStrictEqual({
      kind: 'ignore',
      eventId: invocation.eventId,
      reason: `${messageType} carries no configuration item; evaluate every resource instead`,
    });
  });

  it('takes account and region from the invocation when the item lacks them', () => {
    // Prepare
    let event = withInvokingValue(
      loadEvent('config-rule-change-vpn-connection'),
      ['configurationItem', 'awsRegion'],
      undefined,
    );
    event = withInvokingValue(event, ['configurationItem', 'awsAccountId'], undefined);

    // Act
    const invocation = parseConfigRuleInvocation(event);

    // Assess
    expect(invocation.route).toMatchObject({ refs: [{ accountId: ACCOUNT_ID, region: REGION }] });
  });

  it('derives the same event id for a retried invocation and another for a new one', () => {
    // Prepare
    const event = loadEvent('config-rule-change-elbv2-listener');
    const next = { ...event, resultToken: 'eyJyZXN1bHRUb2tlbiI6Im5leHQifQ==' };

    // Act
    const first = parseConfigRuleInvocation(event).eventId;
    const retried = parseConfigRuleInvocation(structuredClone(event)).eventId;
    const other = parseConfigRuleInvocation(next).eventId;

    // Assess
    expect(retried).toBe(first);
    expect(other).not.toBe(first);
  });

  it('names invokingEvent when it is not JSON', () => {
    // Prepare
    const event = { ...loadEvent('config-rule-scheduled'), invokingEvent: '{"messageType":' };

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow(EventValidationError);
    expect(act).toThrow(/^invokingEvent: expected a JSON string, received invalid JSON/);
    expect(act).toThrow(
      expect.objectContaining({
        eventId: expect.stringMatching(/^config-rule-k3x9pq:[0-9a-f]{32}$/),
        cause: expect.any(SyntaxError),
      }),
    );
  });

  it('names invokingEvent.messageType when it is missing', () => {
    // Prepare
    const event = withInvokingValue(loadEvent('config-rule-scheduled'), ['messageType'], undefined);

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow(/^invokingEvent\.messageType: /);
  });

  it('names the field of a configuration item that lacks its resource id', () => {
    // Prepare
    const event = withInvokingValue(
      loadEvent('config-rule-change-vpn-connection'),
      ['configurationItem', 'resourceId'],
      undefined,
    );

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow('invokingEvent.configurationItem.resourceId: expected string, received undefined');
  });

  it('names ruleParameters when it is not JSON', () => {
    // Prepare
    const event = { ...loadEvent('config-rule-scheduled'), ruleParameters: 'minimumTlsVersion=TLSv1.2' };

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow(/^ruleParameters: expected a JSON string, received invalid JSON/);
  });

  it.each([
    { ruleParameters: '["TLSv1.2"]', received: 'array' },
    { ruleParameters: 'null', received: 'null' },
    { ruleParameters: '"TLSv1.2"', received: '"TLSv1.2"' },
    { ruleParameters: '12', received: 'number' },
  ])(
    'names ruleParameters when it is JSON but not an object: $ruleParameters',
    ({ ruleParameters, received }) => {
      // Prepare
      const event = { ...loadEvent('config-rule-scheduled'), ruleParameters };

      // Act
      const act = () => parseConfigRuleInvocation(event);

      // Assess
      expect(act).toThrow(EventValidationError);
      expect(act).toThrow(`ruleParameters: expected a JSON object, received ${received} (event `);
    },
  );

  it('names a missing resultToken', () => {
    // Prepare
    const event = withValue(loadEvent('config-rule-scheduled'), ['resultToken'], undefined);

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow('resultToken: expected string, received undefined');
  });

  it('names a configRuleArn that is not an ARN', () => {
    // Prepare
    const event = { ...loadEvent('config-rule-scheduled'), configRuleArn: 'config-rule-k3x9pq' };

    // Act
    const act = () => parseConfigRuleInvocation(event);

    // Assess
    expect(act).toThrow('configRuleArn: expected an AWS Config rule ARN, received "config-rule-k3x9pq"');
  });
});

import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { ACCOUNT_ID, loadEvent, withValue } from '../../../fixtures/events/load.js';
import {
  CONFIG_CHANGE,
  ELB_ARN,
  HTTP_LISTENER,
  HTTPS_LISTENER,
  itemOf,
  itRoutesEveryCall,
  listener,
  ROUTED_ELBV2,
  ref,
  SHOP_WEB_TARGET_GROUP,
} from '../../../helpers/routed-events.js';

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_ELBV2);
  });

  describe('ELBv2 listeners and rules', () => {
    it('finds the listener of a new rule from the rule ARN when the request does not name it', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-rule'),
        ['detail', 'requestParameters', 'listenerArn'],
        undefined,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        kind: 'inspect',
        refs: [
          listener(HTTPS_LISTENER),
          ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP),
        ],
      });
    });

    it('routes a new rule to the listener its request names, even when the response rule ARN is null', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-rule'),
        ['detail', 'responseElements', 'rules', 0, 'ruleArn'],
        null,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        kind: 'inspect',
        refs: [
          listener(HTTPS_LISTENER),
          ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP),
        ],
      });
    });

    it('names the request listenerArn when a new rule names neither its listener nor its ARN', () => {
      // Prepare
      const event = withValue(
        withValue(
          loadEvent('cloudtrail-elbv2-create-rule'),
          ['detail', 'requestParameters', 'listenerArn'],
          undefined,
        ),
        ['detail', 'responseElements'],
        null,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.listenerArn: expected string, received undefined (event ${event.id})`,
      );
    });

    it('lists each listener once when SetRulePriorities moves several rules of it', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elbv2-set-rule-priorities');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result.kind === 'inspect' && result.refs.map((r) => r.resourceId)).toStrictEqual([
        HTTPS_LISTENER,
        HTTP_LISTENER,
      ]);
    });

    it('ignores an ELBv2 CreateLoadBalancer, which creates no listener', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elbv2-create-load-balancer');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'an ELBv2 CreateLoadBalancer call creates no listener; CreateListener events cover listeners',
      });
    });

    it('ignores AddTags, which changes nothing in transit', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elbv2-add-tags');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'AddTags is out of scope for ELBv2 (API 2015-12-01)',
      });
    });
  });

  describe('deleted load balancers and listeners', () => {
    it.each([
      {
        kind: 'network',
        loadBalancerArn: `${ELB_ARN}:loadbalancer/net/shop-edge/7b2e4d6f8a1c3e50`,
        prefix: `${ELB_ARN}:listener/net/shop-edge/7b2e4d6f8a1c3e50/`,
      },
      {
        kind: 'gateway',
        loadBalancerArn: `arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT_ID}:loadbalancer/gwy/inspect/0e1d2c3b4a596877`,
        prefix: `arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT_ID}:listener/gwy/inspect/0e1d2c3b4a596877/`,
      },
    ])('closes every listener of a deleted $kind load balancer', ({ loadBalancerArn, prefix }) => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-delete-load-balancer'),
        ['detail', 'requestParameters', 'loadBalancerArn'],
        loadBalancerArn,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ deleted: true, byPrefix: true, refs: [listener(prefix)] });
    });

    it('rejects a DeleteLoadBalancer whose ARN is not an ELBv2 load balancer, naming the field', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-delete-load-balancer'),
        ['detail', 'requestParameters', 'loadBalancerArn'],
        `${ELB_ARN}:loadbalancer/legacy-api`,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.loadBalancerArn: expected an ELBv2 load balancer ARN, received "${ELB_ARN}:loadbalancer/legacy-api" (event ${event.id})`,
      );
    });

    it('names loadBalancerArn when an ELBv2 DeleteLoadBalancer has none', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-delete-load-balancer'),
        ['detail', 'requestParameters'],
        null,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.loadBalancerArn: expected string, received undefined (event ${event.id})`,
      );
    });
  });

  describe('malformed events', () => {
    it('names the response field when CreateListener has no response', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-listener'),
        ['detail', 'responseElements'],
        null,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.responseElements.listeners[0].listenerArn: expected string, received undefined',
      );
    });

    it('rejects a rule ARN that is not a listener rule ARN', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-modify-rule'),
        ['detail', 'requestParameters', 'ruleArn'],
        HTTPS_LISTENER,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.ruleArn: expected a listener rule ARN, received "${HTTPS_LISTENER}"`,
      );
    });

    it('rejects a listener ARN that is not one', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-add-listener-certificates'),
        ['detail', 'requestParameters', 'listenerArn'],
        'listener-1',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.listenerArn: expected a listener ARN, received "listener-1"',
      );
    });

    it('rejects an empty SetRulePriorities', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-set-rule-priorities'),
        ['detail', 'requestParameters', 'rulePriorities'],
        [],
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.rulePriorities: expected a non-empty array, received array',
      );
    });
  });
});

describe('routeConfigChange', () => {
  it('routes a listener item to the listener, with the item as AWS sent it', () => {
    // Prepare
    const event = loadEvent('config-change-elbv2-listener');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toStrictEqual({
      kind: 'inspect',
      eventId: event.id,
      eventName: CONFIG_CHANGE,
      eventTime: '2026-03-16T08:04:12.511Z',
      refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)],
      configurationItem: itemOf(event),
    });
  });

  it('names a listener by its resource id when Config gives an empty ARN', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elbv2-listener'),
      ['detail', 'configurationItem', 'ARN'],
      '',
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({ refs: [ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)] });
  });

  it('ignores an ELBv2 load balancer item, which carries no listener data', () => {
    // Prepare
    const event = loadEvent('config-change-elbv2-load-balancer');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toStrictEqual({
      kind: 'ignore',
      eventId: event.id,
      reason:
        'load balancer items carry no listener data; listener items and CloudTrail events cover listeners',
    });
  });
});

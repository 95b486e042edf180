import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { ACCOUNT_ID, loadEvent, withValue } from '../../../fixtures/events/load.js';
import {
  classic,
  ELB_ARN,
  HTTPS_LISTENER,
  itemOf,
  itRoutesEveryCall,
  listener,
  ROUTED_ELB,
  ref,
  SHOP_WEB_LISTENERS,
} from '../../../helpers/routed-events.js';

const CLASSIC = `${ELB_ARN}:loadbalancer/legacy-api`;

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_ELB);
  });

  describe('classic or v2 load balancer calls', () => {
    it('treats a CreateLoadBalancer without apiVersion that names loadBalancerName as classic', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elb-create-load-balancer'),
        ['detail', 'apiVersion'],
        undefined,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'inspect', refs: [classic] });
    });

    it('treats a CreateLoadBalancer without apiVersion that names `name` as v2', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-load-balancer'),
        ['detail', 'apiVersion'],
        undefined,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'ignore' });
    });

    it('routes a listener call without apiVersion to the listener', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-modify-listener'),
        ['detail', 'apiVersion'],
        undefined,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'inspect', refs: [listener(HTTPS_LISTENER)] });
    });

    it('treats a call without apiVersion and without request parameters as v2', () => {
      // Prepare
      let event = withValue(loadEvent('cloudtrail-elbv2-add-tags'), ['detail', 'apiVersion'], undefined);
      event = withValue(event, ['detail', 'requestParameters'], null);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'AddTags is out of scope for ELBv2 (API 2015-12-01)',
      });
    });

    it('ignores a classic-only call name that arrives with the v2 apiVersion', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elb-create-load-balancer-listeners'),
        ['detail', 'apiVersion'],
        '2015-12-01',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'ignore' });
    });

    it('builds the classic load balancer ARN in the partition of the region', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elb-create-load-balancer'),
        ['detail', 'awsRegion'],
        'cn-north-1',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        refs: [
          {
            resourceId: `arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT_ID}:loadbalancer/legacy-api`,
            region: 'cn-north-1',
            name: 'legacy-api',
          },
        ],
      });
    });
  });

  describe('deleted load balancers and listeners', () => {
    it.each([
      {
        api: 'classic (names loadBalancerName)',
        fixture: 'cloudtrail-elb-delete-load-balancer',
        expected: { deleted: true, refs: [classic] },
      },
      {
        api: 'v2 (names loadBalancerArn)',
        fixture: 'cloudtrail-elbv2-delete-load-balancer',
        expected: { deleted: true, byPrefix: true, refs: [listener(SHOP_WEB_LISTENERS)] },
      },
    ])('tells a $api DeleteLoadBalancer without apiVersion by its request', ({ fixture, expected }) => {
      // Prepare
      const event = withValue(loadEvent(fixture), ['detail', 'apiVersion'], undefined);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject(expected);
    });

    it('keeps a classic DeleteLoadBalancer on the classic load balancer alone, not by prefix', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elb-delete-load-balancer');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).not.toHaveProperty('byPrefix');
    });
  });
});

describe('routeConfigChange', () => {
  it('routes a classic load balancer item by ARN and name, its configuration a JSON string', () => {
    // Prepare
    const event = loadEvent('config-change-elb-load-balancer');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(typeof itemOf(event).configuration).toBe('string');
    expect(result).toMatchObject({
      kind: 'inspect',
      refs: [ref('AWS::ElasticLoadBalancing::LoadBalancer', CLASSIC, 'legacy-api')],
      configurationItem: { configuration: itemOf(event).configuration },
    });
  });

  it('builds the classic load balancer ARN from the name when the item has no ARN', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elb-load-balancer'),
      ['detail', 'configurationItem', 'ARN'],
      null,
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({
      refs: [ref('AWS::ElasticLoadBalancing::LoadBalancer', CLASSIC, 'legacy-api')],
    });
  });

  it('builds the classic load balancer ARN from the resource id when the item has neither ARN nor name', () => {
    // Prepare
    let event = withValue(
      loadEvent('config-change-elb-load-balancer'),
      ['detail', 'configurationItem', 'ARN'],
      null,
    );
    event = withValue(event, ['detail', 'configurationItem', 'resourceName'], null);

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({
      refs: [ref('AWS::ElasticLoadBalancing::LoadBalancer', CLASSIC, 'legacy-api')],
    });
  });
});

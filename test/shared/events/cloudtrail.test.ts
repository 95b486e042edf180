import { describe, expect, it } from 'vitest';
import { actorFromUserIdentity, routeCloudTrail } from '../../../shared/events/cloudtrail.js';
import { EventValidationError, UnsupportedEventError } from '../../../shared/events/errors.js';
import type { Actor, ResourceRef } from '../../../shared/model/ref.js';
import { ACCOUNT_ID, type EventFixture, loadEvent, REGION, withValue } from '../../fixtures/events/load.js';
import { ACKNOWLEDGED_API_CALLS, ROUTED_API_CALLS } from '../../helpers/api-calls.js';

const ELB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;
const HTTPS_LISTENER = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`;
const HTTP_LISTENER = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/2a9c7e5d3b1f4068`;
const TLS_LISTENER = `${ELB_ARN}:listener/net/shop-edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8`;
const CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10`;
const IMPORTED_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/2b4d6f80-13a5-4c7e-8f90-a1b2c3d4e5f6`;
const PRIVATE_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d`;
const VPN = 'vpn-0c7d8e9f0a1b2c3d4';
/** Every listener of the shop-web load balancer: its listener ARNs all start with this. */
const SHOP_WEB_LISTENERS = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/`;

const SSO_ROLE = 'AWSReservedSSO_NetworkAdmin_5c1e2a9d7b3f0e46';
const SSO_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${SSO_ROLE}/jane.doe@example.com`,
  principalId: 'AROARZ4EXAMPLEXQ3T7KD:jane.doe@example.com',
  accountId: ACCOUNT_ID,
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/${REGION}/${SSO_ROLE}`,
  sessionName: 'jane.doe@example.com',
};
const IAM_USER_ACTOR: Actor = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT_ID}:user/ops-automation`,
  principalId: 'AIDARZ4EXAMPLEW6KJ3LM',
  accountId: ACCOUNT_ID,
};
const TRANSIT_GUARD_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/transit-guard-remediate/transit-guard-remediation`,
  principalId: 'AROARZ4EXAMPLEJ8H5GF2:transit-guard-remediation',
  accountId: ACCOUNT_ID,
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard-remediate`,
  sessionName: 'transit-guard-remediation',
};
const CLOUDFORMATION_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/cfn-deploy/AWSCloudFormation`,
  principalId: 'AROARZ4EXAMPLEP0O9I8U:AWSCloudFormation',
  accountId: ACCOUNT_ID,
  invokedBy: 'cloudformation.amazonaws.com',
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/cfn-deploy`,
  sessionName: 'AWSCloudFormation',
};

function ref(resourceType: ResourceRef['resourceType'], resourceId: string, name?: string): ResourceRef {
  const result: ResourceRef = { resourceType, resourceId, accountId: ACCOUNT_ID, region: REGION };
  if (name !== undefined) result.name = name;
  return result;
}
const listener = (arn: string) => ref('AWS::ElasticLoadBalancingV2::Listener', arn);
const classic = ref(
  'AWS::ElasticLoadBalancing::LoadBalancer',
  `${ELB_ARN}:loadbalancer/legacy-api`,
  'legacy-api',
);

function detailOf(event: EventFixture): Record<string, unknown> {
  return event.detail as Record<string, unknown>;
}

function expectedInspect(
  event: EventFixture,
  refs: ResourceRef[],
  actor: Actor,
  deleted = false,
  byPrefix = false,
) {
  const detail = detailOf(event);
  return {
    kind: 'inspect',
    eventId: event.id,
    eventName: detail.eventName,
    eventTime: detail.eventTime,
    actor,
    refs,
    ...(deleted ? { deleted: true } : {}),
    ...(byPrefix ? { byPrefix: true } : {}),
  };
}

interface RoutedCase {
  fixture: string;
  eventName: string;
  refs: ResourceRef[];
  actor: Actor;
  deleted?: boolean;
  /** The refs are id prefixes: every resource under one is gone. */
  byPrefix?: boolean;
}

const ROUTED: RoutedCase[] = [
  // ELBv2
  {
    fixture: 'cloudtrail-elbv2-create-listener',
    eventName: 'CreateListener',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-modify-listener',
    eventName: 'ModifyListener',
    refs: [listener(HTTPS_LISTENER)],
    actor: TRANSIT_GUARD_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-create-rule',
    eventName: 'CreateRule',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-modify-rule',
    eventName: 'ModifyRule',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-add-listener-certificates',
    eventName: 'AddListenerCertificates',
    refs: [listener(TLS_LISTENER)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-set-rule-priorities',
    eventName: 'SetRulePriorities',
    refs: [listener(HTTPS_LISTENER), listener(HTTP_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-delete-listener',
    eventName: 'DeleteListener',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
    deleted: true,
  },
  {
    // The record names the load balancer only: every listener under it is gone.
    fixture: 'cloudtrail-elbv2-delete-load-balancer',
    eventName: 'DeleteLoadBalancer',
    refs: [listener(SHOP_WEB_LISTENERS)],
    actor: SSO_ACTOR,
    deleted: true,
    byPrefix: true,
  },
  // Classic ELB
  {
    fixture: 'cloudtrail-elb-create-load-balancer',
    eventName: 'CreateLoadBalancer',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-create-load-balancer-listeners',
    eventName: 'CreateLoadBalancerListeners',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-set-load-balancer-policies-of-listener',
    eventName: 'SetLoadBalancerPoliciesOfListener',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-create-load-balancer-policy',
    eventName: 'CreateLoadBalancerPolicy',
    refs: [classic],
    actor: CLOUDFORMATION_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-delete-load-balancer',
    eventName: 'DeleteLoadBalancer',
    refs: [classic],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
  {
    // The load balancer stays: re-reading it judges the listeners left, and resolves findings of the removed ones.
    fixture: 'cloudtrail-elb-delete-load-balancer-listeners',
    eventName: 'DeleteLoadBalancerListeners',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-set-load-balancer-listener-ssl-certificate',
    eventName: 'SetLoadBalancerListenerSSLCertificate',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  // Site-to-Site VPN
  {
    fixture: 'cloudtrail-ec2-create-vpn-connection',
    eventName: 'CreateVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-tunnel-options',
    eventName: 'ModifyVpnTunnelOptions',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-connection',
    eventName: 'ModifyVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-connection-options',
    eventName: 'ModifyVpnConnectionOptions',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-delete-vpn-connection',
    eventName: 'DeleteVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
    deleted: true,
  },
  // Direct Connect
  {
    fixture: 'cloudtrail-directconnect-create-connection',
    eventName: 'CreateConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-update-connection',
    eventName: 'UpdateConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-associate-macsec-key',
    eventName: 'AssociateMacSecKey',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-disassociate-macsec-key',
    eventName: 'DisassociateMacSecKey',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-create-lag',
    eventName: 'CreateLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-update-lag',
    eventName: 'UpdateLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-associate-connection-with-lag',
    eventName: 'AssociateConnectionWithLag',
    refs: [
      ref('AWS::DirectConnect::Connection', 'dxcon-ffq3w9zp'),
      ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n'),
    ],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-disassociate-connection-from-lag',
    eventName: 'DisassociateConnectionFromLag',
    refs: [
      ref('AWS::DirectConnect::Connection', 'dxcon-ffq3w9zp'),
      ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n'),
    ],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-confirm-connection',
    eventName: 'ConfirmConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-delete-connection',
    eventName: 'DeleteConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
    deleted: true,
  },
  {
    fixture: 'cloudtrail-directconnect-delete-lag',
    eventName: 'DeleteLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
    deleted: true,
  },
  // ACM
  {
    fixture: 'cloudtrail-acm-import-certificate',
    eventName: 'ImportCertificate',
    refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-request-certificate',
    eventName: 'RequestCertificate',
    refs: [ref('AWS::ACM::Certificate', CERTIFICATE)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-renew-certificate',
    eventName: 'RenewCertificate',
    refs: [ref('AWS::ACM::Certificate', PRIVATE_CERTIFICATE)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-delete-certificate',
    eventName: 'DeleteCertificate',
    refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    it.each(ROUTED)(
      'routes $eventName to the resources it touched',
      ({ fixture, eventName, refs, actor, deleted, byPrefix }) => {
        // Prepare
        const event = loadEvent(fixture);

        // Act
        const result = routeCloudTrail(event);

        // Assess
        expect(detailOf(event).eventName).toBe(eventName);
        expect(result).toStrictEqual(expectedInspect(event, refs, actor, deleted, byPrefix));
      },
    );

    it('names each routed call once per source, DeleteLoadBalancer of both APIs included', () => {
      // Act
      const names = ROUTED_API_CALLS['aws.elasticloadbalancing'] ?? [];

      // Assess
      expect(names.filter((name) => name === 'DeleteLoadBalancer')).toStrictEqual(['DeleteLoadBalancer']);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('DeleteListener');
      expect(names).toContain('DeleteLoadBalancerListeners');
    });

    it('has a fixture for every routed event name', () => {
      // Prepare
      const covered = new Set(ROUTED.map((routed) => routed.eventName));

      // Act
      const routedNames = Object.values(ROUTED_API_CALLS).flat();

      // Assess
      expect([...new Set(routedNames)].sort()).toStrictEqual([...covered].sort());
    });
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
      expect(result).toMatchObject({ kind: 'inspect', refs: [listener(HTTPS_LISTENER)] });
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
      expect(result).toMatchObject({ kind: 'inspect', refs: [listener(HTTPS_LISTENER)] });
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

  describe('calls out of scope', () => {
    it.each([
      {
        fixture: 'cloudtrail-elb-create-load-balancer',
        eventName: 'DescribeLoadBalancers',
        reason: 'DescribeLoadBalancers is out of scope for classic ELB (API 2012-06-01)',
      },
      {
        fixture: 'cloudtrail-directconnect-update-lag',
        eventName: 'DescribeLags',
        reason: 'DescribeLags is out of scope for Direct Connect',
      },
      {
        fixture: 'cloudtrail-acm-delete-certificate',
        eventName: 'AddTagsToCertificate',
        reason: 'AddTagsToCertificate is out of scope for ACM',
      },
    ])('ignores $eventName and names its service in the reason', ({ fixture, eventName, reason }) => {
      // Prepare
      const event = withValue(
        withValue(loadEvent(fixture), ['detail', 'eventName'], eventName),
        ['detail', 'requestParameters'],
        null,
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({ kind: 'ignore', eventId: event.id, reason });
    });
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

  describe('Site-to-Site VPN ids in every spelling EC2 records', () => {
    it('reads a flat PascalCase VpnConnectionId', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters'],
        {
          VpnConnectionId: VPN,
        },
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it('falls back to the vpnConnection in the response when the request has no id', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'),
        ['detail', 'requestParameters'],
        {},
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it.each([
      {
        spelling: 'flat camelCase vpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { vpnConnectionId: VPN },
      },
      {
        spelling: 'flat PascalCase VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { VpnConnectionId: VPN },
      },
      {
        spelling: 'ModifyVpnTunnelOptionsRequest.VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-tunnel-options',
        request: { ModifyVpnTunnelOptionsRequest: { VpnConnectionId: VPN } },
      },
      {
        spelling: 'ModifyVpnConnectionOptionsRequest.VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection-options',
        request: { ModifyVpnConnectionOptionsRequest: { VpnConnectionId: VPN } },
      },
      {
        spelling: 'ModifyVpnConnectionRequest.vpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { ModifyVpnConnectionRequest: { vpnConnectionId: VPN } },
      },
    ])('reads a $spelling from the request when the response carries none', ({ fixture, request }) => {
      // Prepare
      let event = withValue(loadEvent(fixture), ['detail', 'requestParameters'], request);
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'inspect', refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it('takes the id of a new VPN connection from the response only, and names it when missing', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-ec2-create-vpn-connection'),
        ['detail', 'requestParameters', 'vpnConnectionId'],
        VPN,
      );
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.responseElements.vpnConnection.vpnConnectionId: expected string, received undefined',
      );
    });

    it('rejects an id that is not a vpn- id, naming the request field', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters', 'vpnConnectionId'],
        'vgw-0a1b2c3d4e5f60718',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.vpnConnectionId: expected a vpn- id, received "vgw-0a1b2c3d4e5f60718" (event ${event.id})`,
      );
    });

    it('ignores EC2 calls outside VPN', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'eventName'],
        'RunInstances',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'RunInstances is out of scope for EC2',
      });
    });
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

    it.each([
      {
        fixture: 'cloudtrail-elbv2-delete-load-balancer',
        errorCode: 'OperationNotPermitted',
      },
      { fixture: 'cloudtrail-elbv2-delete-listener', errorCode: 'ListenerNotFound' },
      { fixture: 'cloudtrail-elb-delete-load-balancer-listeners', errorCode: 'AccessDenied' },
      { fixture: 'cloudtrail-ec2-delete-vpn-connection', errorCode: 'InvalidVpnConnectionID.NotFound' },
      { fixture: 'cloudtrail-directconnect-delete-lag', errorCode: 'DirectConnectClientException' },
    ])('ignores a failed $fixture ($errorCode): nothing was deleted', ({ fixture, errorCode }) => {
      // Prepare
      const event = withValue(loadEvent(fixture), ['detail', 'errorCode'], errorCode);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: `failed call changes nothing (${errorCode})`,
      });
    });
  });

  describe('Direct Connect deletions', () => {
    it.each([
      {
        fixture: 'cloudtrail-directconnect-delete-connection',
        field: 'connectionId',
        id: 'dxlag-fh8r2v6n',
        expected: 'a dxcon- id',
      },
      {
        fixture: 'cloudtrail-directconnect-delete-lag',
        field: 'lagId',
        id: 'dxcon-fg5t7k2m',
        expected: 'a dxlag- id',
      },
      {
        fixture: 'cloudtrail-directconnect-confirm-connection',
        field: 'connectionId',
        id: 'dxvif-fgq1w2e3',
        expected: 'a dxcon- id',
      },
    ])('rejects $id as the $field of $fixture', ({ fixture, field, id, expected }) => {
      // Prepare
      const event = withValue(loadEvent(fixture), ['detail', 'requestParameters', field], id);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(`detail.requestParameters.${field}: expected ${expected}, received "${id}"`);
    });

    it('names the LAG when DisassociateConnectionFromLag has none', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-disassociate-connection-from-lag'),
        ['detail', 'requestParameters', 'lagId'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow('detail.requestParameters.lagId: expected string, received undefined');
    });
  });

  describe('IAM server certificates (global: delivered in us-east-1)', () => {
    it('acknowledges UploadServerCertificate and says why nothing is inspected', () => {
      // Prepare
      const event = loadEvent('cloudtrail-iam-upload-server-certificate');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason:
          'an uploaded IAM server certificate serves no listener yet: the call that gives it to a listener (CreateListener, ModifyListener, AddListenerCertificates, classic CreateLoadBalancerListeners or SetLoadBalancerListenerSSLCertificate) inspects that listener, and the sweep every listener',
      });
    });

    it('ignores other IAM calls as out of scope', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-iam-upload-server-certificate'),
        ['detail', 'eventName'],
        'DeleteServerCertificate',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'DeleteServerCertificate is out of scope for IAM',
      });
    });

    it('lists UploadServerCertificate as received on purpose, and no routed call with it', () => {
      // Act
      const acknowledged = ACKNOWLEDGED_API_CALLS;

      // Assess
      expect(acknowledged).toStrictEqual({ 'aws.iam': ['UploadServerCertificate'] });
      expect(ROUTED_API_CALLS['aws.iam']).toBeUndefined();
    });
  });

  describe('failed calls', () => {
    it('ignores a call that failed, because it changed nothing', () => {
      // Prepare
      const event = loadEvent('cloudtrail-elbv2-modify-listener-failed');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'failed call changes nothing (AccessDenied)',
      });
    });

    it('ignores a failed call even when the id field it would need is missing', () => {
      // Prepare
      const event = withValue(
        withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail', 'responseElements'], null),
        ['detail', 'errorCode'],
        'ValidationError',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({
        kind: 'ignore',
        reason: 'failed call changes nothing (ValidationError)',
      });
    });
  });

  describe('account and region of the refs', () => {
    it('takes the account from recipientAccountId before the caller and the envelope', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        '444455556666',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '444455556666', region: REGION }] });
    });

    it('takes the caller account when recipientAccountId is absent', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        undefined,
      );
      event = withValue(event, ['detail', 'userIdentity', 'accountId'], '777788889999');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '777788889999' }] });
    });

    it('takes the envelope account when the record names none', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'recipientAccountId'],
        undefined,
      );
      event = withValue(event, ['detail', 'userIdentity', 'accountId'], undefined);
      event = withValue(event, ['account'], '222233334444');

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ accountId: '222233334444' }] });
    });

    it('takes the region from awsRegion', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-lag'),
        ['detail', 'awsRegion'],
        'eu-central-1',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [{ region: 'eu-central-1' }] });
    });
  });

  describe('malformed events', () => {
    it('names the missing id field of a routed call', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-modify-listener'),
        ['detail', 'requestParameters', 'listenerArn'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(EventValidationError);
      expect(act).toThrow(
        `detail.requestParameters.listenerArn: expected string, received undefined (event ${event.id})`,
      );
    });

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

    it('carries the event id on the error', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters'],
        null,
      );
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        expect.objectContaining({
          name: 'EventValidationError',
          eventId: event.id,
          message: expect.stringContaining(
            'detail.requestParameters.vpnConnectionId: expected string, received undefined',
          ),
        }),
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

    it('rejects a MACsec key call on something that is neither a connection nor a LAG', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-associate-macsec-key'),
        ['detail', 'requestParameters', 'connectionId'],
        'dxvif-fgq1w2e3',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.connectionId: expected a dxcon- or dxlag- id, received "dxvif-fgq1w2e3"',
      );
    });

    it('rejects a LAG id where a connection id belongs', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-connection'),
        ['detail', 'requestParameters', 'connectionId'],
        'dxlag-fh8r2v6n',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.connectionId: expected a dxcon- id, received "dxlag-fh8r2v6n"',
      );
    });

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

    it('rejects a record without eventName', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-elbv2-create-listener'),
        ['detail', 'eventName'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow('detail.eventName: expected string, received undefined');
    });

    it('rejects an event without detail', () => {
      // Prepare
      const event = withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail'], undefined);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(`detail: expected object, received undefined (event ${event.id})`);
    });

    it.each([
      { input: null },
      { input: 'CreateListener' },
      { input: 42 },
      { input: [] },
      { input: { detail: 'x' } },
    ])('throws EventValidationError for $input', ({ input }) => {
      // Act
      const act = () => routeCloudTrail(input);

      // Assess
      expect(act).toThrow(EventValidationError);
    });

    it('refuses a source it has no routes for', () => {
      // Prepare
      const event = withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['source'], 'aws.s3');

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(UnsupportedEventError);
      expect(act).toThrow(
        expect.objectContaining({
          eventId: event.id,
          message: `source: no CloudTrail routes for "aws.s3" (event ${event.id})`,
        }),
      );
    });

    it('refuses an event that is not an API call, saying which detail-type it got', () => {
      // Prepare
      const event = loadEvent('acm-certificate-expired');

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(UnsupportedEventError);
      expect(act).toThrow(
        expect.objectContaining({
          eventId: event.id,
          message: `detail-type: expected "AWS API Call via CloudTrail", received "ACM Certificate Expired" (event ${event.id})`,
        }),
      );
    });
  });
});

describe('actorFromUserIdentity', () => {
  it('names an AWS service by invokedBy, with no role', () => {
    // Act
    const actor = actorFromUserIdentity({ type: 'AWSService', invokedBy: 'config.amazonaws.com' });

    // Assess
    expect(actor).toStrictEqual({ type: 'AWSService', invokedBy: 'config.amazonaws.com' });
  });

  it('gives a federated user no role and no session name', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'FederatedUser',
      arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/ci-bot`,
      principalId: `${ACCOUNT_ID}:ci-bot`,
      accountId: ACCOUNT_ID,
      sessionContext: {
        sessionIssuer: {
          type: 'IAMUser',
          arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci-bot`,
          userName: 'ci-bot',
        },
      },
    });

    // Assess
    expect(actor).toStrictEqual({
      type: 'FederatedUser',
      arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/ci-bot`,
      principalId: `${ACCOUNT_ID}:ci-bot`,
      accountId: ACCOUNT_ID,
    });
  });

  it('reads the session name of an assumed role whose record has no session issuer, with no role', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      accountId: ACCOUNT_ID,
    });

    // Assess
    expect(actor).toStrictEqual({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      accountId: ACCOUNT_ID,
      sessionName: 'build-1842',
    });
  });

  it('takes the role of a session a role issued, whatever the identity type, and no session name without an ARN', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'Unknown',
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` } },
    });

    // Assess
    expect(actor).toStrictEqual({ type: 'Unknown', roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` });
  });

  it('reads the session name of an assumed role with a path', () => {
    // Act
    const actor = actorFromUserIdentity({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deployer/build-1842`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer` } },
    });

    // Assess
    expect(actor).toMatchObject({
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ci/deployer`,
      sessionName: 'build-1842',
    });
  });
});

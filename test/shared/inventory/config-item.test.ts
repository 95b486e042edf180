import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import {
  fixture,
  fixtureText,
  normalizeFixture,
  only,
  plantedSecrets,
  SHOP_ALB,
  SHOP_HTTP,
  SHOP_HTTPS,
} from './fixtures.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const VPN = 'AWS::EC2::VPNConnection';
const CERTIFICATE = 'AWS::ACM::Certificate';
const NLB_TLS =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/net/ledger-nlb/7e8f90a1b2c3d4e5/5e6f708192a3b4c5';

describe('AWS Config snapshot', () => {
  it('reads a Listener item whose configuration keys are PascalCase', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(only(inventory, LISTENER, SHOP_HTTPS)).toMatchObject({
      arn: SHOP_HTTPS,
      accountId: '111122223333',
      region: 'eu-west-1',
      tags: { env: 'prod' },
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      loadBalancerArn: SHOP_ALB,
      source: 'config-snapshot.json (AWS Config snapshot)',
    });
  });

  it('reads a configuration delivered as a JSON string', () => {
    // Prepare, Act
    const listener = only(normalizeFixture('config-snapshot.json'), LISTENER, SHOP_HTTP);

    // Assess
    expect(listener.protocol).toBe('HTTP');
    expect(listener.defaultActions[0]?.redirect?.protocol).toBe('HTTPS');
  });

  it('keeps a LoadBalancer item (camelCase) for linking only', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(inventory.resources.some((resource) => resource.resourceId === SHOP_ALB)).toBe(false);
    expect(inventory.pending?.loadBalancers).toEqual([
      {
        loadBalancerArn: SHOP_ALB,
        loadBalancerName: 'shop-alb',
        loadBalancerType: 'application',
        scheme: 'internet-facing',
        source: 'config-snapshot.json (AWS Config snapshot)',
      },
    ]);
  });

  it('reads a classic load balancer item with its own policies from supplementaryConfiguration', () => {
    // Prepare, Act
    const loadBalancer = only(
      normalizeFixture('config-snapshot.json'),
      CLASSIC,
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/intranet-clb',
    );

    // Assess
    expect(loadBalancer).toMatchObject({
      loadBalancerName: 'intranet-clb',
      scheme: 'internal',
      dnsName: 'internal-intranet-clb-1122334455.eu-west-1.elb.amazonaws.com',
      tags: { team: 'intranet' },
      listeners: [
        {
          protocol: 'HTTPS',
          loadBalancerPort: 443,
          instanceProtocol: 'HTTP',
          instancePort: 8080,
          sslCertificateId:
            'arn:aws:acm:eu-west-1:111122223333:certificate/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
          policyNames: ['intranet-clb-tls'],
        },
      ],
    });
    expect(loadBalancer.policies).toEqual([
      {
        policyName: 'intranet-clb-tls',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [
          { name: 'Protocol-TLSv1', value: 'False' },
          { name: 'Protocol-TLSv1.1', value: 'false' },
          { name: 'Protocol-TLSv1.2', value: 'true' },
          { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' },
          { name: 'AES128-SHA', value: 'true' },
        ],
      },
    ]);
  });

  it('reads a VPN item with camelCase tunnel options and its ARN, id and Name tag', () => {
    // Prepare, Act
    const connection = only(normalizeFixture('config-snapshot.json'), VPN, 'vpn-0e3f405162738495a');

    // Assess
    expect(connection).toMatchObject({
      arn: 'arn:aws:ec2:eu-west-1:111122223333:vpn-connection/vpn-0e3f405162738495a',
      accountId: '111122223333',
      region: 'eu-west-1',
      name: 'legacy-dc',
    });
    expect(connection.tunnels[0]?.options).toMatchObject({
      ikeVersions: ['ikev1'],
      phase1EncryptionAlgorithms: ['AES128'],
      phase1IntegrityAlgorithms: ['SHA1'],
      phase1DHGroupNumbers: [2],
    });
    expect(connection.tunnels[1]?.options?.ikeVersions).toEqual([]);
  });

  it('counts out-of-scope and deleted items instead of reporting them', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(inventory.skipped).toEqual({ outOfScope: { 'AWS::EC2::SecurityGroup': 1 }, notRecorded: 1 });
    expect(inventory.resources).toHaveLength(4);
  });

  it('reports an in-scope item without configuration as oversized, naming the resource', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'config-snapshot.json',
        message:
          'AWS Config snapshot: oversized configuration item AWS::ACM::Certificate arn:aws:acm:eu-west-1:111122223333:certificate/c7a95e13-2b80-46df-a4c1-9e03d5b7f268 (the input has no configuration for it): fetch it with GetResourceConfigHistory',
      },
    ]);
  });

  it('never copies the planted pre-shared keys or the customer gateway configuration', () => {
    // Prepare
    const secrets = plantedSecrets(fixtureText('config-snapshot.json'));

    // Act
    const output = JSON.stringify(normalizeFixture('config-snapshot.json'));

    // Assess
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/pre_?shared_?key|customerGatewayConfiguration/i);
  });

  it('reports a configuration string that is not JSON without quoting it', () => {
    // Prepare
    const snapshot = structuredClone(fixture('config-snapshot.json'));
    snapshot.configurationItems[4].configuration =
      '{"customerGatewayConfiguration": "<pre_shared_key>EXAMPLEpsk.x';

    // Act
    const inventory = normalizeDocument(snapshot, 'snapshot.json');

    // Assess
    expect(inventory.errors).toContainEqual({
      source: 'snapshot.json',
      message:
        'AWS Config snapshot: configurationItems[4].configuration: a JSON-encoded string that is not valid JSON; the configuration item is left out',
    });
    expect(JSON.stringify(inventory)).not.toContain('EXAMPLEpsk');
  });
});

describe('AWS Config GetResourceConfigHistory', () => {
  it('keeps the newest item of a resource and decodes JSON-string supplementary tags', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-history.json');

    // Assess
    expect(inventory.resources).toHaveLength(1);
    expect(only(inventory, LISTENER, NLB_TLS)).toMatchObject({
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      protocol: 'TLS',
      tags: { app: 'ledger' },
      loadBalancerType: 'network',
      source: 'config-history.json (AWS Config GetResourceConfigHistory)',
    });
  });

  it('keeps the newest item whatever the order of the list', () => {
    // Prepare
    const history = structuredClone(fixture('config-history.json'));
    history.configurationItems.reverse();

    // Act
    const listener = only(normalizeDocument(history, 'history.json'), LISTENER, NLB_TLS);

    // Assess
    expect(listener.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
  });

  it('drops a resource whose newest item says it was deleted', () => {
    // Prepare
    const history = structuredClone(fixture('config-history.json'));
    history.configurationItems[0].configurationItemStatus = 'ResourceDeleted';
    history.configurationItems[0].configuration = null;

    // Act
    const inventory = normalizeDocument(history, 'history.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.errors).toEqual([]);
    expect(inventory.skipped?.notRecorded).toBe(1);
  });
});

describe('AWS Config configuration items', () => {
  it('reads a JSON list of items, with Python-repr dates and EC key algorithm spelled as the API does', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-items.json');

    // Assess
    const certificate = only(
      inventory,
      CERTIFICATE,
      'arn:aws:acm:eu-west-1:111122223333:certificate/1b2e9d47-6c3a-4e01-8f5b-a7d40c92e6b3',
    );
    expect(certificate).toMatchObject({
      keyAlgorithm: 'EC_prime256v1',
      notBefore: '2025-12-01T00:00:00.000Z',
      notAfter: '2026-12-30T23:59:59.000Z',
      renewalSummary: { renewalStatus: 'PENDING_AUTO_RENEWAL', updatedAt: '2026-11-01T04:00:00.000Z' },
      tags: { owner: 'platform' },
      source: 'config-items.json (AWS Config configuration items)',
    });
    expect(inventory.skipped).toEqual({ outOfScope: { 'AWS::EC2::Volume': 1 }, notRecorded: 0 });
  });

  it('reads a single item with only VPN telemetry, leaving tunnel options undefined', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-item-vpn-telemetry-only.json');

    // Assess
    const connection = only(inventory, VPN, 'vpn-0f405162738495a6b');
    expect(connection.source).toBe('config-item-vpn-telemetry-only.json (AWS Config configuration item)');
    expect(connection.tunnels).toEqual([
      { outsideIpAddress: '203.0.113.90', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' },
      { outsideIpAddress: '203.0.113.91', status: 'UP', statusMessage: 'IPSEC IS UP' },
    ]);
  });
});

describe('AWS Config notifications', () => {
  it('reports an oversized change notification for an in-scope resource as an error', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-oversized-notification.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.errors).toEqual([
      {
        source: 'config-oversized-notification.json',
        message: `AWS Config oversized change notification: oversized configuration item ${LISTENER} ${SHOP_HTTPS} (the input has no configuration for it): fetch it with GetResourceConfigHistory`,
      },
    ]);
  });

  it('counts an oversized notification for an out-of-scope resource as skipped', () => {
    // Prepare
    const notification = structuredClone(fixture('config-oversized-notification.json'));
    notification.configurationItemSummary.resourceType = 'AWS::EC2::Instance';

    // Act
    const inventory = normalizeDocument(notification, 'oversized.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(inventory.skipped?.outOfScope).toEqual({ 'AWS::EC2::Instance': 1 });
  });

  it('reads the item of a change notification inside a custom rule invocation', () => {
    // Prepare
    const item = fixture('config-item-vpn-telemetry-only.json');
    const invocation = {
      version: '1.0',
      invokingEvent: JSON.stringify({
        configurationItem: item,
        notificationCreationTime: '2026-11-21T09:49:10.102Z',
        messageType: 'ConfigurationItemChangeNotification',
        recordVersion: '1.3',
      }),
      ruleParameters: '{}',
      resultToken: 'eyJlbmNyeXB0ZWREYXRhIjpbXX0=',
      eventLeftScope: false,
      executionRoleArn: 'arn:aws:iam::111122223333:role/transit-guard-config-rule',
      configRuleArn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-0a1b2c',
      configRuleName: 'transit-guard-vpn',
      configRuleId: 'config-rule-0a1b2c',
      accountId: '111122223333',
    };

    // Act
    const inventory = normalizeDocument(invocation, 'invocation.json');

    // Assess
    expect(only(inventory, VPN, 'vpn-0f405162738495a6b').source).toBe(
      'invocation.json (AWS Config change notification)',
    );
  });
});

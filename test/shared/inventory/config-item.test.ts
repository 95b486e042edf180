import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import {
  fixture,
  fixtureText,
  normalizeFixture,
  only,
  plantedSecrets,
  SHOP_HTTP,
  SHOP_HTTPS,
} from './fixtures.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const VPN = 'AWS::EC2::VPNConnection';
const CERTIFICATE = 'AWS::ACM::Certificate';
const NLB_TLS =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/net/ledger-nlb/7e8f90a1b2c3d4e5/5e6f708192a3b4c5';

describe('AWS Config snapshot', () => {
  it('reads a configuration delivered as a JSON string', () => {
    // Prepare, Act
    const listener = only(normalizeFixture('config-snapshot.json'), LISTENER, SHOP_HTTP);

    // Assess
    expect(listener.protocol).toBe('HTTP');
    expect(listener.defaultActions[0]?.redirect?.protocol).toBe('HTTPS');
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

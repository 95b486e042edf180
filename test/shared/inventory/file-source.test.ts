import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VpnConnection } from '../../../shared/families/vpn/model.js';
import { createFileInventorySource } from '../../../shared/inventory/file-source.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import type { Inventory } from '../../../shared/inventory/types.js';
import type { ResourceRef } from '../../../shared/model/ref.js';
import type { ResolvedTlsPolicy } from '../../../shared/tls/catalog.js';

const INVENTORY = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/replay/inventory');
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/orders-web/6f1b2c3d4e5a6b7c/9a8b7c6d5e4f3a21`;
const CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f`;

function ref(
  resourceType: ResourceRef['resourceType'],
  resourceId: string,
  extra: Partial<ResourceRef> = {},
) {
  return { resourceType, resourceId, accountId: ACCOUNT, region: REGION, ...extra };
}

/** A VPN connection whose file did not say where it lives (describe output names no region). */
function vpnWithoutRegion(id: string): VpnConnection {
  return {
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: id,
    vpnConnectionId: id,
    state: 'available',
    tunnels: [],
    tags: {},
    source: 'vpn.json',
  };
}

describe('createFileInventorySource', () => {
  let inventory: Inventory;

  beforeAll(async () => {
    inventory = await loadInventory([INVENTORY]);
  });

  describe('read', () => {
    it('returns the resource each ref points at', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);

      // Act
      const result = await source.read([ref('AWS::ElasticLoadBalancingV2::Listener', LISTENER)]);

      // Assess
      expect(result.resources.map((resource) => resource.resourceId)).toEqual([LISTENER]);
      expect(result.errors).toEqual([]);
      expect(result.gone).toEqual([]);
    });

    it('finds a classic load balancer by the name in its ARN', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);
      const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/orders-legacy`;

      // Act
      const result = await source.read([
        ref('AWS::ElasticLoadBalancing::LoadBalancer', arn, { name: 'orders-legacy' }),
      ]);

      // Assess
      expect(result.resources).toHaveLength(1);
      expect(result.resources[0]).toMatchObject({ loadBalancerName: 'orders-legacy' });
    });

    it('reports a ref missing from the files as an error, never as gone', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);

      // Act
      const result = await source.read([
        ref('AWS::EC2::VPNConnection', 'vpn-0e1f2a3b4c5d6e7f8'),
        ref('AWS::ACM::Certificate', CERTIFICATE),
      ]);

      // Assess
      expect(result.gone).toEqual([]);
      expect(result.errors).toEqual([
        { source: 'vpn-0e1f2a3b4c5d6e7f8', message: 'EC2::VPNConnection not in the inventory files' },
      ]);
      expect(result.resources.map((resource) => resource.resourceId)).toEqual([CERTIFICATE]);
    });

    it('does not take a resource of another type with the same id', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);

      // Act
      const result = await source.read([ref('AWS::ACM::Certificate', LISTENER)]);

      // Assess
      expect(result.resources).toEqual([]);
      expect(result.errors).toHaveLength(1);
    });

    it('returns a resource and names a missing ref once when refs repeat', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);
      const listener = ref('AWS::ElasticLoadBalancingV2::Listener', LISTENER);
      const missing = ref('AWS::DirectConnect::Connection', 'dxcon-fh6ayh1d');

      // Act
      const result = await source.read([listener, listener, missing, missing]);

      // Assess
      expect(result.resources).toHaveLength(1);
      expect(result.errors).toHaveLength(1);
    });

    it('passes the ELBv2 security policies of the files through', async () => {
      // Prepare
      const policy: ResolvedTlsPolicy = {
        name: 'ELBSecurityPolicy-TLS13-1-2-Test-2026-01',
        protocols: ['TLSv1.2', 'TLSv1.3'],
        ciphers: ['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
        fips: false,
        origin: 'live',
      };
      const source = createFileInventorySource({ ...inventory, tlsPolicies: [policy] });

      // Act
      const read = await source.read([]);
      const enumerated = await source.enumerate(REGION);

      // Assess
      expect(read.tlsPolicies).toEqual([policy]);
      expect(enumerated.tlsPolicies).toEqual([policy]);
    });
  });

  describe('enumerate', () => {
    it('returns every resource of the region and those whose region is not known', async () => {
      // Prepare
      const source = createFileInventorySource({
        ...inventory,
        resources: [...inventory.resources, vpnWithoutRegion('vpn-0a1b2c3d4e5f60718')],
      });

      // Act
      const inRegion = await source.enumerate(REGION);
      const elsewhere = await source.enumerate('us-east-1');

      // Assess
      expect(inRegion.resources).toHaveLength(4);
      expect(elsewhere.resources.map((resource) => resource.resourceId)).toEqual(['vpn-0a1b2c3d4e5f60718']);
      expect(inRegion.errors).toEqual([]);
      expect(inRegion.gone).toEqual([]);
    });

    it('returns only the families asked for', async () => {
      // Prepare
      const source = createFileInventorySource(inventory);

      // Act
      const result = await source.enumerate(REGION, ['acm', 'elb']);

      // Assess
      expect(result.resources.map((resource) => resource.resourceType).sort()).toEqual([
        'AWS::ACM::Certificate',
        'AWS::ElasticLoadBalancing::LoadBalancer',
      ]);
    });
  });
});

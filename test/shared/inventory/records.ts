/** Resource records as the inputs give them, for the merge and dedupe tests of the core and of the families. */
import type { ClassicLoadBalancer } from '../../../shared/families/elb/model.js';
import type { VpnConnection } from '../../../shared/families/vpn/model.js';

export function vpn(overrides: Partial<VpnConnection>): VpnConnection {
  return {
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: 'vpn-0a1b2c3d4e5f60718',
    vpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
    tags: {},
    source: 'a.json',
    tunnels: [],
    ...overrides,
  };
}

export const OPTIONS = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: [],
  phase2EncryptionAlgorithms: [],
  phase1IntegrityAlgorithms: [],
  phase2IntegrityAlgorithms: [],
  phase1DHGroupNumbers: [],
  phase2DHGroupNumbers: [],
};

export function classic(
  resourceId: string,
  overrides: Partial<ClassicLoadBalancer> = {},
): ClassicLoadBalancer {
  return {
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId,
    loadBalancerName: 'pay-clb',
    tags: {},
    source: 'a.json',
    listeners: [],
    policies: [],
    ...overrides,
  };
}

export const PAY_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';

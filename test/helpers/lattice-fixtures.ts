import type { LatticeListener } from '../../shared/families/lattice/model.js';

const LATTICE_SERVICE_ID = 'svc-0285b53b2e1a4c6d8';
const LATTICE_SERVICE_ARN = `arn:aws:vpc-lattice:eu-west-1:123456789012:service/${LATTICE_SERVICE_ID}`;

/** A VPC Lattice listener as get-listener describes it: HTTPS on 443 unless overridden. */
export function latticeListener(overrides: Partial<LatticeListener> = {}): LatticeListener {
  const listenerId = overrides.listenerId ?? 'listener-07cc7fb0ab1d2e3f4';
  const listenerArn = `${LATTICE_SERVICE_ARN}/listener/${listenerId}`;
  return {
    resourceType: 'AWS::VpcLattice::Listener',
    resourceId: listenerArn,
    arn: listenerArn,
    accountId: '123456789012',
    region: 'eu-west-1',
    name: 'orders-https',
    tags: {},
    source: 'test',
    listenerArn,
    listenerId,
    serviceId: LATTICE_SERVICE_ID,
    serviceArn: LATTICE_SERVICE_ARN,
    protocol: 'HTTPS',
    port: 443,
    ...overrides,
  };
}

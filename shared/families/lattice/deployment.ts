/**
 * VPC Lattice in the deployment: listener reads, the block action's DeleteListener, and an SCP statement against
 * HTTP listeners. IAM actions, resource ARNs and the vpc-lattice:Protocol condition key:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclattice.html
 */
import type { FamilyDeployment, ScpContext, ScpStatement } from '../../infra/family-deployment.js';

const LISTENERS = { service: 'vpc-lattice', resource: 'service/*/listener/*' };

function plaintextListeners({ ruleIsOn, unlessExempt }: ScpContext): ScpStatement[] {
  if (!ruleIsOn('vpc-lattice-listener-plaintext')) return [];
  return [
    {
      Sid: 'PlaintextLatticeListeners',
      Effect: 'Deny',
      Action: ['vpc-lattice:CreateListener'],
      Resource: '*',
      Condition: { StringEquals: { 'vpc-lattice:Protocol': 'HTTP' }, ...unlessExempt },
    },
  ];
}

export const latticeDeployment: FamilyDeployment = {
  services: ['vpc-lattice'],
  reads: [
    // Listing the services of a region names no service: it is authorized on Resource "*".
    { sid: 'ListLatticeServices', actions: ['vpc-lattice:ListServices'], resource: '*', remediate: false },
    {
      sid: 'ReadLatticeListeners',
      actions: ['vpc-lattice:ListListeners'],
      resource: { service: 'vpc-lattice', resource: 'service/*' },
      remediate: false,
    },
    { sid: 'GetLatticeListeners', actions: ['vpc-lattice:GetListener'], resource: LISTENERS },
  ],
  writes: [{ sid: 'BlockLatticeListeners', actions: ['vpc-lattice:DeleteListener'], resource: LISTENERS }],
  scp: { exceptionTagged: plaintextListeners },
};

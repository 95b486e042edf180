/** The VPC Lattice service listener in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

/** The CloudFormation name of the type; AWS Config records no VPC Lattice type (reference/service-facts.md). */
export const LATTICE_LISTENER = 'AWS::VpcLattice::Listener';

export interface LatticeListener extends ResourceBase {
  resourceType: typeof LATTICE_LISTENER;
  listenerArn: string;
  listenerId?: string;
  /** The service the listener belongs to (from the output, else from the listener ARN). */
  serviceId?: string;
  serviceArn?: string;
  /** HTTP | HTTPS | TLS_PASSTHROUGH (GetListener `protocol`); undefined: not in the input. */
  protocol?: string;
  port?: number;
}

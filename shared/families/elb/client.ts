import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (Elastic Load Balancing (classic)), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new ElasticLoadBalancingClient(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export {
  CreateLoadBalancerPolicyCommand,
  DeleteLoadBalancerListenersCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';

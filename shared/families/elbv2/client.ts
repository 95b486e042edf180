import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (Elastic Load Balancing v2), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new ElasticLoadBalancingV2Client(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export {
  DeleteListenerCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';

import type { RenewCertificateCommandInput } from '@aws-sdk/client-acm';
import type { UpdateConnectionCommandInput, UpdateLagCommandInput } from '@aws-sdk/client-direct-connect';
import type { ModifyVpnTunnelOptionsCommandInput } from '@aws-sdk/client-ec2';
import type {
  CreateLoadBalancerPolicyCommandInput,
  DeleteLoadBalancerListenersCommandInput,
  SetLoadBalancerPoliciesOfListenerCommandInput,
} from '@aws-sdk/client-elastic-load-balancing';
import type {
  DeleteListenerCommandInput,
  ModifyListenerCommandInput,
  ModifyRuleCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RemediationCall, RemediationService } from '../model/evaluation.js';

/** The write operations remediation may call, per service, with their SDK input types (types only: no client). */
export interface CallInputs {
  elbv2: {
    ModifyListener: ModifyListenerCommandInput;
    ModifyRule: ModifyRuleCommandInput;
    DeleteListener: DeleteListenerCommandInput;
  };
  elb: {
    CreateLoadBalancerPolicy: CreateLoadBalancerPolicyCommandInput;
    SetLoadBalancerPoliciesOfListener: SetLoadBalancerPoliciesOfListenerCommandInput;
    DeleteLoadBalancerListeners: DeleteLoadBalancerListenersCommandInput;
  };
  ec2: { ModifyVpnTunnelOptions: ModifyVpnTunnelOptionsCommandInput };
  directconnect: { UpdateConnection: UpdateConnectionCommandInput; UpdateLag: UpdateLagCommandInput };
  acm: { RenewCertificate: RenewCertificateCommandInput };
}

/** A remediation call whose input is checked against the SDK's type for that operation. */
export function sdkCall<S extends RemediationService, C extends keyof CallInputs[S] & string>(
  service: S,
  command: C,
  input: CallInputs[S][C],
): RemediationCall {
  return { service, command, input: input as Record<string, unknown> };
}

/** IAM service prefixes: classic and v2 load balancers share "elasticloadbalancing". */
const IAM_PREFIX: Record<RemediationService, string> = {
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  ec2: 'ec2',
  directconnect: 'directconnect',
  acm: 'acm',
};

/** "elasticloadbalancing:ModifyListener": the IAM action a call needs. */
export function iamActionOf(call: Pick<RemediationCall, 'service' | 'command'>): string {
  return `${IAM_PREFIX[call.service]}:${call.command}`;
}

/** The ELBv2 listener in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export type LoadBalancerType = 'application' | 'network' | 'gateway';

interface RedirectConfig {
  protocol?: string;
  port?: string;
  host?: string;
  path?: string;
  query?: string;
  statusCode?: string;
}

interface FixedResponseConfig {
  statusCode?: string;
  contentType?: string;
  messageBody?: string;
}

export interface ListenerAction {
  /** forward | redirect | fixed-response | authenticate-oidc | authenticate-cognito | jwt-validation */
  type: string;
  order?: number;
  targetGroupArn?: string;
  /** Every target group of a forward action's ForwardConfig (weighted forward), when it has one. */
  targetGroupArns?: string[];
  redirect?: RedirectConfig;
  fixedResponse?: FixedResponseConfig;
}

export interface ListenerRule {
  ruleArn: string;
  priority: string;
  isDefault: boolean;
  actions: ListenerAction[];
}

export interface ListenerCertificate {
  certificateArn: string;
  isDefault?: boolean;
}

export interface SiblingListener {
  listenerArn: string;
  protocol?: string;
  port?: number;
}

export interface Elbv2Listener extends ResourceBase {
  resourceType: 'AWS::ElasticLoadBalancingV2::Listener';
  listenerArn: string;
  loadBalancerArn: string;
  /** From the load balancer (DescribeLoadBalancers) or the listener ARN (listener/app|net|gwy/...). */
  loadBalancerType?: LoadBalancerType;
  loadBalancerName?: string;
  /** HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE; absent on Gateway Load Balancer listeners. */
  protocol?: string;
  port?: number;
  sslPolicy?: string;
  certificates: ListenerCertificate[];
  defaultActions: ListenerAction[];
  /** Non-default rules; undefined when the input did not include DescribeRules data. */
  rules?: ListenerRule[];
  /** Other listeners of the same load balancer, when the input shows them. */
  siblingListeners?: SiblingListener[];
  alpnPolicy?: string[];
}

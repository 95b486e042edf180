/**
 * The normalized resource model. Every input (AWS Config item, describe-API output, live SDK call)
 * is turned into one of these shapes, so rules see one vocabulary whatever the source.
 *
 * `undefined` means "not known from the input"; an empty array means "known to be empty".
 */

export const RESOURCE_TYPES = [
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::EC2::VPNConnection',
  'AWS::DirectConnect::Connection',
  'AWS::DirectConnect::Lag',
  'AWS::ACM::Certificate',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

interface ResourceBase {
  resourceType: ResourceType;
  /** The ARN where the resource has one; otherwise its id (vpn-..., dxcon-..., dxlag-...). */
  resourceId: string;
  arn?: string;
  /** A human name (load balancer name, Name tag, connection name, domain name). */
  name?: string;
  accountId?: string;
  region?: string;
  tags: Record<string, string>;
  /** Where this record came from: a file name, "api:DescribeListeners", "config:item". */
  source: string;
  /** When AWS Config recorded this state (configurationItemCaptureTime, ISO); absent for describe outputs. */
  capturedAt?: string;
}

// ---------------------------------------------------------------- ELBv2

export type LoadBalancerType = 'application' | 'network' | 'gateway';

export interface RedirectConfig {
  protocol?: string;
  port?: string;
  host?: string;
  path?: string;
  query?: string;
  statusCode?: string;
}

export interface FixedResponseConfig {
  statusCode?: string;
  contentType?: string;
  messageBody?: string;
}

export interface ListenerAction {
  /** forward | redirect | fixed-response | authenticate-oidc | authenticate-cognito | jwt-validation */
  type: string;
  order?: number;
  targetGroupArn?: string;
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

// ---------------------------------------------------------------- Classic ELB

export interface ClassicPolicyAttribute {
  name: string;
  value: string;
}

export interface ClassicPolicy {
  policyName: string;
  /** SSLNegotiationPolicyType for negotiation policies. */
  policyTypeName?: string;
  attributes: ClassicPolicyAttribute[];
}

export interface ClassicListener {
  /** HTTP | HTTPS | TCP | SSL (front end). */
  protocol: string;
  loadBalancerPort: number;
  instanceProtocol?: string;
  instancePort?: number;
  sslCertificateId?: string;
  policyNames: string[];
}

export interface ClassicLoadBalancer extends ResourceBase {
  resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer';
  loadBalancerName: string;
  dnsName?: string;
  scheme?: string;
  listeners: ClassicListener[];
  /**
   * Policies defined on this load balancer with their attributes (DescribeLoadBalancerPolicies),
   * keyed by policy name. A listener's policy that is missing here is resolved from the predefined
   * policy data, or is unknown.
   */
  policies: ClassicPolicy[];
}

// ---------------------------------------------------------------- Site-to-Site VPN

/**
 * Tunnel options as AWS reports them. An empty list means "AWS default": every value allowed
 * (including IKEv1, SHA1 and DH group 2).
 */
export interface VpnTunnelOptions {
  ikeVersions: string[];
  phase1EncryptionAlgorithms: string[];
  phase2EncryptionAlgorithms: string[];
  phase1IntegrityAlgorithms: string[];
  phase2IntegrityAlgorithms: string[];
  phase1DHGroupNumbers: number[];
  phase2DHGroupNumbers: number[];
  startupAction?: string;
  dpdTimeoutAction?: string;
}

/** What an UP tunnel actually negotiated (GetActiveVpnTunnelStatus). */
export interface VpnNegotiatedCrypto {
  ikeVersion?: string;
  phase1EncryptionAlgorithm?: string;
  phase2EncryptionAlgorithm?: string;
  phase1IntegrityAlgorithm?: string;
  phase2IntegrityAlgorithm?: string;
  phase1DHGroup?: number;
  phase2DHGroup?: number;
}

export interface VpnTunnel {
  outsideIpAddress: string;
  /** UP | DOWN (VgwTelemetry). */
  status?: string;
  statusMessage?: string;
  /** undefined when the input carried no tunnel options at all (cannot judge crypto). */
  options?: VpnTunnelOptions;
  negotiated?: VpnNegotiatedCrypto;
}

export interface VpnConnection extends ResourceBase {
  resourceType: 'AWS::EC2::VPNConnection';
  vpnConnectionId: string;
  /** pending | available | deleting | deleted */
  state?: string;
  type?: string;
  customerGatewayId?: string;
  vpnGatewayId?: string;
  transitGatewayId?: string;
  tunnels: VpnTunnel[];
  // Never: pre-shared keys or customerGatewayConfiguration. Normalizers drop them.
}

// ---------------------------------------------------------------- Direct Connect

export interface MacSecKey {
  secretArn?: string;
  ckn?: string;
  /** associating | associated | disassociating | disassociated */
  state?: string;
  startOn?: string;
}

interface DxBase extends ResourceBase {
  bandwidth?: string;
  /** ordering | requested | pending | available | down | deleting | deleted | rejected | unknown */
  state?: string;
  location?: string;
  /** undefined when the output predates MACsec (treated as not capable). */
  macSecCapable?: boolean;
  /** no_encrypt | should_encrypt | must_encrypt */
  encryptionMode?: string;
  macSecKeys: MacSecKey[];
}

export interface DxConnection extends DxBase {
  resourceType: 'AWS::DirectConnect::Connection';
  connectionId: string;
  lagId?: string;
  /** "Encryption Up" | "Encryption Down" */
  portEncryptionStatus?: string;
  /** Set for hosted connections (a partner's interconnect); MACsec is only for dedicated ones. */
  partnerName?: string;
  hosted?: boolean;
}

export interface DxLag extends DxBase {
  resourceType: 'AWS::DirectConnect::Lag';
  lagId: string;
  connectionIds: string[];
  /** Port encryption status of each member connection, when known. */
  memberPortEncryptionStatus?: Record<string, string | undefined>;
}

// ---------------------------------------------------------------- ACM

export interface AcmRenewalSummary {
  /** PENDING_AUTO_RENEWAL | PENDING_VALIDATION | SUCCESS | FAILED */
  renewalStatus?: string;
  renewalStatusReason?: string;
  updatedAt?: string;
}

export interface AcmCertificate extends ResourceBase {
  resourceType: 'AWS::ACM::Certificate';
  certificateArn: string;
  domainName?: string;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE */
  type?: string;
  /** PENDING_VALIDATION | ISSUED | INACTIVE | EXPIRED | VALIDATION_TIMED_OUT | REVOKED | FAILED */
  status?: string;
  /** Normalized to the API enum spelling: RSA_2048, EC_prime256v1, ... ("RSA-2048" becomes RSA_2048). */
  keyAlgorithm?: string;
  /** As ACM reports it, e.g. SHA256WITHRSA. */
  signatureAlgorithm?: string;
  notBefore?: string;
  /** ISO 8601. */
  notAfter?: string;
  /** ARNs of the resources using the certificate; undefined when only `inUse` is known. */
  inUseBy?: string[];
  inUse?: boolean;
  /** ELIGIBLE | INELIGIBLE */
  renewalEligibility?: string;
  renewalSummary?: AcmRenewalSummary;
  /** ENABLED | DISABLED */
  transparencyLoggingPreference?: string;
}

export type Resource =
  | Elbv2Listener
  | ClassicLoadBalancer
  | VpnConnection
  | DxConnection
  | DxLag
  | AcmCertificate;

export type ResourceOfType<T extends ResourceType> = Extract<Resource, { resourceType: T }>;

export function isResourceOfType<T extends ResourceType>(
  resource: Resource,
  type: T,
): resource is ResourceOfType<T> {
  return resource.resourceType === type;
}

/** True when a certificate is used by something, from whichever field the input had. */
export function certificateInUse(certificate: AcmCertificate): boolean {
  return (certificate.inUseBy?.length ?? 0) > 0 || certificate.inUse === true;
}

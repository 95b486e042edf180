import { joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { type Elbv2TargetGroup, TARGET_GROUP } from '../target-group.js';

/** Target group protocols that carry plaintext to the targets (ProtocolEnum, API_TargetGroup). */
const PLAINTEXT = new Set(['HTTP', 'TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC']);
/** Protocols that encrypt the hop themselves. */
const ENCRYPTED = new Set(['HTTPS', 'TLS', 'QUIC']);

function label(group: Elbv2TargetGroup): string {
  return group.name ? `Target group ${group.name}` : `Target group ${group.targetGroupArn}`;
}

/** What the reason says about the VPC's encryption control, which alone can make the plaintext hop encrypted. */
function vpcControlWords(group: Elbv2TargetGroup): string {
  const vpc = group.vpcId ?? 'its VPC';
  const control = group.vpcEncryptionControl;
  if (!control)
    return `the encryption control of ${vpc} is unknown (no VPC encryption control in the inputs)`;
  return `the encryption control of ${vpc} is ${control.mode ?? 'of unknown mode'}${control.state ? ` (${control.state})` : ''}, not enforced`;
}

const enforced = (group: Elbv2TargetGroup) =>
  group.vpcEncryptionControl?.mode === 'enforce' && group.vpcEncryptionControl.state === 'available';

export const elbv2TargetGroupPlaintext = defineRule({
  metadata: {
    id: 'elbv2-target-group-plaintext',
    title: 'TLS listener forwards to a plaintext target group',
    family: 'elbv2',
    resourceTypes: [TARGET_GROUP],
    severity: 'low',
    description:
      "An HTTPS or TLS listener forwards (default action or rule, weighted forward included) to a target group on HTTP, TCP or UDP: the load balancer decrypts and sends plaintext to its targets. Compliant when the VPC's encryption control is in enforce mode.",
    rationale:
      'Inside the VPC the requests travel unencrypted from the load balancer to the targets: anything that can see that network (a compromised host, mirrored traffic) reads them.',
    parameters: [{ policyPath: 'tls.endToEnd', description: "'required' raises the severity to medium." }],
    remediation: {
      guidance:
        "Create an HTTPS (or TLS) target group for the same targets and point the listener's forward actions at it, or put the VPC's encryption control in enforce mode.",
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-routing-configuration',
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-encryption-controls.html',
      'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_protect_data_transit_encrypt.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(group, context) {
    const name = label(group);
    if (group.targetType === 'lambda')
      return notApplicable(`${name} sends to Lambda functions: no network hop to encrypt.`);
    const protocol = group.protocol;
    if (protocol === 'GENEVE')
      return notApplicable(`${name} is a Gateway Load Balancer's (GENEVE): it passes packets as they are.`);
    if (protocol !== undefined && ENCRYPTED.has(protocol)) {
      return compliant(`${name} uses ${protocol}: the hop to the targets is encrypted.`, { protocol });
    }
    if (protocol === undefined || !PLAINTEXT.has(protocol)) {
      const said =
        protocol === undefined
          ? 'the input gives no protocol'
          : `its protocol ${JSON.stringify(protocol)} is not one ELBv2 documents`;
      return cannotVerify(`${name}: ${said}, so whether it carries plaintext cannot be verified.`, {
        protocol: protocol ?? null,
      });
    }
    if (group.loadBalancerArns === undefined) {
      return cannotVerify(
        `${name} uses ${protocol}, and the input does not say which load balancers route to it.`,
        { protocol },
      );
    }
    if (group.loadBalancerArns.length === 0) return notApplicable(`${name} is used by no load balancer.`);
    const forwardedBy = group.forwardedBy ?? [];
    if (forwardedBy.length === 0) {
      const unknown = group.forwardingUnknown ?? ['the listeners that forward to it'];
      if (unknown.length > 0) {
        return cannotVerify(
          `${name} uses ${protocol}, and whether an HTTPS or TLS listener forwards to it cannot be verified: the inputs lack ${joinWords(unknown)}.`,
          { protocol, missing: unknown },
        );
      }
      return notApplicable(
        `${name} uses ${protocol}, but no HTTPS or TLS listener forwards to it: nothing is decrypted before it.`,
      );
    }
    const listeners = joinWords(
      forwardedBy.map(
        (listener) =>
          `${listener.protocol}${listener.port ? `:${listener.port}` : ''} listener ${listener.listenerArn}`,
      ),
    );
    const details = {
      protocol,
      forwardedBy,
      vpcId: group.vpcId,
      vpcEncryptionControl: group.vpcEncryptionControl ?? 'unknown',
    };
    if (enforced(group)) {
      return compliant(
        `${name} uses ${protocol} behind ${listeners}, but ${group.vpcId} enforces encryption in transit: the network encrypts the hop.`,
        details,
      );
    }
    return nonCompliant(
      `${name} uses ${protocol} behind ${listeners}: the load balancer decrypts and sends plaintext to its targets, and ${vpcControlWords(group)}.`,
      { details, ...(context.policy.tls.endToEnd === 'required' ? { severity: 'medium' as const } : {}) },
    );
  },
});

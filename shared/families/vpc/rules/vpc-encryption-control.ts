import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  type RuleOutcome,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import type { BlockingResource, Vpc } from '../model.js';
import { VPC_ENCRYPTION_MODES, VPC_EXCLUSIONS } from '../settings.js';

// VpcEncryptionControl State and exclusion State values of the EC2 API model (reference/vpc-encryption-controls.md).
const STATES = new Set([
  'enforce-in-progress',
  'monitor-in-progress',
  'enforce-failed',
  'monitor-failed',
  'deleting',
  'deleted',
  'available',
  'creating',
  'delete-failed',
]);
const GONE = new Set(['deleting', 'deleted']);
const EXCLUSION_STATES = new Set(['enabling', 'enabled', 'disabling', 'disabled']);
const EXCLUDING = new Set(['enabling', 'enabled']);

function blockingWords(resources: readonly BlockingResource[] | undefined): string {
  if (!resources) return '';
  if (resources.length === 0) return ' No resource blocks enforce mode.';
  const listed = resources.map(
    (r) => `${r.id ?? '(no id)'}${r.type ? ` (${r.type})` : ''}${r.isExcludable ? ', excludable' : ''}`,
  );
  return ` Resources blocking enforce mode: ${listed.join('; ')}.`;
}

/**
 * What the VPC KPIs count (shared/families/vpc/report.ts), whatever mode the policy asks: a control that
 * monitors or enforces (documented mode and state, not being deleted, no failed mode change), and enforce mode
 * in effect (enforce, available: what elbv2-target-group-plaintext trusts). Anything unknown counts as false.
 */
function controlKpis(vpc: Vpc): { hasEncryptionControl: boolean; enforcesEncryption: boolean } {
  const control = vpc.encryptionControl;
  const state = control?.state;
  const active =
    control !== undefined &&
    (VPC_ENCRYPTION_MODES as readonly (string | undefined)[]).includes(control.mode) &&
    state !== undefined &&
    STATES.has(state) &&
    !GONE.has(state) &&
    state !== 'monitor-failed' &&
    state !== 'enforce-failed';
  return {
    hasEncryptionControl: active,
    enforcesEncryption: active && control?.mode === 'enforce' && state === 'available',
  };
}

function judge(vpc: Vpc, mode: 'monitor' | 'enforce', allowed: readonly string[]): RuleOutcome {
  const blocking = blockingWords(vpc.blockingResources);
  const control = vpc.encryptionControl;
  const details = {
    vpcId: vpc.vpcId,
    requiredMode: mode,
    ...(control ? { mode: control.mode ?? null, state: control.state ?? null } : {}),
    ...controlKpis(vpc),
    ...(vpc.blockingResources ? { blockingResources: vpc.blockingResources } : {}),
  };
  if (!control && !vpc.controlRead) {
    return cannotVerify(
      `The inputs do not say whether ${vpc.vpcId} has an encryption control (read describe-vpcs or describe-vpc-encryption-controls), so it cannot be verified.${blocking}`,
      details,
    );
  }
  if (!control || (control.state && GONE.has(control.state))) {
    return nonCompliant(
      `${vpc.vpcId} has no encryption control${control?.state ? ` (${control.state})` : ''}: nothing shows or stops unencrypted traffic inside it.${blocking}`,
      { severity: 'low', details: { ...details, noControl: true } },
    );
  }
  const knownMode = (VPC_ENCRYPTION_MODES as readonly (string | undefined)[]).includes(control.mode);
  if (!knownMode || !control.state || !STATES.has(control.state)) {
    return cannotVerify(
      `The encryption control of ${vpc.vpcId} has mode ${JSON.stringify(control.mode ?? null)} and state ${JSON.stringify(control.state ?? null)}, not values EC2 documents, so it cannot be verified.${blocking}`,
      details,
    );
  }
  // A failed mode change leaves the control's effect unknown: whether it monitors (or enforces) is not shown.
  if (control.state === 'monitor-failed' || control.state === 'enforce-failed') {
    return cannotVerify(
      `The last mode change of ${vpc.vpcId}'s encryption control failed (${control.state}), so whether it ${control.mode === 'enforce' ? 'enforces' : 'monitors'} encryption cannot be verified.${blocking}`,
      details,
    );
  }
  if (mode === 'enforce' && (control.mode !== 'enforce' || control.state !== 'available')) {
    return nonCompliant(
      `${vpc.vpcId} is in ${control.mode} mode (${control.state}) while the policy asks enforce (vpc.encryptionMode): unencrypted traffic inside it is seen, not stopped.${blocking}`,
      { severity: 'medium', details },
    );
  }
  if (control.mode === 'enforce') {
    const unknown = VPC_EXCLUSIONS.filter((name) => !EXCLUSION_STATES.has(control.exclusions[name] ?? ''));
    if (unknown.length > 0) {
      return cannotVerify(
        `The exclusions ${unknown.join(', ')} of ${vpc.vpcId}'s encryption control have no known state, so whether enforce mode is weakened cannot be verified.${blocking}`,
        details,
      );
    }
    const excluded = VPC_EXCLUSIONS.filter((name) => EXCLUDING.has(control.exclusions[name] ?? ''));
    const refused = excluded.filter((name) => !allowed.includes(name));
    if (refused.length > 0) {
      return nonCompliant(
        `${vpc.vpcId} enforces encryption with exclusions the policy does not allow (vpc.allowedExclusions): ${refused.join(', ')}; traffic through them may be plaintext.${blocking}`,
        { severity: 'medium', details: { ...details, exclusions: excluded } },
      );
    }
    return compliant(
      `${vpc.vpcId} enforces encryption in transit${excluded.length > 0 ? ` with the allowed exclusions ${excluded.join(', ')}` : ''}.`,
      { ...details, exclusions: excluded },
    );
  }
  return compliant(
    `${vpc.vpcId} has an encryption control in ${control.mode} mode (${control.state}), as the policy asks.${blocking}`,
    details,
  );
}

export const vpcEncryptionControl = defineRule({
  metadata: {
    id: 'vpc-encryption-control',
    title: 'VPC without the encryption control the policy asks',
    family: 'vpc',
    resourceTypes: ['AWS::EC2::VPC'],
    severity: 'medium',
    description:
      'A VPC with no encryption control (low), in monitor mode while vpc.encryptionMode is enforce (medium), or in enforce mode with an exclusion not in vpc.allowedExclusions (medium). The finding lists the resources that block enforce mode when the inputs hold GetVpcResourcesBlockingEncryptionEnforcement.',
    rationale:
      'AWS does not encrypt all traffic inside a VPC: without an encryption control nobody sees plaintext flows, and without enforce mode nothing stops them.',
    parameters: [
      { policyPath: 'vpc.encryptionMode', description: "'enforce' fails a VPC in monitor mode." },
      { policyPath: 'vpc.allowedExclusions', description: 'The exclusions an enforced VPC may have.' },
    ],
    remediation: {
      guidance:
        'Create an encryption control (monitor mode), migrate or exclude the resources GetVpcResourcesBlockingEncryptionEnforcement lists, then switch it to enforce mode.',
      remediate: 'create-vpc-encryption-control',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-encryption-controls.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEncryptionControl.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetVpcResourcesBlockingEncryptionEnforcement.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(resource, context) {
    return judge(resource, context.policy.vpc.encryptionMode, context.policy.vpc.allowedExclusions);
  },
});

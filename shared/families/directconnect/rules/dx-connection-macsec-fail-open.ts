import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import {
  associatedKeys,
  dxLabel,
  encryptionMode,
  inapplicableDx,
  isEncryptingMode,
  isEncryptionUp,
  portStatuses,
  unknownModeOutcome,
} from './macsec.js';

export const dxConnectionMacsecFailOpen = defineRule({
  metadata: {
    id: 'dx-connection-macsec-fail-open',
    title: 'Direct Connect MACsec fails open',
    family: 'dx',
    resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
    severity: 'medium',
    description:
      'A Direct Connect connection or LAG with MACsec encryption mode should_encrypt while the policy requires must_encrypt: when MACsec cannot be established the link carries traffic unencrypted instead of stopping.',
    rationale:
      'should_encrypt fails open: a key mismatch, an expired CAK or a peer that stops offering MACsec silently drops the link back to plaintext, with no outage to draw attention to it.',
    parameters: [
      {
        policyPath: 'directConnect.requiredEncryptionMode',
        description: 'The encryption mode a MACsec-enabled link must use.',
      },
    ],
    remediation: {
      guidance:
        'Set the encryption mode to must_encrypt (UpdateConnection / UpdateLag) once a MACsec key is associated and the port reports "Encryption Up"; before that, must_encrypt would drop the traffic.',
      remediate: 'set-must-encrypt',
      block: 'set-must-encrypt',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/MACsec.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateConnection.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateLag.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(resource, context) {
    const inapplicable = inapplicableDx(resource) ?? unknownModeOutcome(resource, 'whether it fails open');
    if (inapplicable) return inapplicable;

    const label = dxLabel(resource);
    const mode = encryptionMode(resource);
    if (!isEncryptingMode(mode)) {
      return notApplicable(
        `Direct Connect ${label} does not use MACsec (encryption mode ${mode ?? 'not set'}); dx-connection-macsec judges it.`,
      );
    }
    const required = context.policy.directConnect.requiredEncryptionMode;
    if (mode !== 'should_encrypt' || required !== 'must_encrypt') {
      const accepted = mode === required ? '' : `, which the policy accepts (required: ${required})`;
      return compliant(`Direct Connect ${label} uses encryption mode ${mode}${accepted}.`, {
        encryptionMode: mode,
        requiredEncryptionMode: required,
      });
    }

    const keys = associatedKeys(resource);
    const statuses = Object.values(portStatuses(resource));
    const encryptionUp = statuses.length > 0 && statuses.every(isEncryptionUp);
    const readyForMustEncrypt = keys.length > 0 && encryptionUp;
    const caution = readyForMustEncrypt
      ? ''
      : ' Switch only once a MACsec key is associated and every port reports "Encryption Up": must_encrypt drops traffic while MACsec is down.';
    return nonCompliant(
      `Direct Connect ${label} uses encryption mode should_encrypt: if MACsec fails, traffic flows unencrypted. The policy requires ${required}.${caution}`,
      {
        remediationTarget: required,
        details: {
          encryptionMode: mode,
          requiredEncryptionMode: required,
          associatedKeys: keys.length,
          portEncryptionStatus: portStatuses(resource),
          readyForMustEncrypt,
        },
      },
    );
  },
});

import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import {
  dxLabel,
  encryptionMode,
  inapplicableDx,
  isEncryptingMode,
  isMacSecCapable,
  unknownModeOutcome,
} from './macsec.js';

export const dxConnectionMacsec = defineRule({
  metadata: {
    id: 'dx-connection-macsec',
    title: 'Direct Connect link without MACsec',
    family: 'dx',
    resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
    severity: 'medium',
    description:
      'A dedicated Direct Connect connection or LAG that is not MACsec-capable (medium; output without macSecCapable predates MACsec and counts as not capable), or that is capable but has encryption mode no_encrypt or none (high).',
    rationale:
      'Direct Connect does not encrypt traffic on its own: without MACsec, frames cross the cross-connect and the provider equipment in clear, readable by anyone with access to the fibre or the colocation cage.',
    parameters: [],
    remediation: {
      guidance:
        'On a MACsec-capable port, associate a MACsec key (CKN/CAK) and set the encryption mode to must_encrypt. A 1 Gbps or otherwise incapable port needs a new MACsec-capable dedicated connection; until then carry only Site-to-Site VPN or TLS traffic over it and record that as an exemption.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/MACsec.html',
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-mac-sec-getting-started.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_Connection.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_Lag.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(resource) {
    const inapplicable = inapplicableDx(resource) ?? unknownModeOutcome(resource, 'whether it encrypts');
    if (inapplicable) return inapplicable;

    const label = dxLabel(resource);
    const mode = encryptionMode(resource);
    const details = {
      macSecCapable: resource.macSecCapable ?? null,
      encryptionMode: mode ?? null,
      ...(resource.bandwidth ? { bandwidth: resource.bandwidth } : {}),
    };
    if (!isMacSecCapable(resource)) {
      const why =
        resource.macSecCapable === undefined
          ? 'the input has no macSecCapable field (output from before MACsec), so it counts as not MACsec-capable'
          : 'it is not MACsec-capable';
      return nonCompliant(
        `Direct Connect ${label} carries traffic unencrypted at layer 2: ${why}. Encrypt above it (Site-to-Site VPN, TLS) or move to a MACsec-capable dedicated connection.`,
        { severity: 'medium', details },
      );
    }
    if (!isEncryptingMode(mode)) {
      return nonCompliant(
        `Direct Connect ${label} is MACsec-capable but its encryption mode is ${mode ?? 'not set'}: traffic crosses the link unencrypted.`,
        { severity: 'high', details },
      );
    }
    return compliant(`Direct Connect ${label} has MACsec on (encryption mode ${mode}).`, details);
  },
});

import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  associatedKeys,
  type DxResource,
  dxLabel,
  encryptionDownPorts,
  encryptionMode,
  inapplicableDx,
  isEncryptingMode,
  isEncryptionUp,
  portStatuses,
  unknownModeOutcome,
} from './macsec.js';

/** What is not known of the port status, when some port does not report "Encryption Up"; undefined when all do. */
function unverifiedPortStatus(
  resource: DxResource,
  statuses: Record<string, string | undefined>,
): string | undefined {
  const entries = Object.entries(statuses).filter(([, status]) => !isEncryptionUp(status));
  const said = (status: string | undefined) =>
    status === undefined ? 'is not in the input' : `is ${JSON.stringify(status)}`;
  if (resource.resourceType === 'AWS::DirectConnect::Connection') {
    const [entry] = entries;
    return entry && `the port encryption status ${said(entry[1])}`;
  }
  if (Object.keys(statuses).length === 0)
    return "the input shows no member connection's port encryption status";
  return entries.length === 0
    ? undefined
    : entries
        .map(([id, status]) => `the port encryption status of member connection ${id} ${said(status)}`)
        .join(' and ');
}

export const dxConnectionMacsecDown = defineRule({
  metadata: {
    id: 'dx-connection-macsec-down',
    title: 'Direct Connect MACsec down',
    family: 'dx',
    resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
    severity: 'high',
    description:
      'A Direct Connect connection or LAG with MACsec turned on (should_encrypt or must_encrypt) that has no MACsec key in state associated, or whose port (for a LAG: any member port) reports "Encryption Down".',
    rationale:
      'MACsec is configured but not working: with should_encrypt the traffic is flowing unencrypted right now; with must_encrypt the port drops it, an outage that tempts people to switch encryption off.',
    parameters: [],
    remediation: {
      guidance:
        'Check that the CKN/CAK associated with the connection or LAG matches the one on your router, associate a key if none is, and look at the router MKA session; keep must_encrypt once "Encryption Up" is back.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/MACsec.html',
      'https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-mac-sec-getting-started.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_MacSecKey.html',
      'https://docs.aws.amazon.com/directconnect/latest/APIReference/API_Connection.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(resource) {
    const inapplicable = inapplicableDx(resource) ?? unknownModeOutcome(resource, 'whether MACsec is up');
    if (inapplicable) return inapplicable;

    const label = dxLabel(resource);
    const mode = encryptionMode(resource);
    if (!isEncryptingMode(mode)) {
      return notApplicable(
        `Direct Connect ${label} does not use MACsec (encryption mode ${mode ?? 'not set'}); dx-connection-macsec judges it.`,
      );
    }

    const keys = associatedKeys(resource);
    const downPorts = encryptionDownPorts(resource);
    const statuses = portStatuses(resource);
    const details = {
      encryptionMode: mode,
      macSecKeys: resource.macSecKeys.map((key) => ({
        ...(key.ckn ? { ckn: key.ckn } : {}),
        state: key.state ?? 'unknown',
      })),
      portEncryptionStatus: statuses,
      encryptionDownPorts: downPorts,
    };

    const problems: string[] = [];
    if (keys.length === 0) {
      const states = [...new Set(resource.macSecKeys.map((key) => key.state ?? 'unknown'))];
      problems.push(
        states.length === 0
          ? 'no MACsec key is associated'
          : `no MACsec key is associated (key state ${states.join(', ')})`,
      );
    }
    if (downPorts.length > 0) {
      problems.push(
        resource.resourceType === 'AWS::DirectConnect::Connection'
          ? 'the port reports "Encryption Down"'
          : `member ${downPorts.length === 1 ? 'connection' : 'connections'} ${downPorts.join(', ')} ${downPorts.length === 1 ? 'reports' : 'report'} "Encryption Down"`,
      );
    }
    if (problems.length > 0) {
      const impact =
        mode === 'must_encrypt'
          ? 'must_encrypt drops traffic while MACsec is down'
          : 'should_encrypt lets traffic flow unencrypted while MACsec is down';
      return nonCompliant(
        `Direct Connect ${label} has MACsec on (${mode}) but ${problems.join(' and ')}: ${impact}.`,
        {
          details,
        },
      );
    }
    const unverified = unverifiedPortStatus(resource, statuses);
    if (unverified) {
      return cannotVerify(
        `Direct Connect ${label} has an associated MACsec key (${mode}), but ${unverified}, so whether MACsec is up cannot be verified.`,
        details,
      );
    }
    return compliant(
      `Direct Connect ${label} has an associated MACsec key (${mode}); encryption is up.`,
      details,
    );
  },
});

import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { LATTICE_LISTENER } from '../model.js';
import { knownProtocol, listenerLabel } from './listener.js';

export const vpcLatticeListenerPlaintext = defineRule({
  metadata: {
    id: 'vpc-lattice-listener-plaintext',
    title: 'VPC Lattice listener on HTTP',
    family: 'vpc-lattice',
    resourceTypes: [LATTICE_LISTENER],
    severity: 'medium',
    description:
      'A VPC Lattice service listener on HTTP: requests reach the service unencrypted. HTTPS and TLS_PASSTHROUGH listeners pass; a listener whose protocol the input does not give cannot be verified.',
    rationale:
      'Service-to-service calls on an HTTP listener cross the network in plaintext: tokens, credentials and data can be read or changed by anything on the path.',
    parameters: [],
    remediation: {
      guidance:
        'A listener protocol cannot be changed: create an HTTPS listener (or TLS_PASSTHROUGH) on the service, move the clients to it, then delete the HTTP listener.',
      block: 'delete-lattice-listener',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html',
      'https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetListener.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(listener) {
    const label = listenerLabel(listener);
    const protocol = knownProtocol(listener);
    if (protocol === undefined) {
      const said =
        listener.protocol === undefined
          ? 'the input gives no protocol'
          : `its protocol ${JSON.stringify(listener.protocol)} is not one VPC Lattice documents`;
      return cannotVerify(`${label}: ${said}, so whether it serves plaintext cannot be verified.`, {
        protocol: listener.protocol ?? null,
      });
    }
    if (protocol === 'HTTP') {
      return nonCompliant(
        `${label} listens on HTTP${listener.port ? ` port ${listener.port}` : ''}: requests reach the service in plaintext.`,
        {
          details: { protocol, port: listener.port },
        },
      );
    }
    return compliant(`${label} listens on ${protocol}.`, { protocol, port: listener.port });
  },
});

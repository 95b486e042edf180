import { joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  cipherClassesParameter,
  minimumVersionParameter,
  POST_QUANTUM_PARAMETER,
} from '../../../rules/tls-parameters.js';
import { cipherDetails, countCiphers, nameCiphers } from '../../../rules/wording.js';
import { protocolsBelow } from '../../../tls/versions.js';
import { LATTICE_LISTENER } from '../model.js';
import { LATTICE_TLS_POLICY } from '../tls-policy.js';
import { knownProtocol, listenerLabel } from './listener.js';

const WAY_OUT =
  'VPC Lattice cannot change it: to serve only what the policy allows, make the listener TLS_PASSTHROUGH and let the service terminate TLS with its own policy.';

export const vpcLatticeListenerTlsPolicy = defineRule({
  metadata: {
    id: 'vpc-lattice-listener-tls-policy',
    title: 'VPC Lattice HTTPS listener on the fixed Lattice TLS policy',
    family: 'vpc-lattice',
    resourceTypes: [LATTICE_LISTENER],
    severity: 'info',
    description:
      'An HTTPS listener: VPC Lattice terminates it with one fixed TLS policy, which offers CBC and static-RSA suites. Under a policy that forbids those cipher classes (or a protocol the fixed policy offers) the listener is reported at info severity; the way out is TLS_PASSTHROUGH.',
    rationale:
      'CBC suites invite padding-oracle attacks and static RSA gives no forward secrecy; a client can negotiate any suite the listener offers, and no setting removes them from a Lattice HTTPS listener.',
    parameters: [
      cipherClassesParameter('a listener'),
      minimumVersionParameter('a listener'),
      POST_QUANTUM_PARAMETER,
    ],
    remediation: {
      guidance:
        'Nothing in VPC Lattice changes the policy: use a TLS_PASSTHROUGH listener and terminate TLS in the service with a policy that offers only allowed suites.',
    },
    defaultMode: 'notify',
    references: [
      LATTICE_TLS_POLICY.source,
      'https://docs.aws.amazon.com/vpc-lattice/latest/ug/tls-listeners.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(listener, context) {
    const label = listenerLabel(listener);
    const protocol = knownProtocol(listener);
    if (protocol === undefined) {
      return cannotVerify(
        `${label}: the input gives no known protocol, so whether Lattice terminates its TLS cannot be verified.`,
        {
          protocol: listener.protocol ?? null,
        },
      );
    }
    if (protocol === 'HTTP')
      return notApplicable(`${label} listens on HTTP: no TLS (vpc-lattice-listener-plaintext).`);
    if (protocol === 'TLS_PASSTHROUGH') {
      return compliant(`${label} passes TLS through: the service terminates it with its own policy.`, {
        protocol,
      });
    }
    const { allowedCipherClasses: allowed, minimumVersion, postQuantum } = context.policy.tls;
    const weak = LATTICE_TLS_POLICY.ciphers
      .map((name) => context.tls.classifyCipher(name))
      .filter((cipher) => !allowed.includes(cipher.cipherClass));
    const oldProtocols = protocolsBelow(LATTICE_TLS_POLICY.protocols, minimumVersion);
    const problems = [
      ...(weak.length > 0
        ? [
            `${countCiphers(weak.length)} outside the allowed classes (${allowed.join(', ')}): ${nameCiphers(weak)}`,
          ]
        : []),
      ...(oldProtocols.length > 0 ? [`${joinWords(oldProtocols)}, below the minimum ${minimumVersion}`] : []),
      ...(postQuantum === 'require' && !LATTICE_TLS_POLICY.postQuantum
        ? ['no post-quantum key exchange (the policy requires it)']
        : []),
    ];
    const details = {
      protocol,
      latticeTlsPolicy: LATTICE_TLS_POLICY.source,
      allowedCipherClasses: allowed,
      minimumVersion,
    };
    if (problems.length === 0) {
      return compliant(
        `${label}: the fixed VPC Lattice TLS policy offers only what the policy allows.`,
        details,
      );
    }
    return nonCompliant(
      `${label}: the fixed VPC Lattice TLS policy offers ${problems.join('; ')}. ${WAY_OUT}`,
      {
        severity: 'info',
        details: { ...details, weakCiphers: cipherDetails(weak), protocolsBelowMinimum: oldProtocols },
      },
    );
  },
});

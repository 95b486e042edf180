import { capitalize, joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  classicListenerLabel,
  isClassicPassthroughListener,
  isClassicPlaintextListener,
  isKnownClassicProtocol,
} from '../listener.js';

/** "listener A uses" / "listeners A and B use". */
function listenersDo(labels: readonly string[], one: string, many: string): string {
  return labels.length === 1 ? `listener ${labels[0]} ${one}` : `listeners ${joinWords(labels)} ${many}`;
}

export const elbListenerPlaintext = defineRule({
  metadata: {
    id: 'elb-listener-plaintext',
    title: 'Classic load balancer listener accepts plaintext',
    family: 'elb',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    severity: 'high',
    description:
      'A Classic Load Balancer with a front-end listener on HTTP, whatever its port, or on TCP on a port the policy does not list as TLS passthrough (tls.tlsPassthroughPorts). One evaluation per load balancer names every such listener.',
    rationale:
      'Clients reach an HTTP or TCP listener without TLS: anyone on the path can read and alter what they send and receive, including credentials and session cookies.',
    parameters: [
      {
        policyPath: 'tls.tlsPassthroughPorts',
        description: 'Ports where a TCP listener is allowed because TLS passes through to the instances.',
      },
    ],
    remediation: {
      guidance:
        'Add an HTTPS or SSL listener with an ACM certificate and a strong negotiation policy, move clients to it, then delete the HTTP or TCP listener (or migrate to an Application Load Balancer, which can redirect HTTP to HTTPS). If the instances terminate TLS themselves behind a TCP listener, add the port to tls.tlsPassthroughPorts.',
      block: 'delete-classic-listener',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3',
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-tls-https-listeners-only.html',
    ],
    compliance: {
      securityHub: ['ELB.3'],
      configRules: ['elb-tls-https-listeners-only'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(lb, context) {
    if (lb.listeners.length === 0) {
      return notApplicable(`Load balancer ${lb.loadBalancerName} has no listener in the input.`);
    }
    const passthroughPorts = context.policy.tls.tlsPassthroughPorts;
    const plaintext = lb.listeners.filter((listener) =>
      isClassicPlaintextListener(listener, passthroughPorts),
    );
    const unknown = lb.listeners.filter((listener) => !isKnownClassicProtocol(listener));
    if (plaintext.length === 0 && unknown.length > 0) {
      const one = unknown.length === 1;
      return cannotVerify(
        `${one ? 'Listener' : 'Listeners'} ${joinWords(unknown.map(classicListenerLabel))} ${one ? 'has the protocol' : 'have the protocols'} ${joinWords(unknown.map((listener) => JSON.stringify(listener.protocol)))}, which ${one ? 'is not a Classic Load Balancer listener protocol' : 'are not Classic Load Balancer listener protocols'}, so whether ${one ? 'it accepts' : 'they accept'} plaintext cannot be verified.`,
        {
          unknownProtocolListeners: unknown.map((listener) => ({
            listener: classicListenerLabel(listener),
            protocol: listener.protocol,
          })),
        },
      );
    }
    if (plaintext.length === 0) {
      const labels = lb.listeners.map(classicListenerLabel);
      const passthrough = lb.listeners.filter((listener) =>
        isClassicPassthroughListener(listener, passthroughPorts),
      );
      if (passthrough.length === 0) {
        return compliant(`Every front-end listener uses TLS (${joinWords(labels)}).`, { listeners: labels });
      }
      const passthroughLabels = passthrough.map(classicListenerLabel);
      const tlsLabels = labels.filter((label) => !passthroughLabels.includes(label));
      const clauses = [
        ...(tlsLabels.length > 0 ? [listenersDo(tlsLabels, 'uses TLS', 'use TLS')] : []),
        `${listenersDo(passthroughLabels, 'is on a TLS-passthrough port', 'are on TLS-passthrough ports')} (tls.tlsPassthroughPorts): the instances terminate TLS`,
      ];
      return compliant(`${capitalize(clauses.join('; '))}.`, {
        listeners: labels,
        passthroughListeners: passthroughLabels,
        tlsPassthroughPorts: passthroughPorts,
      });
    }
    const labels = plaintext.map(classicListenerLabel);
    const subject = plaintext.length === 1 ? 'Listener' : 'Listeners';
    const verb = plaintext.length === 1 ? 'accepts' : 'accept';
    return nonCompliant(`${subject} ${joinWords(labels)} ${verb} plaintext from clients.`, {
      details: {
        failingListeners: plaintext.map((listener) => ({
          listener: classicListenerLabel(listener),
          protocol: listener.protocol,
          loadBalancerPort: listener.loadBalancerPort,
          ...(listener.instanceProtocol ? { instanceProtocol: listener.instanceProtocol } : {}),
          ...(listener.instancePort === undefined ? {} : { instancePort: listener.instancePort }),
        })),
      },
    });
  },
});

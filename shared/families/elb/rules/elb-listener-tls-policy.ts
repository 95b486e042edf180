import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { minimumVersionParameter, POST_QUANTUM_PARAMETER } from '../../../rules/tls-parameters.js';
import { postQuantumDetails, postQuantumNote, postQuantumShortfall } from '../../../tls/index.js';
import {
  CLASSIC_REMEDIATION_TARGET,
  checkClassicTlsListeners,
  classicListenerFailures,
  classicPostQuantum,
  resolvedDetails,
  sentence,
} from './listeners.js';

export const elbListenerTlsPolicy = defineRule({
  metadata: {
    id: 'elb-listener-tls-policy',
    title: 'Classic listener negotiation policy accepts old protocols',
    family: 'elb',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    severity: 'high',
    description:
      'A Classic Load Balancer HTTPS or SSL listener whose SSL negotiation policy enables a protocol below the minimum (SSLv2, SSLv3, TLSv1, TLSv1.1 by default). Attributes are read case-insensitively and a Reference-Security-Policy is resolved; a policy that cannot be resolved is reported. Under tls.postQuantum: require every such listener fails: no classic negotiation policy has TLS 1.3, which hybrid ML-KEM key exchange needs (details.postQuantum says so).',
    rationale:
      'SSLv3 and TLS 1.0/1.1 are open to downgrade and padding-oracle attacks (POODLE, BEAST); a client or attacker can choose them whenever the negotiation policy enables them.',
    parameters: [
      minimumVersionParameter('a listener'),
      {
        ...POST_QUANTUM_PARAMETER,
        description: `${POST_QUANTUM_PARAMETER.description} No classic negotiation policy offers it: it needs TLS 1.3.`,
      },
    ],
    remediation: {
      guidance:
        'Create a custom SSL negotiation policy that enables only the allowed protocols and ciphers (Server-Defined-Cipher-Order true) and set it on the listener; no predefined classic policy is AEAD-only.',
      remediate: 'set-classic-negotiation-policy',
      block: 'set-classic-negotiation-policy',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-ssl-security-policy.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-8',
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-predefined-security-policy-ssl-check.html',
    ],
    compliance: {
      securityHub: ['ELB.8'],
      configRules: ['elb-predefined-security-policy-ssl-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(lb, context) {
    const checks = checkClassicTlsListeners(lb, context);
    if (checks.length === 0) {
      return notApplicable(`Load balancer ${lb.loadBalancerName} has no HTTPS or SSL listener.`);
    }
    const { minimumVersion: minimum, postQuantum: pqSetting } = context.policy.tls;
    const postQuantum = classicPostQuantum(checks);
    let pqOnly = 0;
    const failing = classicListenerFailures(checks, (check) => {
      const below = check.assessment.protocolsBelowMinimum;
      const shortfall = postQuantumShortfall(check.postQuantum, pqSetting);
      if (below.length === 0 && shortfall === undefined) return undefined;
      if (below.length === 0) pqOnly += 1;
      const accepts = below.length > 0 ? ` accepts ${joinWords(below)}` : '';
      return {
        text: `listener ${check.label}${accepts} (policy ${check.policyName})${shortfall ? `: ${shortfall}` : ''}`,
        details: resolvedDetails(check, { protocolsBelowMinimum: below }),
      };
    });
    const pqDetails = postQuantumDetails(postQuantum);
    if (failing.length === 0) {
      const labels = checks.map((check) => check.label);
      return compliant(`Every HTTPS/SSL listener (${joinWords(labels)}) accepts nothing below ${minimum}.`, {
        listeners: labels,
        minimumVersion: minimum,
        ...pqDetails,
      });
    }
    // Under require the shortfall is in the text already; otherwise the note follows when the fact is known
    // (unknown only when a listener cannot be verified, which the text says).
    const note =
      pqSetting === 'require' || postQuantum === undefined ? '' : postQuantumNote(postQuantum, pqSetting);
    const minimumText = failing.length > pqOnly ? `; the minimum is ${minimum}` : '';
    return nonCompliant(`${sentence(failing.map((failure) => failure.text))}${minimumText}.${note}`, {
      details: {
        minimumVersion: minimum,
        failingListeners: failing.map((failure) => failure.details),
        ...pqDetails,
      },
      remediationTarget: CLASSIC_REMEDIATION_TARGET,
    });
  },
});

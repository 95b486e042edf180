import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { minimumVersionParameter, POST_QUANTUM_PARAMETER } from '../../../rules/tls-parameters.js';
import { postQuantumDetails, postQuantumNote, postQuantumShortfall } from '../../../tls/index.js';
import { judgeListenerSecurityPolicy } from './security-policy.js';

export const elbv2ListenerTlsPolicy = defineRule({
  metadata: {
    id: 'elbv2-listener-tls-policy',
    title: 'Listener security policy accepts old TLS versions',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'high',
    description:
      'An HTTPS or TLS listener whose security policy accepts a protocol version below the minimum, judged by the protocols the policy enables, not by its name; under tls.postQuantum: require, also one that offers no hybrid post-quantum (ML-KEM) key exchange. An unknown policy cannot be verified and is reported. The evaluation says in details.postQuantum whether the policy offers post-quantum key exchange.',
    rationale:
      'TLS 1.0 and 1.1 lack modern AEAD ciphers and are open to downgrade and padding-oracle attacks (BEAST, POODLE-style); a client or attacker can choose them whenever the policy allows it.',
    parameters: [
      minimumVersionParameter('a listener'),
      POST_QUANTUM_PARAMETER,
      { policyPath: 'tls.targetPolicy', description: 'The security policy remediation sets.' },
      {
        policyPath: 'tls.targetFipsPolicy',
        description: 'The security policy remediation sets when the current one is a FIPS policy.',
      },
    ],
    remediation: {
      guidance:
        'Set the listener security policy to one that accepts only the minimum version and later, such as ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (it adds hybrid post-quantum key exchange; a FIPS policy for FIPS listeners).',
      remediate: 'set-ssl-policy',
      block: 'set-ssl-policy',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17',
      'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-predefined-security-policy-ssl-check.html',
    ],
    compliance: {
      securityHub: ['ELB.17'],
      configRules: ['elbv2-predefined-security-policy-ssl-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(listener, context) {
    const { minimumVersion: minimum, postQuantum: pqSetting } = context.policy.tls;
    return judgeListenerSecurityPolicy(
      listener,
      context,
      'the protocols it accepts',
      ({ policy, assessment, target }) => {
        const below = assessment.protocolsBelowMinimum;
        const details = {
          sslPolicy: policy.name,
          protocols: policy.protocols,
          minimumVersion: minimum,
          protocolsBelowMinimum: below,
          ...postQuantumDetails(policy.postQuantum),
        };
        const shortfall = postQuantumShortfall(policy.postQuantum, pqSetting);
        if (below.length === 0 && shortfall === undefined) {
          return compliant(
            `Policy ${policy.name} accepts only ${joinWords(policy.protocols)}; the minimum is ${minimum}.`,
            details,
          );
        }
        const protocolsText =
          below.length > 0
            ? `Policy ${policy.name} accepts ${joinWords(below)}; the minimum is ${minimum}.`
            : `Policy ${policy.name} accepts only ${joinWords(policy.protocols)}, but ${shortfall}.`;
        // The shortfall is said once: in place of the note, after the protocols when they fail too.
        const note = shortfall
          ? below.length > 0
            ? ` Also, ${shortfall}.`
            : ''
          : postQuantumNote(policy.postQuantum, pqSetting);
        return nonCompliant(`${protocolsText}${note}`, { details, remediationTarget: target });
      },
    );
  },
});

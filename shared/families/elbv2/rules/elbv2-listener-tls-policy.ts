import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { judgeListenerSecurityPolicy } from './security-policy.js';

export const elbv2ListenerTlsPolicy = defineRule({
  metadata: {
    id: 'elbv2-listener-tls-policy',
    title: 'Listener security policy accepts old TLS versions',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'high',
    description:
      'An HTTPS or TLS listener whose security policy accepts a protocol version below the minimum, judged by the protocols the policy enables, not by its name. An unknown policy cannot be verified and is reported.',
    rationale:
      'TLS 1.0 and 1.1 lack modern AEAD ciphers and are open to downgrade and padding-oracle attacks (BEAST, POODLE-style); a client or attacker can choose them whenever the policy allows it.',
    parameters: [
      { policyPath: 'tls.minimumVersion', description: 'The oldest protocol version a listener may accept.' },
      { policyPath: 'tls.targetPolicy', description: 'The security policy remediation sets.' },
      {
        policyPath: 'tls.targetFipsPolicy',
        description: 'The security policy remediation sets when the current one is a FIPS policy.',
      },
    ],
    remediation: {
      guidance:
        'Set the listener security policy to one that accepts only the minimum version and later, such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (a FIPS policy for FIPS listeners).',
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
    const minimum = context.policy.tls.minimumVersion;
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
        };
        if (below.length === 0) {
          return compliant(
            `Policy ${policy.name} accepts only ${joinWords(policy.protocols)}; the minimum is ${minimum}.`,
            details,
          );
        }
        return nonCompliant(`Policy ${policy.name} accepts ${joinWords(below)}; the minimum is ${minimum}.`, {
          details,
          remediationTarget: target,
        });
      },
    );
  },
});

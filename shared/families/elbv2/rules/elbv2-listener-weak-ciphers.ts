import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { cipherDetails, countCiphers, nameCiphers } from '../../../rules/wording.js';
import { judgeListenerSecurityPolicy } from './security-policy.js';

export const elbv2ListenerWeakCiphers = defineRule({
  metadata: {
    id: 'elbv2-listener-weak-ciphers',
    title: 'Listener security policy offers weak ciphers',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'medium',
    description:
      'An HTTPS or TLS listener whose security policy offers a cipher outside the allowed classes (by default ECDHE key exchange with AEAD only: no CBC, no SHA-1 MAC, no static RSA, no 3DES or RC4). An unknown policy cannot be verified and is reported.',
    rationale:
      'CBC suites invite padding-oracle attacks, static RSA key exchange gives no forward secrecy (one stolen key decrypts recorded traffic), and 3DES and RC4 are broken; a client can negotiate any suite the policy offers.',
    parameters: [
      { policyPath: 'tls.allowedCipherClasses', description: 'The cipher classes a listener may offer.' },
      { policyPath: 'tls.targetPolicy', description: 'The security policy remediation sets.' },
      {
        policyPath: 'tls.targetFipsPolicy',
        description: 'The security policy remediation sets when the current one is a FIPS policy.',
      },
    ],
    remediation: {
      guidance:
        'Set the listener security policy to one that offers only allowed ciphers, such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04 for FIPS listeners).',
      remediate: 'set-ssl-policy',
      block: 'set-ssl-policy',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17',
    ],
    compliance: {
      securityHub: ['ELB.17'],
      configRules: [],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(listener, context) {
    const allowed = context.policy.tls.allowedCipherClasses;
    return judgeListenerSecurityPolicy(
      listener,
      context,
      'the ciphers it offers',
      ({ policy, assessment, target }) => {
        const weak = assessment.disallowedCiphers;
        if (weak.length === 0) {
          return compliant(
            `Policy ${policy.name} offers only ciphers in the allowed classes (${allowed.join(', ')}).`,
            { sslPolicy: policy.name, allowedCipherClasses: allowed },
          );
        }
        return nonCompliant(
          `Policy ${policy.name} offers ${countCiphers(weak.length)} outside the allowed classes (${allowed.join(', ')}): ${nameCiphers(weak)}.`,
          {
            details: {
              sslPolicy: policy.name,
              allowedCipherClasses: allowed,
              weakCiphers: cipherDetails(weak),
            },
            remediationTarget: target,
          },
        );
      },
    );
  },
});

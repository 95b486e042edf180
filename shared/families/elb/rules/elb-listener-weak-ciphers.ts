import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { cipherDetails, countCiphers, nameCiphers } from '../../../rules/wording.js';
import {
  CLASSIC_REMEDIATION_TARGET,
  checkClassicTlsListeners,
  classicListenerFailures,
  resolvedDetails,
  sentence,
} from './listeners.js';

export const elbListenerWeakCiphers = defineRule({
  metadata: {
    id: 'elb-listener-weak-ciphers',
    title: 'Classic listener negotiation policy enables weak ciphers',
    family: 'elb',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    severity: 'medium',
    description:
      'A Classic Load Balancer HTTPS or SSL listener whose SSL negotiation policy enables a cipher outside the allowed classes (by default ECDHE key exchange with AEAD only). A policy that cannot be resolved is reported.',
    rationale:
      'CBC suites invite padding-oracle attacks, static RSA key exchange gives no forward secrecy, and 3DES (DES-CBC3-SHA) and RC4 are broken; a client can negotiate any cipher the policy enables.',
    parameters: [
      { policyPath: 'tls.allowedCipherClasses', description: 'The cipher classes a listener may offer.' },
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
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-custom-security-policy-ssl-check.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['elb-custom-security-policy-ssl-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(lb, context) {
    const checks = checkClassicTlsListeners(lb, context);
    if (checks.length === 0) {
      return notApplicable(`Load balancer ${lb.loadBalancerName} has no HTTPS or SSL listener.`);
    }
    const allowed = context.policy.tls.allowedCipherClasses;
    const failing = classicListenerFailures(checks, (check) => {
      const weak = check.assessment.disallowedCiphers;
      if (weak.length === 0) return undefined;
      return {
        text: `listener ${check.label} (policy ${check.policyName}) enables ${countCiphers(weak.length)} outside the allowed classes: ${nameCiphers(weak)}`,
        details: resolvedDetails(check, { weakCiphers: cipherDetails(weak) }),
      };
    });
    if (failing.length === 0) {
      const labels = checks.map((check) => check.label);
      return compliant(
        `Every HTTPS/SSL listener (${joinWords(labels)}) enables only ciphers in the allowed classes (${allowed.join(', ')}).`,
        { listeners: labels, allowedCipherClasses: allowed },
      );
    }
    return nonCompliant(
      `${sentence(failing.map((failure) => failure.text))}; allowed: ${allowed.join(', ')}.`,
      {
        details: {
          allowedCipherClasses: allowed,
          failingListeners: failing.map((failure) => failure.details),
        },
        remediationTarget: CLASSIC_REMEDIATION_TARGET,
      },
    );
  },
});

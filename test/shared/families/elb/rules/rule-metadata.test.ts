import { describeRuleMetadata, type RuleMetadataCase } from '../../../../helpers/rule-metadata.js';

// Mappings and parameters are those of ../shared/RULES.md.
const RULES: RuleMetadataCase[] = [
  [
    'elb-listener-plaintext',
    async () =>
      (await import('../../../../../shared/families/elb/rules/elb-listener-plaintext.js'))
        .elbListenerPlaintext,
    ['ELB.3'],
    ['elb-tls-https-listeners-only'],
    ['tls.tlsPassthroughPorts'],
  ],
  [
    'elb-listener-tls-policy',
    async () =>
      (await import('../../../../../shared/families/elb/rules/elb-listener-tls-policy.js'))
        .elbListenerTlsPolicy,
    ['ELB.8'],
    ['elb-predefined-security-policy-ssl-check'],
    ['tls.minimumVersion', 'tls.postQuantum'],
  ],
  [
    'elb-listener-weak-ciphers',
    async () =>
      (await import('../../../../../shared/families/elb/rules/elb-listener-weak-ciphers.js'))
        .elbListenerWeakCiphers,
    [],
    ['elb-custom-security-policy-ssl-check'],
    ['tls.allowedCipherClasses'],
  ],
  [
    'elb-listener-certificate-source',
    async () =>
      (await import('../../../../../shared/families/elb/rules/elb-listener-certificate-source.js'))
        .elbListenerCertificateSource,
    ['ELB.2'],
    ['elb-acm-certificate-required'],
    [],
  ],
];

describeRuleMetadata('Classic ELB rule metadata', RULES);

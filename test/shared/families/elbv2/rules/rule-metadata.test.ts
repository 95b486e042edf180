import { describeRuleMetadata, type RuleMetadataCase } from '../../../../helpers/rule-metadata.js';

// Mappings and parameters are those of ../shared/RULES.md.
const RULES: RuleMetadataCase[] = [
  [
    'elbv2-listener-plaintext',
    async () =>
      (await import('../../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js'))
        .elbv2ListenerPlaintext,
    ['ELB.1'],
    ['alb-http-to-https-redirection-check', 'elbv2-listener-encryption-in-transit'],
    [],
  ],
  [
    'elbv2-listener-tcp-plaintext',
    async () =>
      (await import('../../../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js'))
        .elbv2ListenerTcpPlaintext,
    [],
    ['elb-tls-https-listeners-only'],
    ['tls.tlsPassthroughPorts'],
  ],
  [
    'elbv2-listener-tls-policy',
    async () =>
      (await import('../../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js'))
        .elbv2ListenerTlsPolicy,
    ['ELB.17'],
    ['elbv2-predefined-security-policy-ssl-check'],
    ['tls.minimumVersion', 'tls.postQuantum', 'tls.targetPolicy', 'tls.targetFipsPolicy'],
  ],
  [
    'elbv2-listener-weak-ciphers',
    async () =>
      (await import('../../../../../shared/families/elbv2/rules/elbv2-listener-weak-ciphers.js'))
        .elbv2ListenerWeakCiphers,
    ['ELB.17'],
    [],
    ['tls.allowedCipherClasses', 'tls.targetPolicy', 'tls.targetFipsPolicy'],
  ],
  [
    'elbv2-listener-certificate-source',
    async () =>
      (await import('../../../../../shared/families/elbv2/rules/elbv2-listener-certificate-source.js'))
        .elbv2ListenerCertificateSource,
    [],
    ['elbv2-acm-certificate-required'],
    [],
  ],
];

describeRuleMetadata('ELBv2 rule metadata', RULES);

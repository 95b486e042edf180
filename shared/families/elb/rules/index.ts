import type { AnyRule } from '../../../rules/rule.js';
import { elbListenerCertificateSource } from './elb-listener-certificate-source.js';
import { elbListenerPlaintext } from './elb-listener-plaintext.js';
import { elbListenerTlsPolicy } from './elb-listener-tls-policy.js';
import { elbListenerWeakCiphers } from './elb-listener-weak-ciphers.js';

export const ELB_RULES: readonly AnyRule[] = [
  elbListenerPlaintext,
  elbListenerTlsPolicy,
  elbListenerWeakCiphers,
  elbListenerCertificateSource,
];

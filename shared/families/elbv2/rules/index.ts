import type { AnyRule } from '../../../rules/rule.js';
import { elbv2ListenerCertificateSource } from './elbv2-listener-certificate-source.js';
import { elbv2ListenerPlaintext } from './elbv2-listener-plaintext.js';
import { elbv2ListenerTcpPlaintext } from './elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy } from './elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from './elbv2-listener-weak-ciphers.js';
import { elbv2TargetGroupPlaintext } from './elbv2-target-group-plaintext.js';

export const ELBV2_RULES: readonly AnyRule[] = [
  elbv2ListenerPlaintext,
  elbv2ListenerTcpPlaintext,
  elbv2ListenerTlsPolicy,
  elbv2ListenerWeakCiphers,
  elbv2ListenerCertificateSource,
  elbv2TargetGroupPlaintext,
];

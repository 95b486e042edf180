import type { AnyRule } from '../../../rules/rule.js';
import { iotCertificateExpiry } from './iot-certificate-expiry.js';
import { iotCertificateStatus } from './iot-certificate-status.js';
import { iotCertificateStrength } from './iot-certificate-strength.js';
import { iotDomainTlsPolicy } from './iot-domain-tls-policy.js';

/** In RULES.md's order. */
export const IOT_RULES: readonly AnyRule[] = [
  iotDomainTlsPolicy,
  iotCertificateExpiry,
  iotCertificateStrength,
  iotCertificateStatus,
];

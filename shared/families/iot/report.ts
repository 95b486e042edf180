import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import { afterPrefix, type FamilyReport, TLS_ENDPOINTS_STRONG_CIPHERS } from '../../report/family-report.js';
import { CA_CERTIFICATE, CERTIFICATE, DOMAIN_CONFIGURATION } from './model.js';

export const iotReport: FamilyReport = {
  resourceNoun: 'AWS IoT certificate or domain configuration',
  // #/certificate/<id> is the certificate's own page; CA certificates and domain configurations link to their hub
  // pages (#/cacertificatehub, #/domain-configuration-hub), the deepest console paths found in use.
  consoleLink({ arn, origin, query, resourceType }) {
    if (resourceType === CERTIFICATE) {
      const id = arn && afterPrefix(arn.resource, 'cert/');
      return id ? `${origin}/iot/home${query}#/certificate/${encodeURIComponent(id)}` : undefined;
    }
    if (resourceType === CA_CERTIFICATE) return `${origin}/iot/home${query}#/cacertificatehub`;
    if (resourceType === DOMAIN_CONFIGURATION) return `${origin}/iot/home${query}#/domain-configuration-hub`;
    return undefined;
  },
  kpis: [
    {
      // Every IoT policy is TLS 1.2 or newer: what a failing domain offers is ciphers outside the classes.
      kpi: TLS_ENDPOINTS_STRONG_CIPHERS,
      rules: ['iot-domain-tls-policy'],
    },
    {
      kpi: expiringCertificatesKpi('iot'),
      rules: ['iot-certificate-expiry'],
    },
  ],
  // create-keys-and-certificate carries keyPair.PrivateKey: never shown in Slack, whatever the path.
  secretKeys: /^privatekey$|^keypair$/,
};

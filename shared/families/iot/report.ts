import {
  afterPrefix,
  CERTIFICATES_EXPIRING,
  type FamilyReport,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';
import { CA_CERTIFICATE, CERTIFICATE, DOMAIN_CONFIGURATION } from './model.js';

export const iotReport: FamilyReport = {
  resourceNoun: 'AWS IoT certificate or domain configuration',
  consoleLink({ arn, origin, query, resourceType }) {
    if (!arn) return undefined;
    const pages: Record<string, [string, string]> = {
      [CERTIFICATE]: ['cert/', 'certificate'],
      [CA_CERTIFICATE]: ['cacert/', 'cacertificate'],
      [DOMAIN_CONFIGURATION]: ['domainconfiguration/', 'domain-configuration'],
    };
    const page = pages[resourceType];
    const id = page && afterPrefix(arn.resource, page[0]);
    return page && id
      ? `${origin}/iot/home${query}#/${page[1]}/${encodeURIComponent(id.split('/')[0] ?? id)}`
      : undefined;
  },
  kpis: [
    {
      // Every IoT policy is TLS 1.2 or newer: what a failing domain offers is ciphers outside the classes.
      kpi: TLS_ENDPOINTS_STRONG_CIPHERS,
      rules: ['iot-domain-tls-policy'],
    },
    {
      kpi: CERTIFICATES_EXPIRING,
      rules: ['iot-certificate-expiry'],
    },
  ],
  // create-keys-and-certificate carries keyPair.PrivateKey: never shown in Slack, whatever the path.
  secretKeys: /^privatekey$|^keypair$/,
};

/**
 * The KPI "certificates expiring within the threshold", one per certificate source: a family's report.ts declares
 * its source with `expiringCertificatesKpi(source)` beside the rule that judges that source's expiry, and the
 * reports, digest, metrics and dashboard show one row per source with no core edit.
 */
import type { Policy } from '../policy/schema.js';
import type { KpiDefinition } from '../report/family-report.js';
import type { CertificateSource } from './model.js';

interface SourceKpi {
  /** summary.kpis key (and the `Kpi_<key>` metric). */
  key: string;
  /** What the row counts, before "expiring within N days". */
  noun: string;
  /** Authorities warn earlier: everything a CA issued expires with it. */
  window: 'expiryDays' | 'authorityExpiryDays';
}

const SOURCES: Readonly<Record<CertificateSource, SourceKpi>> = {
  // ACM's row was the only one before the other sources: its key and label stay as they were.
  acm: { key: 'certificatesExpiring', noun: 'Certificates', window: 'expiryDays' },
  iam: { key: 'iamServerCertificatesExpiring', noun: 'IAM server certificates', window: 'expiryDays' },
  iot: { key: 'iotCertificatesExpiring', noun: 'IoT device certificates', window: 'expiryDays' },
  'iot-ca': { key: 'iotCaCertificatesExpiring', noun: 'IoT CA certificates', window: 'expiryDays' },
  'rds-ca': { key: 'rdsCaCertificatesExpiring', noun: 'RDS CA certificates', window: 'expiryDays' },
  pca: {
    key: 'privateCaCertificatesExpiring',
    noun: 'Private CA certificates',
    window: 'authorityExpiryDays',
  },
};

/** The expiring-certificates KPI of one source, counting the NON_COMPLIANT evaluations of its expiry rule. */
export function expiringCertificatesKpi(source: CertificateSource): KpiDefinition {
  const { key, noun, window } = SOURCES[source];
  return {
    kind: 'expiring',
    key,
    label: (withinDays) => `${noun} expiring within ${withinDays} days`,
    withinDays: (policy: Policy) => policy.certificates[window],
  };
}

import { describe, expect, it } from 'vitest';
import { expiringCertificatesKpi } from '../../../shared/certificates/kpi.js';
import { policySchema } from '../../../shared/policy/schema.js';

describe('expiringCertificatesKpi', () => {
  const policy = policySchema.parse({ certificates: { expiryDays: 21, authorityExpiryDays: 500 } });

  it("keeps ACM's key and label, as before the other sources", () => {
    // Act
    const kpi = expiringCertificatesKpi('acm');

    // Assess
    expect(kpi).toMatchObject({ kind: 'expiring', key: 'certificatesExpiring' });
    if (kpi.kind !== 'expiring') throw new Error('not an expiring KPI');
    expect(kpi.label(30)).toBe('Certificates expiring within 30 days');
    expect(kpi.withinDays(policy)).toBe(21);
  });

  it.each([
    ['iam', 'iamServerCertificatesExpiring', 'IAM server certificates expiring within 21 days', 21],
    ['iot', 'iotCertificatesExpiring', 'IoT device certificates expiring within 21 days', 21],
    ['rds-ca', 'rdsCaCertificatesExpiring', 'RDS CA certificates expiring within 21 days', 21],
    // A certificate authority warns by its own, longer window.
    ['pca', 'privateCaCertificatesExpiring', 'Private CA certificates expiring within 500 days', 500],
  ] as const)('gives %s its own key, label and policy window', (source, key, label, window) => {
    // Act
    const kpi = expiringCertificatesKpi(source);

    // Assess
    if (kpi.kind !== 'expiring') throw new Error('not an expiring KPI');
    expect(kpi.key).toBe(key);
    expect(kpi.withinDays(policy)).toBe(window);
    expect(kpi.label(window)).toBe(label);
  });
});

import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const rdsReport: FamilyReport = {
  resourceNoun: 'RDS database',
  // The RDS console's database page, by identifier (the console's own #database:id=<id>;is-cluster=<bool> links).
  consoleLink({ arn, resourceId, origin, query }) {
    const cluster = arn ? afterPrefix(arn.resource, 'cluster:') : undefined;
    const instance = arn ? afterPrefix(arn.resource, 'db:') : undefined;
    const id = cluster ?? instance ?? (arn ? undefined : resourceId);
    if (!id) return undefined;
    return `${origin}/rds/home${query}#database:id=${encodeURIComponent(id)};is-cluster=${cluster ? 'true' : 'false'}`;
  },
  kpis: [
    {
      kpi: {
        kind: 'share',
        key: 'databasesRequiringTls',
        label: 'Databases that require TLS',
        digestLabel: 'RDS databases that require TLS',
      },
      rules: ['rds-transport-not-enforced'],
    },
    { kpi: expiringCertificatesKpi('rds-ca'), rules: ['rds-ca-certificate-expiry'] },
  ],
  // CreateDBInstance / CreateDBCluster requests carry MasterUserPassword (CloudTrail masks it, but never rely on it).
  secretKeys: /password/,
  asffResourceTypes: { 'AWS::RDS::DBInstance': 'AwsRdsDbInstance', 'AWS::RDS::DBCluster': 'AwsRdsDbCluster' },
};

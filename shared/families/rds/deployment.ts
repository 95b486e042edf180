/**
 * RDS in the deployment: the reads, the one parameter write of require-rds-tls, and no SCP statement: RDS has
 * no condition key for a parameter's value or the CA (reference/service-facts.md, "SCP condition key: None for
 * TLS"), so plaintext-allowing parameter changes can only be detected. Resource types per action: Service
 * Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html
 * (db, cluster, pg, cluster-pg; DescribeCertificates takes none).
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const rdsDeployment: FamilyDeployment = {
  services: ['rds'],
  reads: [
    {
      sid: 'ReadRdsInstances',
      actions: ['rds:DescribeDBInstances'],
      resource: { service: 'rds', resource: 'db:*' },
    },
    {
      sid: 'ReadRdsClusters',
      actions: ['rds:DescribeDBClusters'],
      resource: { service: 'rds', resource: 'cluster:*' },
    },
    {
      sid: 'ReadRdsParameters',
      actions: ['rds:DescribeDBParameters'],
      resource: { service: 'rds', resource: 'pg:*' },
    },
    {
      sid: 'ReadRdsClusterParameters',
      actions: ['rds:DescribeDBClusterParameters'],
      resource: { service: 'rds', resource: 'cluster-pg:*' },
    },
    { sid: 'ReadRdsCertificates', actions: ['rds:DescribeCertificates'], resource: '*' },
  ],
  writes: [
    {
      sid: 'RemediateRdsParameters',
      actions: ['rds:ModifyDBParameterGroup'],
      resource: { service: 'rds', resource: 'pg:*' },
    },
    {
      sid: 'RemediateRdsClusterParameters',
      actions: ['rds:ModifyDBClusterParameterGroup'],
      resource: { service: 'rds', resource: 'cluster-pg:*' },
    },
  ],
};

import {
  DescribeCertificatesCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RdsResource } from '../../../../shared/families/rds/model.js';
import { readPlanFor } from '../../../../shared/inventory/live/plan.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const rds = mockClient(RDSClient);
const ARN = `arn:aws:rds:${REGION}:${ACCOUNT_ID}`;

const pg = (id: string, group: string) => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: `${ARN}:db:${id}`,
  Engine: 'postgres',
  EngineVersion: '14.9',
  DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
  CACertificateIdentifier: 'rds-ca-rsa2048-g1',
  CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date('2027-05-01T10:00:00Z') },
});
const forceSsl = (value: string) => ({
  Parameters: [
    {
      ParameterName: 'rds.force_ssl',
      ParameterValue: value,
      Source: 'user',
      ApplyType: 'dynamic',
      AllowedValues: '0,1',
    },
  ],
});
const FILTER = (name: string) => [{ Name: 'parameter-name', Values: [name] }];

describe('live RDS reads', () => {
  afterEach(() => {
    rds.reset();
  });

  it('sweeps a region: DescribeDBInstances and DescribeDBClusters pages of 100, one filtered parameter read per group in use, DescribeCertificates once', async () => {
    rds
      .on(DescribeDBInstancesCommand, { MaxRecords: 100 })
      .resolvesOnce({ DBInstances: [pg('orders-pg', 'orders-pg14')], Marker: 'p2' })
      .on(DescribeDBInstancesCommand, { MaxRecords: 100, Marker: 'p2' })
      .resolves({
        DBInstances: [
          pg('orders-pg-2', 'orders-pg14'),
          {
            ...pg('inventory-1', 'default.aurora-mysql8.0'),
            Engine: 'aurora-mysql',
            DBClusterIdentifier: 'inventory',
          },
        ],
      });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          DBClusterIdentifier: 'inventory',
          DBClusterArn: `${ARN}:cluster:inventory`,
          Engine: 'aurora-mysql',
          EngineVersion: '8.0.mysql_aurora.3.05.2',
          DBClusterParameterGroup: 'inventory-aurora-mysql8',
          DBClusterMembers: [{ DBInstanceIdentifier: 'inventory-1', IsClusterWriter: true }],
        },
      ],
    });
    rds
      .on(DescribeDBParametersCommand, {
        DBParameterGroupName: 'orders-pg14',
        Filters: FILTER('rds.force_ssl'),
      })
      .resolves(forceSsl('0'));
    rds
      .on(DescribeDBClusterParametersCommand, {
        DBClusterParameterGroupName: 'inventory-aurora-mysql8',
        Filters: FILTER('require_secure_transport'),
      })
      .resolves({
        Parameters: [
          { ParameterName: 'require_secure_transport', ParameterValue: '1', ApplyType: 'dynamic' },
        ],
      });
    rds.on(DescribeCertificatesCommand).resolves({
      Certificates: [
        { CertificateIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date('2061-05-24T22:59:00Z') },
      ],
    });

    const result = await mockedSource().enumerate(REGION, ['rds']);

    expect(result.errors).toEqual([]);
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
    // Two instances share orders-pg14: one read; the Aurora member's own group is not read (its cluster's is).
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(1);
    expect(rds.commandCalls(DescribeDBClusterParametersCommand)).toHaveLength(1);
    expect(rds.commandCalls(DescribeCertificatesCommand)).toHaveLength(1);
    const byId = new Map(result.resources.map((r) => [r.resourceId, r as RdsResource]));
    expect(byId.get(`${ARN}:db:orders-pg`)?.groupParameters?.parameters['rds.force_ssl']?.value).toBe('0');
    expect(
      byId.get(`${ARN}:cluster:inventory`)?.groupParameters?.parameters.require_secure_transport?.value,
    ).toBe('1');
    expect(byId.get(`${ARN}:db:orders-pg`)).toMatchObject({
      caValidTill: '2061-05-24T22:59:00.000Z',
      serverCertificateValidTill: '2027-05-01T10:00:00.000Z',
    });
  });

  it('reads neither parameters nor certificates when both rules are off (read plan)', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [pg('orders-pg', 'orders-pg14')] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });

    const policy = policySchema.parse({
      rules: { 'rds-transport-not-enforced': { mode: 'off' }, 'rds-ca-certificate-expiry': { mode: 'off' } },
    });
    const result = await mockedSource({ plan: readPlanFor(policy, RULES) }).enumerate(REGION, ['rds']);

    expect(result.resources).toHaveLength(1);
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(0);
    expect(rds.commandCalls(DescribeCertificatesCommand)).toHaveLength(0);
  });

  it('reads a database by its identifier; DBInstanceNotFound means it is gone', async () => {
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'orders-pg' })
      .resolves({ DBInstances: [pg('orders-pg', 'orders-pg14')] })
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'gone-pg' })
      .rejects(awsError('DBInstanceNotFound'));
    rds.on(DescribeDBParametersCommand).resolves(forceSsl('1'));
    rds.on(DescribeCertificatesCommand).resolves({ Certificates: [] });

    const result = await mockedSource().read([
      ref('AWS::RDS::DBInstance', `${ARN}:db:orders-pg`),
      ref('AWS::RDS::DBInstance', `${ARN}:db:gone-pg`),
    ]);

    expect(result.resources.map((r) => r.resourceId)).toEqual([`${ARN}:db:orders-pg`]);
    expect(result.gone.map((r) => r.resourceId)).toEqual([`${ARN}:db:gone-pg`]);
  });

  it('reads a Multi-AZ DB cluster a call named (ModifyDBCluster) with the CAs that date its CertificateDetails; an Aurora cluster without them', async () => {
    const multiAz = {
      DBClusterIdentifier: 'payments-maz',
      DBClusterArn: `${ARN}:cluster:payments-maz`,
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBClusterInstanceClass: 'db.m6gd.large',
      DBClusterParameterGroup: 'default.postgres16',
      CertificateDetails: { CAIdentifier: 'rds-ca-test-g9', ValidTill: new Date('2027-05-01T10:00:00Z') },
      PendingModifiedValues: { CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1' } },
    };
    rds
      .on(DescribeDBClustersCommand, { DBClusterIdentifier: 'payments-maz' })
      .resolves({ DBClusters: [multiAz] })
      .on(DescribeDBClustersCommand, { DBClusterIdentifier: 'inventory' })
      .resolves({
        DBClusters: [
          {
            DBClusterIdentifier: 'inventory',
            DBClusterArn: `${ARN}:cluster:inventory`,
            Engine: 'aurora-mysql',
          },
        ],
      });
    rds.on(DescribeDBClusterParametersCommand).resolves({ Parameters: [] });
    rds.on(DescribeCertificatesCommand).resolves({
      Certificates: [
        { CertificateIdentifier: 'rds-ca-test-g9', ValidTill: new Date('2026-12-10T00:00:00Z') },
      ],
    });

    const aurora = await mockedSource().read([ref('AWS::RDS::DBCluster', `${ARN}:cluster:inventory`)]);
    expect(rds.commandCalls(DescribeCertificatesCommand)).toHaveLength(0);
    const result = await mockedSource().read([ref('AWS::RDS::DBCluster', `${ARN}:cluster:payments-maz`)]);

    expect(aurora.resources).toHaveLength(1);
    expect(rds.commandCalls(DescribeCertificatesCommand)).toHaveLength(1);
    expect(result.resources[0]).toMatchObject({
      dbClusterInstanceClass: 'db.m6gd.large',
      caCertificateIdentifier: 'rds-ca-test-g9',
      serverCertificateValidTill: '2027-05-01T10:00:00.000Z',
      pendingCaCertificateIdentifier: 'rds-ca-rsa2048-g1',
      caValidTill: '2026-12-10T00:00:00.000Z',
    });
  });

  it("reads a parameter group's ref as every database of the region that uses the group", async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [pg('orders-pg', 'orders-pg14'), pg('other-pg', 'other-pg14')],
    });
    rds.on(DescribeDBParametersCommand).resolves(forceSsl('0'));
    rds.on(DescribeCertificatesCommand).resolves({ Certificates: [] });

    const result = await mockedSource().read([ref('AWS::RDS::DBInstance', `${ARN}:pg:orders-pg14`)]);

    expect(result.resources.map((r) => r.resourceId)).toEqual([`${ARN}:db:orders-pg`]);
    expect(result.gone).toEqual([]);
  });
});

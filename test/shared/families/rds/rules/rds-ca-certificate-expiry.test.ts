/**
 * rds-ca-certificate-expiry on Multi-AZ DB clusters (CertificateDetails {CAIdentifier, ValidTill}, API_DBCluster) beside
 * DB instances: the same CA and server-certificate judgement, the cluster's own rotation command, and Aurora
 * clusters left to their instances.
 */
import { describe, expect, it } from 'vitest';
import type { RdsDbCluster, RdsDbInstance } from '../../../../../shared/families/rds/model.js';
import { rdsCaCertificateExpiry as rule } from '../../../../../shared/families/rds/rules/rds-ca-certificate-expiry.js';
import { ruleContext, TEST_NOW } from '../../../../helpers/rule-context.js';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(TEST_NOW.getTime() + days * DAY).toISOString();

/** A Multi-AZ DB cluster (DBClusterInstanceClass set) on the current default CA, its server certificate a year out. */
const multiAz = (overrides: Partial<RdsDbCluster> = {}): RdsDbCluster => ({
  resourceType: 'AWS::RDS::DBCluster',
  resourceId: 'arn:aws:rds:eu-west-1:111122223333:cluster:orders-maz',
  identifier: 'orders-maz',
  tags: {},
  source: 'test',
  engine: 'postgres',
  engineVersion: '16.4',
  members: ['orders-maz-instance-1', 'orders-maz-instance-2', 'orders-maz-instance-3'],
  dbClusterInstanceClass: 'db.m6gd.large',
  caCertificateIdentifier: 'rds-ca-rsa2048-g1',
  serverCertificateValidTill: inDays(365),
  ...overrides,
});

const judge = (resource: RdsDbCluster | RdsDbInstance, policy = {}) =>
  rule.evaluate(resource, ruleContext(policy));

describe('rds-ca-certificate-expiry on a Multi-AZ DB cluster', () => {
  it('fails a cluster on an expired CA (rds-ca-2019), with the modify-db-cluster rotation', () => {
    const outcome = judge(multiAz({ caCertificateIdentifier: 'rds-ca-2019' }));

    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      details: { expired: true, caFrom: 'reference data' },
    });
    expect(outcome.unverified).toBeUndefined();
    expect(outcome.reason).toContain('Multi-AZ DB cluster orders-maz: CA rds-ca-2019 expired');
    expect(outcome.reason).toContain(
      'aws rds modify-db-cluster --db-cluster-identifier orders-maz --ca-certificate-identifier rds-ca-rsa2048-g1',
    );
    expect(outcome.reason).not.toContain('modify-db-instance');
  });

  it('fails a server certificate 30 days out (inside the 30-day threshold), naming a pending CA change', () => {
    const outcome = judge(
      multiAz({ serverCertificateValidTill: inDays(30), pendingCaCertificateIdentifier: 'rds-ca-ecc384-g1' }),
    );

    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      details: {
        expiring: 'its server certificate',
        daysToExpiry: 30,
        pendingCaCertificateIdentifier: 'rds-ca-ecc384-g1',
      },
    });
    expect(outcome.reason).toContain('A change to rds-ca-ecc384-g1 is pending.');
  });

  it('passes the near miss: the server certificate 31 days out', () => {
    const outcome = judge(multiAz({ serverCertificateValidTill: inDays(31) }));

    expect(outcome).toMatchObject({ status: 'COMPLIANT', details: { daysToExpiry: 31 } });
  });

  it('dates the CA from a describe-certificates output joined in (caValidTill) before the reference data', () => {
    const outcome = judge(multiAz({ caCertificateIdentifier: 'rds-ca-test-g9', caValidTill: inDays(10) }));

    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', details: { caFrom: 'describe-certificates' } });
    expect(outcome.reason).toContain('CA rds-ca-test-g9 expires in 10 days');
  });

  it('cannot verify a cluster whose input has no CertificateDetails: NON_COMPLIANT, naming the field', () => {
    const outcome = judge(
      multiAz({ caCertificateIdentifier: undefined, serverCertificateValidTill: undefined }),
    );

    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
    expect(outcome.reason).toBe(
      "Multi-AZ DB cluster orders-maz: the input has no CertificateDetails.CAIdentifier, so its CA's expiry cannot be verified.",
    );
  });

  it('cannot verify a CA neither the inputs nor the reference data date', () => {
    const outcome = judge(
      multiAz({ caCertificateIdentifier: 'rds-ca-test-g9', serverCertificateValidTill: undefined }),
    );

    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
  });

  it('judges a cluster whose Engine is unknown and has no DBClusterInstanceClass (it may be Multi-AZ): never a pass', () => {
    const outcome = judge(
      multiAz({
        engine: undefined,
        dbClusterInstanceClass: undefined,
        caCertificateIdentifier: undefined,
        serverCertificateValidTill: undefined,
      }),
    );

    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
  });

  it('leaves an Aurora cluster to its DB instances (each has its own CA): not applicable', () => {
    const outcome = judge(
      multiAz({
        engine: 'aurora-postgresql',
        dbClusterInstanceClass: undefined,
        caCertificateIdentifier: 'rds-ca-2019',
      }),
    );

    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('Aurora DB cluster orders-maz');
  });

  it('judges the same CA the same way on a DB instance and a Multi-AZ DB cluster (only the label and command differ)', () => {
    const instance: RdsDbInstance = {
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'arn:aws:rds:eu-west-1:111122223333:db:orders-maz',
      identifier: 'orders-maz',
      tags: {},
      source: 'test',
      engine: 'postgres',
      caCertificateIdentifier: 'rds-ca-rsa2048-g1',
      serverCertificateValidTill: inDays(12),
    };

    const onInstance = judge(instance);
    const onCluster = judge(multiAz({ serverCertificateValidTill: inDays(12) }));

    expect(onCluster.status).toBe(onInstance.status);
    expect(onCluster.details).toEqual(onInstance.details);
  });
});

import { describe, expect, it } from 'vitest';
import type { RdsDbCluster, RdsDbInstance } from '../../../../../shared/families/rds/model.js';
import { rdsTransportNotEnforced as rule } from '../../../../../shared/families/rds/rules/rds-transport-not-enforced.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import { describeRuleMetadata } from '../../../../helpers/rule-metadata.js';

/** A standalone DB instance on a default group (no listing): the engine default from the reference decides. */
const onDefault = (engine: string, engineVersion: string, group = `default.${engine}`): RdsDbInstance => ({
  resourceType: 'AWS::RDS::DBInstance',
  resourceId: `arn:aws:rds:eu-west-1:111122223333:db:${engine}-db`,
  identifier: `${engine}-db`,
  tags: {},
  source: 'test',
  engine,
  engineVersion,
  parameterGroup: { kind: 'db', name: group, applyStatus: 'in-sync' },
});

const auroraOnDefault = (engine: string, engineVersion: string): RdsDbCluster => ({
  resourceType: 'AWS::RDS::DBCluster',
  resourceId: `arn:aws:rds:eu-west-1:111122223333:cluster:${engine}`,
  identifier: engine,
  tags: {},
  source: 'test',
  engine,
  engineVersion,
  members: [],
  parameterGroup: { kind: 'cluster', name: `default.${engine}` },
});

const judge = (resource: RdsDbInstance | RdsDbCluster) => rule.evaluate(resource, ruleContext());
const unverified = (reason: string) => reason.includes('cannot be verified');

describe('rds-transport-not-enforced on default groups (engine defaults of the reference data)', () => {
  it.each<[string, RdsDbInstance | RdsDbCluster, 'COMPLIANT' | 'NON_COMPLIANT', boolean]>([
    ['PostgreSQL 14 (rds.force_ssl 0)', onDefault('postgres', '14.12'), 'NON_COMPLIANT', false],
    ['PostgreSQL 15 (rds.force_ssl 1)', onDefault('postgres', '15.7'), 'COMPLIANT', false],
    ['PostgreSQL 9.6 (0)', onDefault('postgres', '9.6.1'), 'NON_COMPLIANT', false],
    ['SQL Server (0 on every version)', onDefault('sqlserver-se', '16.00.4125.3.v1'), 'NON_COMPLIANT', false],
    ['MySQL 8.4 (OFF)', onDefault('mysql', '8.4.3'), 'NON_COMPLIANT', false],
    ['MySQL 9.1 (default not in the reference)', onDefault('mysql', '9.1.0'), 'NON_COMPLIANT', true],
    ['MariaDB 10.4 (no require_secure_transport)', onDefault('mariadb', '10.4.34'), 'NON_COMPLIANT', false],
    ['MariaDB 11.4 (OFF)', onDefault('mariadb', '11.4.3'), 'NON_COMPLIANT', false],
    ['MariaDB 11.8 (ON)', onDefault('mariadb', '11.8.1'), 'COMPLIANT', false],
    [
      'Aurora MySQL 3 (OFF)',
      auroraOnDefault('aurora-mysql', '8.0.mysql_aurora.3.07.1'),
      'NON_COMPLIANT',
      false,
    ],
    ['Aurora MySQL 8.4 (ON)', auroraOnDefault('aurora-mysql', '8.4.mysql_aurora.4.0.0'), 'COMPLIANT', false],
    ['Aurora PostgreSQL 14 (0)', auroraOnDefault('aurora-postgresql', '14.9'), 'NON_COMPLIANT', false],
    [
      'Aurora PostgreSQL 16 (default unconfirmed)',
      auroraOnDefault('aurora-postgresql', '16.4'),
      'NON_COMPLIANT',
      true,
    ],
    ['PostgreSQL without a version', onDefault('postgres', ''), 'NON_COMPLIANT', true],
  ])('%s', (_case, resource, status, cannotVerify) => {
    const outcome = judge(resource);

    expect(outcome.status).toBe(status);
    expect(unverified(outcome.reason)).toBe(cannotVerify);
    if (!cannotVerify) expect(outcome.reason).toContain('is a default group');
  });

  it('cannot verify Oracle, Db2 or an engine the reference does not know, saying why', () => {
    expect(judge(onDefault('oracle-ee', '19.0.0.0')).reason).toContain('SSL option of its option group');
    expect(judge(onDefault('db2-se', '11.5.9.0.sb00000000.r1')).reason).toContain('how Db2 requires TLS');
    const unknown = judge(onDefault('neptune', '1.3.0.0'));
    expect(unknown.status).toBe('NON_COMPLIANT');
    expect(unknown.reason).toContain('engine "neptune", for which the reference data names no TLS parameter');
  });

  it('reads ON / OFF as well as 1 / 0, and a listed parameter without a value as the engine default', () => {
    const withListing = (value: string | undefined): RdsDbInstance => ({
      ...onDefault('mysql', '8.0.39', 'custom-mysql80'),
      groupParameters: {
        parameters: { require_secure_transport: { name: 'require_secure_transport', value, source: 'user' } },
        complete: true,
        source: 'test',
      },
    });

    expect(judge(withListing('ON')).status).toBe('COMPLIANT');
    expect(judge(withListing('OFF')).status).toBe('NON_COMPLIANT');
    expect(judge(withListing(undefined)).reason).toContain(
      'custom-mysql80 lists it without a value: engine default for MySQL 8.4 and lower',
    );
  });

  it('cannot verify an instance whose input names no parameter group', () => {
    const { parameterGroup: _group, ...bare } = onDefault('postgres', '16.4');

    expect(judge(bare).reason).toContain("does not name the DB instance's parameter group");
  });
});

describeRuleMetadata('RDS rule metadata', [
  [
    'rds-transport-not-enforced',
    async () =>
      (await import('../../../../../shared/families/rds/rules/rds-transport-not-enforced.js'))
        .rdsTransportNotEnforced,
    [],
    ['rds-sqlserver-encrypted-in-transit', 'rds_instance_transport_encrypted (Prowler)'],
    [],
  ],
  [
    'rds-ca-certificate-expiry',
    async () =>
      (await import('../../../../../shared/families/rds/rules/rds-ca-certificate-expiry.js'))
        .rdsCaCertificateExpiry,
    [],
    ['rds_instance_certificate_expiration (Prowler)'],
    ['certificates.expiryDays'],
  ],
]);

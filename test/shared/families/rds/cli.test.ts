/**
 * The RDS rules through `transit-guard evaluate --format json` in each input format the family reads
 * (describe-db-instances / describe-db-clusters with wrapped describe-db-parameters / describe-db-cluster-parameters
 * listings and describe-certificates; AWS::RDS::DBInstance / DBCluster Config items): failing, compliant near-miss
 * and cannot-verify cases per rule; the remediation plan (custom group, dynamic parameter) and its refusals; and
 * replay of a ModifyDBParameterGroup call that names only the group.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { evaluateDocuments, replayAgainstInventory, runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/rds/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const input = (name: string): any => JSON.parse(readFileSync(new URL(name, INPUTS), 'utf8'));

const TRANSPORT = 'rds-transport-not-enforced';
const CA = 'rds-ca-certificate-expiry';
const db = (id: string) => `arn:aws:rds:eu-west-1:111122223333:db:${id}`;
const cluster = (id: string) => `arn:aws:rds:eu-west-1:111122223333:cluster:${id}`;

const ALL = () => ({
  instances: input('describe-db-instances.json'),
  clusters: input('describe-db-clusters.json'),
  orders: input('describe-db-parameters-orders-pg14.json'),
  reports: input('describe-db-parameters-reports-mysql80.json'),
  inventory: input('describe-db-cluster-parameters-inventory-aurora-mysql8.json'),
  certificates: input('describe-certificates.json'),
});

/** A Config item of an RDS type, as AWS Config writes it (camelCase configuration). */
function configItem(resourceType: string, name: string, configuration: Record<string, unknown>) {
  const kind = resourceType === 'AWS::RDS::DBInstance' ? 'db' : 'cluster';
  return {
    version: '1.3',
    accountId: '111122223333',
    configurationItemCaptureTime: '2026-11-20T08:00:00.000Z',
    configurationItemStatus: 'OK',
    configurationStateId: '1763625600000',
    arn: `arn:aws:rds:eu-west-1:111122223333:${kind}:${name}`,
    resourceType,
    // Config names RDS resources by their resource id (dbiResourceId / DbClusterResourceId).
    resourceId: `${kind}-${name.toUpperCase()}RESOURCEID`,
    resourceName: name,
    awsRegion: 'eu-west-1',
    tags: {},
    relationships: [],
    configuration,
    supplementaryConfiguration: {},
  };
}

describe('transit-guard evaluate: RDS', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-rds-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(documents: Record<string, unknown>, policy?: string) {
    const run = await evaluateDocuments(directory, documents, policy);
    const report = (run.stdout ? JSON.parse(run.stdout) : { evaluations: [], errors: [] }) as Report;
    const verdict = (id: string, rule: string) =>
      report.evaluations.find((e) => e.ruleId === rule && e.resourceId === id);
    return { code: run.code, report, verdict, stderr: run.stderr };
  }

  describe(`${TRANSPORT} from describe outputs`, () => {
    it('fails a custom group that sets the parameter to 0 and a default group whose engine default is OFF, naming the group and the value', async () => {
      const { code, verdict } = await evaluate(ALL());

      expect(code).toBe(1);
      expect(verdict(db('orders-pg'), TRANSPORT)).toMatchObject({
        status: 'NON_COMPLIANT',
        severity: 'medium',
      });
      expect(verdict(db('orders-pg'), TRANSPORT)?.reason).toContain(
        'rds.force_ssl is 0 (DB parameter group orders-pg14 sets it (source user))',
      );
      expect(verdict(db('legacy-mysql'), TRANSPORT)?.status).toBe('NON_COMPLIANT');
      expect(verdict(db('legacy-mysql'), TRANSPORT)?.reason).toContain(
        'require_secure_transport is 0 (DB parameter group default.mysql8.0 is a default group: engine default for MySQL 8.4 and lower)',
      );
      // Aurora PostgreSQL before 15: the cluster's default cluster group holds the engine default 0.
      expect(verdict(cluster('analytics'), TRANSPORT)?.reason).toContain(
        'DB cluster parameter group default.aurora-postgresql13',
      );
      expect(verdict(cluster('analytics'), TRANSPORT)?.status).toBe('NON_COMPLIANT');
    });

    it('passes the near misses: a custom group that sets 1, PostgreSQL 16 on its default group (engine default 1), and an Aurora cluster whose cluster group sets 1', async () => {
      const { verdict, report } = await evaluate(ALL());

      expect(verdict(db('reports-mysql'), TRANSPORT)?.status).toBe('COMPLIANT');
      expect(verdict(db('billing-pg'), TRANSPORT)?.status).toBe('COMPLIANT');
      expect(verdict(db('billing-pg'), TRANSPORT)?.reason).toContain(
        'engine default for PostgreSQL 15 and later',
      );
      expect(verdict(cluster('inventory'), TRANSPORT)?.status).toBe('COMPLIANT');
      // The Aurora member is judged on its cluster.
      expect(verdict(db('inventory-1'), TRANSPORT)?.status).toBe('NOT_APPLICABLE');
      expect(report.summary.kpis.databasesRequiringTls).toMatchObject({ compliant: 3, total: 7 });
    });

    it('cannot verify Oracle (no parameter), a custom group whose listing is missing, and a value RDS does not document', async () => {
      const documents = ALL();
      const { orders: _orders, ...withoutOrders } = documents;
      documents.reports.Parameters[0].ParameterValue = 'maybe';
      const { verdict } = await evaluate({ ...withoutOrders, reports: documents.reports });

      const oracle = verdict(db('erp-oracle'), TRANSPORT);
      expect(oracle).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(oracle?.reason).toContain('cannot be verified');
      expect(oracle?.reason).toContain('SSL option of its option group');
      const orders = verdict(db('orders-pg'), TRANSPORT);
      expect(orders).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(orders?.reason).toContain('cannot be verified');
      expect(orders?.reason).toContain(
        'the parameters of the custom DB parameter group orders-pg14 are not in the inputs',
      );
      expect(verdict(db('reports-mysql'), TRANSPORT)?.reason).toContain('"maybe"');
      expect(verdict(db('reports-mysql'), TRANSPORT)).toMatchObject({ status: 'NON_COMPLIANT' });
    });

    it('cannot verify a group that says 1 while its changes wait for a reboot, nor an incomplete listing without the parameter', async () => {
      const documents = ALL();
      documents.instances.DBInstances[3].DBParameterGroups[0].ParameterApplyStatus = 'pending-reboot';
      documents.orders.Parameters = documents.orders.Parameters.filter(
        (p: { ParameterName: string }) => p.ParameterName !== 'rds.force_ssl',
      );
      documents.orders.Marker = 'bWFya2Vy';
      const { verdict } = await evaluate(documents);

      expect(verdict(db('reports-mysql'), TRANSPORT)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(db('reports-mysql'), TRANSPORT)?.reason).toContain(
        'pending-reboot, so whether the running database requires TLS cannot be verified',
      );
      expect(verdict(db('orders-pg'), TRANSPORT)?.reason).toContain('is incomplete');
    });

    it('refuses a parameter listing that does not name its group, naming the input and the field', async () => {
      const { Parameters } = input('describe-db-parameters-orders-pg14.json');
      const { report } = await evaluate({ ...ALL(), bare: { Parameters } });

      expect(report.errors.map((e) => e.message).join('\n')).toMatch(
        /DBParameterGroupName.*wrap the output of describe-db-parameters/,
      );
      expect(report.errors.some((e) => e.source.includes('bare.json'))).toBe(true);
    });
  });

  describe(`${TRANSPORT} remediation plan`, () => {
    const policy = 'version: 1\nrules:\n  rds-transport-not-enforced:\n    mode: remediate\n';

    it('plans ModifyDBParameterGroup with ApplyMethod immediate on the custom group of a dynamic parameter, and refuses a default group', async () => {
      const { verdict } = await evaluate(ALL(), policy);

      expect(verdict(db('orders-pg'), TRANSPORT)?.response).toMatchObject({
        action: 'require-rds-tls',
        status: 'dry-run',
        calls: [
          {
            service: 'rds',
            command: 'ModifyDBParameterGroup',
            input: {
              DBParameterGroupName: 'orders-pg14',
              Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
            },
          },
        ],
      });
      const legacy = verdict(db('legacy-mysql'), TRANSPORT)?.response;
      expect(legacy?.calls ?? []).toEqual([]);
      expect(JSON.stringify(legacy)).toContain('default.mysql8.0 is a default parameter group');
    });

    it('refuses a static parameter (never a reboot)', async () => {
      const documents = ALL();
      documents.orders.Parameters[1].ApplyType = 'static';
      const { verdict } = await evaluate(documents, policy);

      const response = verdict(db('orders-pg'), TRANSPORT)?.response;
      expect(response?.calls ?? []).toEqual([]);
      expect(JSON.stringify(response)).toContain('rds.force_ssl is static on orders-pg14');
    });
  });

  describe(`${CA} from describe outputs`, () => {
    it('fails an expired CA and a server certificate inside the threshold, with the rotation command; passes a CA far from expiry', async () => {
      const { verdict } = await evaluate(ALL());

      const billing = verdict(db('billing-pg'), CA);
      expect(billing).toMatchObject({ status: 'NON_COMPLIANT', severity: 'high' });
      expect(billing?.reason).toContain('CA rds-ca-2019 expired');
      expect(billing?.reason).toContain(
        'aws rds modify-db-instance --db-instance-identifier billing-pg --ca-certificate-identifier rds-ca-rsa2048-g1',
      );
      expect(verdict(db('erp-oracle'), CA)?.reason).toContain('its server certificate expires in 9 days');
      expect(verdict(db('reports-mysql'), CA)?.status).toBe('COMPLIANT');
    });

    it('passes the server certificate 9 days out under an 8-day threshold (near miss)', async () => {
      const { verdict } = await evaluate(ALL(), 'version: 1\ncertificates:\n  expiryDays: 8\n');

      expect(verdict(db('erp-oracle'), CA)?.status).toBe('COMPLIANT');
    });

    it('dates a CA from describe-certificates when the reference does not know it, and cannot verify it without', async () => {
      const documents = ALL();
      documents.instances.DBInstances[3].CACertificateIdentifier = 'rds-ca-test-g9';
      delete documents.instances.DBInstances[3].CertificateDetails;
      documents.instances.DBInstances[2].CACertificateIdentifier = undefined;
      const listed = structuredClone(documents);
      listed.certificates.Certificates.push({
        CertificateIdentifier: 'rds-ca-test-g9',
        CertificateType: 'CA',
        ValidFrom: '2021-01-01T00:00:00+00:00',
        ValidTill: '2026-12-10T00:00:00+00:00',
        CertificateArn: 'arn:aws:rds:eu-west-1::cert:rds-ca-test-g9',
      });

      const withListing = await evaluate(listed);
      expect(withListing.verdict(db('reports-mysql'), CA)?.reason).toContain(
        'CA rds-ca-test-g9 expires in 18 days',
      );

      const { certificates: _c, ...unlisted } = documents;
      const without = await evaluate(unlisted);
      expect(without.verdict(db('reports-mysql'), CA)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(without.verdict(db('reports-mysql'), CA)?.reason).toContain(
        'rds-ca-test-g9, which neither a describe-certificates output of the inputs nor the reference data dates',
      );
      expect(without.verdict(db('legacy-mysql'), CA)?.reason).toContain('no CACertificateIdentifier');
    });
  });

  describe(`${CA} on Multi-AZ DB clusters (describe-db-clusters CertificateDetails)`, () => {
    const multiAz = () => input('describe-db-clusters-multi-az.json');

    it('fails a cluster on an expired CA with the modify-db-cluster rotation; passes the near miss 31 days out; cannot verify one without CertificateDetails', async () => {
      const { verdict, code } = await evaluate({ clusters: multiAz() });

      expect(code).toBe(1);
      const payments = verdict(cluster('payments-maz'), CA);
      expect(payments).toMatchObject({ status: 'NON_COMPLIANT', severity: 'high' });
      expect(payments?.reason).toContain('Multi-AZ DB cluster payments-maz: CA rds-ca-2019 expired');
      expect(payments?.reason).toContain(
        'aws rds modify-db-cluster --db-cluster-identifier payments-maz --ca-certificate-identifier rds-ca-rsa2048-g1',
      );
      expect(verdict(cluster('ledger-maz'), CA)).toMatchObject({
        status: 'COMPLIANT',
        details: { daysToExpiry: 31, expiring: 'its server certificate' },
      });
      const events = verdict(cluster('events-maz'), CA);
      expect(events?.status).toBe('NON_COMPLIANT');
      expect(events?.reason).toContain('no CertificateDetails.CAIdentifier');
      expect(events?.reason).toContain('cannot be verified');
    });

    it('fails the server certificate one day closer (30 days, inside the threshold)', async () => {
      const documents = multiAz();
      documents.DBClusters[1].CertificateDetails.ValidTill = '2026-12-22T00:00:00+00:00';

      const { verdict } = await evaluate({ clusters: documents });

      expect(verdict(cluster('ledger-maz'), CA)).toMatchObject({
        status: 'NON_COMPLIANT',
        details: { daysToExpiry: 30 },
      });
    });

    it("dates a cluster's CA from describe-certificates when the reference does not know it", async () => {
      const documents = multiAz();
      documents.DBClusters[2].CertificateDetails = { CAIdentifier: 'rds-ca-test-g9' };
      const certificates = input('describe-certificates.json');
      certificates.Certificates.push({
        CertificateIdentifier: 'rds-ca-test-g9',
        CertificateType: 'CA',
        ValidFrom: '2021-01-01T00:00:00+00:00',
        ValidTill: '2026-12-10T00:00:00+00:00',
        CertificateArn: 'arn:aws:rds:eu-west-1::cert:rds-ca-test-g9',
      });

      const { verdict } = await evaluate({ clusters: documents, certificates });

      expect(verdict(cluster('events-maz'), CA)).toMatchObject({
        status: 'NON_COMPLIANT',
        details: { caFrom: 'describe-certificates' },
      });
      expect(verdict(cluster('events-maz'), CA)?.reason).toContain('CA rds-ca-test-g9 expires in 18 days');
    });

    it('leaves the Aurora clusters to their DB instances: not applicable, never judged twice', async () => {
      const { verdict } = await evaluate({ clusters: input('describe-db-clusters.json') });

      expect(verdict(cluster('inventory'), CA)?.status).toBe('NOT_APPLICABLE');
      expect(verdict(cluster('analytics'), CA)?.status).toBe('NOT_APPLICABLE');
    });

    it('judges a Multi-AZ DBCluster Config item (camelCase certificateDetails) like the describe output', async () => {
      const items = {
        configurationItems: [
          configItem('AWS::RDS::DBCluster', 'cfg-maz', {
            dbclusterIdentifier: 'cfg-maz',
            engine: 'postgres',
            engineVersion: '16.4',
            dbclusterInstanceClass: 'db.m6gd.large',
            dbclusterParameterGroup: 'default.postgres16',
            certificateDetails: { cAIdentifier: 'rds-ca-2019', validTill: '2024-08-22T17:08:50.000Z' },
          }),
        ],
      };

      const { verdict } = await evaluate({ items });

      expect(verdict(cluster('cfg-maz'), CA)?.reason).toContain(
        'Multi-AZ DB cluster cfg-maz: CA rds-ca-2019 expired',
      );
    });
  });

  describe('from AWS Config items', () => {
    it('judges both rules on DBInstance and DBCluster items (camelCase), joined to a wrapped listing by group name', async () => {
      const items = {
        configurationItems: [
          configItem('AWS::RDS::DBInstance', 'cfg-mysql', {
            dBInstanceIdentifier: 'cfg-mysql',
            engine: 'mysql',
            engineVersion: '5.7.44',
            dBParameterGroups: [
              { dBParameterGroupName: 'default.mysql5.7', parameterApplyStatus: 'in-sync' },
            ],
            cACertificateIdentifier: 'rds-ca-2015',
          }),
          configItem('AWS::RDS::DBInstance', 'cfg-pg', {
            dBInstanceIdentifier: 'cfg-pg',
            engine: 'postgres',
            engineVersion: '14.9',
            dBParameterGroups: [{ dBParameterGroupName: 'orders-pg14', parameterApplyStatus: 'in-sync' }],
            cACertificateIdentifier: 'rds-ca-rsa2048-g1',
          }),
          configItem('AWS::RDS::DBCluster', 'cfg-aurora', {
            dbclusterIdentifier: 'cfg-aurora',
            engine: 'aurora-mysql',
            engineVersion: '8.0.mysql_aurora.3.05.2',
            dbclusterParameterGroup: 'custom-unread',
            dbclusterMembers: [{ dbinstanceIdentifier: 'cfg-aurora-1', isClusterWriter: true }],
          }),
        ],
      };
      const fixed = input('describe-db-parameters-orders-pg14.json');
      fixed.Parameters[1].ParameterValue = '1';
      const { verdict } = await evaluate({ items, orders: fixed });

      expect(verdict(db('cfg-mysql'), TRANSPORT)?.status).toBe('NON_COMPLIANT');
      expect(verdict(db('cfg-mysql'), CA)?.reason).toContain('rds-ca-2015, which has expired');
      expect(verdict(db('cfg-pg'), TRANSPORT)?.status).toBe('COMPLIANT');
      expect(verdict(db('cfg-pg'), CA)?.status).toBe('COMPLIANT');
      expect(verdict(cluster('cfg-aurora'), TRANSPORT)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(cluster('cfg-aurora'), TRANSPORT)?.reason).toContain(
        'custom DB cluster parameter group custom-unread are not in the inputs',
      );
    });
  });
});

describe('transit-guard replay: RDS calls', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-rds-replay-'));
    await mkdir(join(directory, 'inventory'));
    for (const name of [
      'describe-db-instances.json',
      'describe-db-clusters.json',
      'describe-db-parameters-orders-pg14.json',
    ]) {
      await writeFile(join(directory, 'inventory', name), readFileSync(new URL(name, INPUTS)));
    }
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges every database that uses the group a ModifyDBParameterGroup call names (the call names only the group)', async () => {
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-rds-modify-db-parameter-group.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report;

    expect(report.evaluations.filter((e) => e.ruleId === TRANSPORT)).toEqual([
      expect.objectContaining({ resourceId: db('orders-pg'), status: 'NON_COMPLIANT' }),
    ]);
  });

  it.each([
    {
      change: 'no TLS parameter (innodb_* only)',
      parameter: 'innodb_write_io_threads',
      code: 3,
      says: 'ignored, ModifyDBParameterGroup changes nothing RDS judges',
    },
    { change: 'rds.force_ssl', parameter: 'rds.force_ssl', code: 1, says: 'inspected' },
  ])(
    'replays a bare record whose userIdentity has no type, changing $change (AWS docs MariaDB sample shape)',
    async ({ parameter, code, says }) => {
      const record = JSON.parse(
        readFileSync(new URL('cloudtrail-rds-modify-db-parameter-group.json', EVENTS), 'utf8'),
      ).detail;
      record.userIdentity = {
        accountId: '111122223333',
        sessionContext: { sessionIssuer: { type: 'Role' } },
      };
      record.requestParameters.parameters = [
        { parameterName: parameter, parameterValue: '0', applyMethod: 'immediate' },
      ];
      const event = join(directory, 'record.json');
      await writeFile(event, JSON.stringify(record));

      const run = await runCliCaptured(['replay', event, '--inventory', join(directory, 'inventory')], {
        cwd: directory,
      });

      expect(run.code).toBe(code);
      expect(`${run.stdout}${run.stderr}`).toContain(`ModifyDBParameterGroup (${record.eventID}): ${says}`);
    },
  );
  it('judges the CA of the Multi-AZ DB cluster a ModifyDBCluster call names, from the inventory', async () => {
    await writeFile(
      join(directory, 'inventory', 'describe-db-clusters-multi-az.json'),
      readFileSync(new URL('describe-db-clusters-multi-az.json', INPUTS)),
    );
    const event = JSON.parse(readFileSync(new URL('cloudtrail-rds-modify-db-cluster.json', EVENTS), 'utf8'));
    event.detail.requestParameters = { dBClusterIdentifier: 'payments-maz', applyImmediately: false };
    event.detail.responseElements = {
      dBClusterIdentifier: 'payments-maz',
      dBClusterArn: cluster('payments-maz'),
      engine: 'postgres',
      dBClusterInstanceClass: 'db.m6gd.large',
    };
    const path = join(directory, 'modify-db-cluster.json');
    await writeFile(path, JSON.stringify(event));

    const run = await replayAgainstInventory(directory, path, '2026-11-22T00:00:00Z');
    const report = JSON.parse(run.stdout) as Report;

    expect(report.evaluations.filter((e) => e.ruleId === CA)).toEqual([
      expect.objectContaining({
        resourceId: cluster('payments-maz'),
        status: 'NON_COMPLIANT',
        reason: expect.stringContaining('aws rds modify-db-cluster --db-cluster-identifier payments-maz'),
      }),
    ]);
  });
});

/**
 * vpc-encryption-control through `transit-guard evaluate --format json` in each input format the family reads
 * (describe-vpcs, describe-vpc-encryption-controls, get-vpc-resources-blocking-encryption-enforcement wrapped with
 * its VpcId, AWS::EC2::VPC Config items): failing, compliant near-miss and cannot-verify cases; and the seam it
 * fills for elbv2-target-group-plaintext (a plaintext target group passes in an enforced VPC only).
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { evaluateDocuments, replayAgainstInventory } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const input = (name: string): any => JSON.parse(readFileSync(new URL(name, INPUTS), 'utf8'));

const RULE = 'vpc-encryption-control';
const SHOP = 'vpc-0a1b2c3d4e5f60718';
const LEDGER = 'vpc-0b2c3d4e5f6071829';
const DEFAULT_VPC = 'vpc-0c3d4e5f60718293a';

describe('transit-guard evaluate: vpc-encryption-control', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-vpc-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(documents: Record<string, unknown>, policy?: string) {
    const run = await evaluateDocuments(directory, documents, policy);
    const report = (run.stdout ? JSON.parse(run.stdout) : { evaluations: [] }) as Report;
    const verdict = (id: string, rule = RULE) =>
      report.evaluations.find((e) => e.ruleId === rule && e.resourceId === id);
    return { code: run.code, report, verdict, stderr: run.stderr };
  }

  describe('from describe-vpcs', () => {
    it('fails a VPC with no EncryptionControl at low, passes the monitor-mode one under the default policy and fails the unallowed exclusion of the enforced one', async () => {
      // Act
      const { code, report, verdict } = await evaluate({ vpcs: input('ec2-describe-vpcs.json') });

      // Assess
      expect(code).toBe(1);
      expect(verdict(DEFAULT_VPC)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
      expect(verdict(DEFAULT_VPC)?.reason).toContain('has no encryption control');
      expect(verdict(SHOP)?.status).toBe('COMPLIANT');
      // Enforce mode with an exclusion the (default: empty) allowed list does not name fails whatever the mode asked.
      expect(verdict(LEDGER)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      // Shop monitors and ledger enforces (its exclusion fails the rule, not the mode); the default VPC has none.
      expect(report.summary.kpis.vpcEncryptionControl).toEqual({ compliant: 2, total: 3, percent: 66.7 });
      expect(report.summary.kpis.vpcEncryptionEnforced).toEqual({ compliant: 1, total: 3, percent: 33.3 });
    });

    it('fails monitor mode at medium when the policy asks enforce, and an exclusion the policy does not allow', async () => {
      // Act
      const { verdict, report } = await evaluate(
        { vpcs: input('ec2-describe-vpcs.json') },
        'version: 1\nvpc:\n  encryptionMode: enforce\n',
      );

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(verdict(SHOP)?.reason).toContain('is in monitor mode (available) while the policy asks enforce');
      expect(verdict(LEDGER)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(verdict(LEDGER)?.reason).toContain('exclusions the policy does not allow');
      expect(verdict(LEDGER)?.reason).toContain('InternetGateway');
      // The KPIs count the modes, not the verdicts: the same numbers as under the default (monitor) policy.
      expect(report.summary.kpis.vpcEncryptionControl).toEqual({ compliant: 2, total: 3, percent: 66.7 });
      expect(report.summary.kpis.vpcEncryptionEnforced).toEqual({ compliant: 1, total: 3, percent: 33.3 });
    });

    it('passes the enforced VPC once its exclusion is allowed (near miss)', async () => {
      // Act
      const { verdict } = await evaluate(
        { vpcs: input('ec2-describe-vpcs.json') },
        'version: 1\nvpc:\n  encryptionMode: enforce\n  allowedExclusions: [InternetGateway]\n',
      );

      // Assess
      expect(verdict(LEDGER)?.status).toBe('COMPLIANT');
      expect(verdict(LEDGER)?.reason).toContain('with the allowed exclusions InternetGateway');
    });

    it('cannot verify a control whose mode is not one EC2 documents, nor an enforced one with an exclusion of unknown state', async () => {
      // Prepare
      const vpcs = input('ec2-describe-vpcs.json');
      vpcs.Vpcs[0].EncryptionControl.Mode = 'audit';
      vpcs.Vpcs[1].EncryptionControl.ResourceExclusions.Lambda = {};

      // Act
      const { verdict, report } = await evaluate(
        { vpcs },
        'version: 1\nvpc:\n  allowedExclusions: [InternetGateway]\n',
      );

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(SHOP)?.reason).toContain('"audit"');
      expect(verdict(LEDGER)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(LEDGER)?.reason).toContain('The exclusions Lambda');
      // An undocumented mode is no control in the KPIs; ledger is still in enforce mode (available), whatever
      // its exclusions: the KPI counts the mode, the rule judges the exclusions.
      expect(verdict(SHOP)?.details).toMatchObject({
        hasEncryptionControl: false,
        enforcesEncryption: false,
      });
      expect(verdict(LEDGER)?.details).toMatchObject({
        hasEncryptionControl: true,
        enforcesEncryption: true,
      });
      expect(report.summary.kpis.vpcEncryptionControl).toMatchObject({ compliant: 1, total: 3 });
    });

    it('cannot verify a control whose last mode change failed, whatever mode it names', async () => {
      // Prepare
      const vpcs = input('ec2-describe-vpcs.json');
      vpcs.Vpcs[0].EncryptionControl.State = 'monitor-failed';

      // Act
      const { verdict, report } = await evaluate({ vpcs });

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(SHOP)?.reason).toContain(
        'failed (monitor-failed), so whether it monitors encryption cannot be verified',
      );
      // Unknown is never counted as a control: only ledger is left in the KPI.
      expect(report.summary.kpis.vpcEncryptionControl).toMatchObject({ compliant: 1, total: 3 });
    });

    it('rejects a policy naming an exclusion EC2 does not have', async () => {
      // Act
      const { code, stderr } = await evaluate(
        { vpcs: input('ec2-describe-vpcs.json') },
        'version: 1\nvpc:\n  allowedExclusions: [TransitGateway]\n',
      );

      // Assess
      expect(code).toBe(2);
      expect(stderr).toContain('vpc.allowedExclusions');
    });
  });

  describe('from describe-vpc-encryption-controls, with the blocking resources', () => {
    it('judges each control and lists what blocks enforce mode in the finding', async () => {
      // Act
      const { verdict } = await evaluate(
        {
          controls: input('ec2-describe-vpc-encryption-controls.json'),
          blocking: input('ec2-get-vpc-resources-blocking-encryption-enforcement.json'),
        },
        'version: 1\nvpc:\n  encryptionMode: enforce\n',
      );

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(verdict(SHOP)?.reason).toContain(
        'Resources blocking enforce mode: i-0123456789abcdef0 (instance); igw-0a1b2c3d4e5f60718 (internet-gateway), excludable.',
      );
      expect(verdict(SHOP)?.details?.blockingResources).toHaveLength(2);
    });

    it('cannot verify a VPC known only from its blocking resources', async () => {
      // Act
      const { verdict, report } = await evaluate({
        blocking: input('ec2-get-vpc-resources-blocking-encryption-enforcement.json'),
      });

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(SHOP)?.reason).toContain('cannot be verified');
      // Counted in both KPIs, as neither monitoring nor enforcing: unknown is not a pass.
      expect(report.summary.kpis.vpcEncryptionControl).toEqual({ compliant: 0, total: 1, percent: 0 });
      expect(report.summary.kpis.vpcEncryptionEnforced).toEqual({ compliant: 0, total: 1, percent: 0 });
    });

    it('names the input and field when the blocking-resources listing is not wrapped with its VpcId', async () => {
      // Prepare
      const { VpcId: _dropped, ...bare } = input(
        'ec2-get-vpc-resources-blocking-encryption-enforcement.json',
      );

      // Act
      const { code, stderr } = await evaluate({ blocking: bare });

      // Assess: nothing else was read, so nothing is left to evaluate.
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /blocking\.json: no resource; ec2 get-vpc-resources-blocking-encryption-enforcement: VpcId: missing/,
      );
    });
  });

  describe('from AWS Config items', () => {
    const item = (configuration: Record<string, unknown>) => ({
      fileVersion: '1.0',
      configSnapshotId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      configurationItems: [
        {
          relatedEvents: [],
          relationships: [],
          configuration,
          supplementaryConfiguration: {},
          tags: {},
          configurationItemVersion: '1.3',
          configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
          awsAccountId: '111122223333',
          configurationItemStatus: 'OK',
          resourceType: 'AWS::EC2::VPC',
          resourceId: configuration.vpcId,
          ARN: `arn:aws:ec2:eu-west-1:111122223333:vpc/${configuration.vpcId}`,
          awsRegion: 'eu-west-1',
        },
      ],
    });
    const camel = (vpc: Record<string, unknown>) => ({
      vpcId: vpc.VpcId,
      cidrBlock: vpc.CidrBlock,
      state: 'available',
    });

    it.each([
      [
        'cannot verify an item without encryptionControl (whether Config records it is unconfirmed)',
        undefined,
        'NON_COMPLIANT',
        true,
      ],
      ['passes an item with a monitor-mode control (near miss)', 'monitor', 'COMPLIANT', false],
      ['cannot verify an item whose control has no mode', null, 'NON_COMPLIANT', true],
    ])('%s', async (_case, mode, status, unverified) => {
      // Prepare
      const vpc = input('ec2-describe-vpcs.json').Vpcs[0];
      const configuration: Record<string, unknown> = camel(vpc);
      if (mode !== undefined)
        configuration.encryptionControl = { ...vpc.EncryptionControl, Mode: mode ?? undefined };

      // Act
      const { verdict } = await evaluate({ snapshot: item(configuration) });

      // Assess
      expect(verdict(SHOP)?.status).toBe(status);
      expect(verdict(SHOP)?.reason?.includes('cannot be verified')).toBe(unverified);
    });

    it('fails an item whose control is deleted', async () => {
      // Prepare
      const vpc = input('ec2-describe-vpcs.json').Vpcs[0];
      const configuration = {
        ...camel(vpc),
        encryptionControl: { ...vpc.EncryptionControl, State: 'deleted' },
      };

      // Act
      const { verdict } = await evaluate({ snapshot: item(configuration) });

      // Assess
      expect(verdict(SHOP)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
    });
  });

  describe('elbv2-target-group-plaintext in the VPC', () => {
    const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup';
    const SHOP_WEB = `${TG}/shop-web/6d0ecf831eec9f09`;
    const elbv2 = () => ({
      groups: input('elbv2-describe-target-groups.json'),
      listeners: input('elbv2-describe-listeners.json'),
      rules: input('elbv2-describe-rules.json'),
    });

    it('fails the plaintext target group in a monitor-mode VPC, naming its control', async () => {
      // Act
      const { verdict } = await evaluate({
        ...elbv2(),
        controls: input('ec2-describe-vpc-encryption-controls.json'),
      });

      // Assess
      expect(verdict(SHOP_WEB, 'elbv2-target-group-plaintext')?.status).toBe('NON_COMPLIANT');
      expect(verdict(SHOP_WEB, 'elbv2-target-group-plaintext')?.reason).toContain(
        `the encryption control of ${SHOP} is monitor (available), not enforced`,
      );
    });

    it('passes it once the VPC enforces encryption (describe-vpcs)', async () => {
      // Prepare
      const vpcs = input('ec2-describe-vpcs.json');
      vpcs.Vpcs[0].EncryptionControl.Mode = 'enforce';

      // Act
      const { verdict } = await evaluate({ ...elbv2(), vpcs });

      // Assess
      expect(verdict(SHOP_WEB, 'elbv2-target-group-plaintext')?.status).toBe('COMPLIANT');
    });
  });
});

describe('transit-guard replay of the VPC calls', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-vpc-replay-'));
    await mkdir(join(directory, 'inventory'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it.each([
    'cloudtrail-ec2-create-vpc',
    'cloudtrail-ec2-create-vpc-encryption-control',
    'cloudtrail-ec2-modify-vpc-encryption-control',
    'cloudtrail-ec2-delete-vpc-encryption-control',
  ])('%s: judges the VPC the call names, from the inventory', async (fixture) => {
    // Prepare: the VPC the event names, still without a control in the inventory.
    await writeFile(
      join(directory, 'inventory', 'vpcs.json'),
      JSON.stringify(input('ec2-describe-vpcs.json')),
    );

    // Act
    const run = await replayAgainstInventory(directory, new URL(`${fixture}.json`, EVENTS).pathname);
    const report = JSON.parse(run.stdout) as Report;

    // Assess: only the named VPC, not the two others of the inventory.
    expect(run.code).toBe(1);
    expect(report.evaluations.filter((e) => e.ruleId === RULE)).toEqual([
      expect.objectContaining({ resourceId: DEFAULT_VPC, status: 'NON_COMPLIANT', severity: 'low' }),
    ]);
  });
});

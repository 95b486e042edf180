/**
 * elbv2-target-group-plaintext through `transit-guard evaluate --format json` in each input format it reads
 * (describe-target-groups beside describe-listeners / describe-rules, and AWS Config items): a failing target
 * group, a compliant near miss and one that cannot be verified; weighted forward; then `replay` of a CloudTrail
 * CreateListener that starts forwarding to a plaintext target group, against an inventory.
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

const RULE = 'elbv2-target-group-plaintext';
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup';
const SHOP_WEB = `${TG}/shop-web/6d0ecf831eec9f09`;
const SHOP_CANARY = `${TG}/shop-canary/2e4f6a8c0b1d3f57`;
const LEDGER_TLS = `${TG}/ledger-tls/0a1b2c3d4e5f6071`;

describe('transit-guard evaluate: elbv2-target-group-plaintext', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-tg-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(documents: Record<string, unknown>, policy?: string) {
    const run = await evaluateDocuments(directory, documents, policy);
    const report = JSON.parse(run.stdout) as Report;
    const verdict = (id: string) => report.evaluations.find((e) => e.ruleId === RULE && e.resourceId === id);
    return { code: run.code, report, verdict };
  }

  describe('from describe-target-groups with describe-listeners and describe-rules', () => {
    const base = () => ({
      groups: input('elbv2-describe-target-groups.json'),
      listeners: input('elbv2-describe-listeners.json'),
      rules: input('elbv2-describe-rules.json'),
    });

    it('fails the HTTP group an HTTPS listener forwards to, and passes the TLS group behind a TLS listener', async () => {
      // Act
      const { code, report, verdict } = await evaluate(base());

      // Assess
      expect(code).toBe(1);
      expect(verdict(SHOP_WEB)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
      expect(verdict(SHOP_WEB)?.reason).toContain(
        'the encryption control of vpc-0a1b2c3d4e5f60718 is unknown',
      );
      expect(verdict(LEDGER_TLS)?.status).toBe('COMPLIANT');
      // Its own share: every group the rule judged, compliant only when the hop is encrypted.
      const judged = report.evaluations.filter((e) => e.ruleId === RULE && e.status !== 'NOT_APPLICABLE');
      expect(report.summary.kpis.targetHopsEncrypted).toMatchObject({
        compliant: judged.filter((e) => e.status === 'COMPLIANT').length,
        total: judged.length,
      });
      expect(judged.length).toBeGreaterThan(1);
    });

    it('cannot verify a group when the HTTPS listener’s rules are not in the inputs, nor one without a protocol', async () => {
      // Prepare
      const documents = base();
      documents.groups.TargetGroups[2].Protocol = undefined;

      // Act
      const { verdict } = await evaluate(documents);

      // Assess
      expect(verdict(SHOP_CANARY)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(verdict(SHOP_CANARY)?.reason).toContain('cannot be verified: the inputs lack the rules of');
      expect(verdict(LEDGER_TLS)?.reason).toContain('the input gives no protocol');
    });

    it('fails a group that a weighted forward of the HTTPS listener sends to, at medium under endToEnd: required', async () => {
      // Prepare
      const documents = base();
      documents.listeners.Listeners[0].DefaultActions[0].ForwardConfig.TargetGroups.push({
        TargetGroupArn: SHOP_CANARY,
        Weight: 1,
      });

      // Act
      const { verdict } = await evaluate(documents, 'version: 1\ntls:\n  endToEnd: required\n');

      // Assess
      expect(verdict(SHOP_CANARY)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(verdict(SHOP_CANARY)?.reason).toContain('uses HTTP behind HTTPS:443 listener');
    });

    it('passes the same HTTP group once its target group is HTTPS (near miss)', async () => {
      // Prepare
      const documents = base();
      documents.groups.TargetGroups[0].Protocol = 'HTTPS';

      // Act
      const { verdict } = await evaluate(documents);

      // Assess
      expect(verdict(SHOP_WEB)?.status).toBe('COMPLIANT');
    });
  });

  describe('from AWS Config items', () => {
    const listenerItem = () =>
      input('config-snapshot.json').configurationItems.find(
        (item: { resourceId: string }) =>
          item.resourceId ===
          'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978',
      );
    const groupItem = (group: Record<string, unknown>) => ({
      relatedEvents: [],
      relationships: [],
      configuration: group,
      supplementaryConfiguration: {},
      tags: {},
      configurationItemVersion: '1.3',
      configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
      awsAccountId: '111122223333',
      configurationItemStatus: 'OK',
      resourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      resourceId: group.TargetGroupArn,
      ARN: group.TargetGroupArn,
      awsRegion: 'eu-west-1',
    });
    const snapshot = (group: Record<string, unknown>) => ({
      fileVersion: '1.0',
      configSnapshotId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      configurationItems: [listenerItem(), groupItem(group)],
    });
    const shopWeb = () => input('elbv2-describe-target-groups.json').TargetGroups[0];

    it.each([
      ['fails the HTTP group the HTTPS listener forwards to', {}, 'NON_COMPLIANT', undefined],
      ['passes it as HTTPS (near miss)', { Protocol: 'HTTPS' }, 'COMPLIANT', undefined],
      [
        'cannot verify it without a protocol',
        { Protocol: undefined },
        'NON_COMPLIANT',
        'the input gives no protocol',
      ],
    ])('%s', async (_case, change, status, said) => {
      // Act
      const { verdict } = await evaluate({ snapshot: snapshot({ ...shopWeb(), ...change }) });

      // Assess
      expect(verdict(SHOP_WEB)?.status).toBe(status);
      if (said) expect(verdict(SHOP_WEB)?.reason).toContain(said);
    });

    it('reads an item in the CloudFormation resource shape: Name instead of TargetGroupName, tags as Key/Value', async () => {
      // Prepare
      const { TargetGroupName, ...rest } = shopWeb();
      const item = { ...rest, Name: TargetGroupName, Tags: [{ Key: 'team', Value: 'shop' }] };

      // Act
      const { verdict } = await evaluate({ snapshot: snapshot(item) });

      // Assess
      expect(verdict(SHOP_WEB)?.status).toBe('NON_COMPLIANT');
      expect(verdict(SHOP_WEB)?.reason).toMatch(/^Target group shop-web uses HTTP/);
    });
  });
});

describe('transit-guard replay: a CreateListener that starts forwarding to a plaintext target group', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-tg-replay-'));
    await mkdir(join(directory, 'inventory'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges the target group the new HTTPS listener forwards to', async () => {
    // Prepare: the listener the event creates, as describe-listeners shows it, and the group it forwards to.
    const event = JSON.parse(readFileSync(new URL('cloudtrail-elbv2-create-listener.json', EVENTS), 'utf8'));
    const created = event.detail.responseElements.listeners[0];
    const groupArn =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57';
    await writeFile(
      join(directory, 'inventory', 'listeners.json'),
      JSON.stringify({
        Listeners: [
          {
            ListenerArn: created.listenerArn,
            LoadBalancerArn: created.loadBalancerArn,
            Port: 443,
            Protocol: 'HTTPS',
            SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
            Certificates: [
              {
                CertificateArn:
                  'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
              },
            ],
            DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn }],
          },
        ],
      }),
    );
    const group = {
      ...input('elbv2-describe-target-groups.json').TargetGroups[0],
      TargetGroupArn: groupArn,
      TargetGroupName: 'shop-web-tg',
      LoadBalancerArns: [created.loadBalancerArn],
    };
    await writeFile(join(directory, 'inventory', 'groups.json'), JSON.stringify({ TargetGroups: [group] }));

    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-elbv2-create-listener.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    const judged = report.evaluations.find((e) => e.ruleId === RULE);
    expect(judged).toMatchObject({ resourceId: groupArn, status: 'NON_COMPLIANT' });
  });
});

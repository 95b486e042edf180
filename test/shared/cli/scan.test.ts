import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetDomainNamesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { DescribeVpnConnectionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliInputError, type CliIo } from '../../../shared/cli/io.js';
import { runScan, type ScanSeams } from '../../../shared/cli/scan.js';
import { createFileInventorySource } from '../../../shared/inventory/file-source.js';
import type { InventorySource } from '../../../shared/inventory/live/port.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import type { Inventory } from '../../../shared/inventory/types.js';
import type { Report } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { httpsListener, loadBalancer } from '../inventory/live/sdk-outputs.js';

const INVENTORY = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/replay/inventory');
const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-web/6f1b2c3d4e5a6b7c/9a8b7c6d5e4f3a21';

interface Run {
  code: number | 'help';
  stdout: string;
  stderr: string;
}

/** A stand-in for the account: the replay inventory (all in eu-west-1), recording the regions asked for. */
function fakeSource(inventory: Inventory, options: { unreadable?: boolean } = {}) {
  const files = createFileInventorySource(inventory);
  const regions: string[] = [];
  const source: InventorySource = {
    read: (refs) => files.read(refs),
    async enumerate(region, families) {
      regions.push(region);
      const result = await files.enumerate(region, families);
      if (!options.unreadable) return result;
      return {
        ...result,
        errors: [
          { source: `api:DescribeVpnConnections ${region}`, message: 'UnauthorizedOperation: denied' },
        ],
      };
    },
  };
  return { source, regions };
}

describe('runScan', () => {
  let inventory: Inventory;
  let directory: string;

  async function scan(args: string[], seams: ScanSeams, env: CliIo['env'] = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await runScan(
      args,
      {
        stdout: {
          write: (chunk: string) => {
            stdout += chunk;
          },
          isTTY: false,
        },
        stderr: {
          write: (chunk: string) => {
            stderr += chunk;
          },
        },
        cwd: directory,
        env,
      },
      seams,
    );
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    inventory = await loadInventory([INVENTORY]);
  });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-scan-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('sweeps each region and prints the report as evaluate does, exit 1 on a finding', async () => {
    // Prepare
    const { source, regions } = fakeSource(inventory);

    // Act
    const result = await scan(
      ['--region', 'eu-west-1', '--region', 'us-east-1', '--format', 'json', '--now', '2026-03-13T07:00:00Z'],
      { sourceFactory: () => source },
    );

    // Assess
    expect(result.code).toBe(1);
    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.evaluatedAt).toBe('2026-03-13T07:00:00.000Z');
    expect(report.resources).toBe(3);
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: 'elbv2-listener-tls-policy',
        status: 'NON_COMPLIANT',
        resourceId: LISTENER,
      }),
    );
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({ ruleId: 'acm-certificate-expiry', status: 'NON_COMPLIANT' }),
    );
    expect(report.errors).toEqual([]);
  });

  it('tells a person its progress on stderr, keeping stdout for the report', async () => {
    // Prepare
    const { source } = fakeSource(inventory);

    // Act
    const result = await scan(['--region', 'eu-west-1', '--format', 'json'], { sourceFactory: () => source });

    // Assess
    expect(result.stderr).toContain('reading eu-west-1\n');
    expect(result.stderr).toMatch(/eu-west-1: 3 resources, \d+ non-compliant, 0 unreadable\n/);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it('accepts comma-separated regions and reads each once', async () => {
    // Prepare
    const { source, regions } = fakeSource(inventory);

    // Act
    await scan(['--region', 'eu-west-1,eu-central-1', '--region', 'eu-west-1'], {
      sourceFactory: () => source,
    });

    // Assess
    expect(regions).toEqual(['eu-west-1', 'eu-central-1']);
  });

  it.each([
    [{ AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'us-east-1' }, 'eu-central-1'],
    [{ AWS_DEFAULT_REGION: 'us-east-1' }, 'us-east-1'],
  ])('takes the region from the environment (%j) without --region', async (env, expected) => {
    // Prepare
    const { source, regions } = fakeSource(inventory);

    // Act: the inventory has nothing outside eu-west-1
    const scanned = scan([], { sourceFactory: () => source }, env);

    // Assess
    await expect(scanned).rejects.toThrow(
      `ACM certificate, or API Gateway custom domain, REST API or stage in ${expected}. Read:\n  - ${expected}: no resource`,
    );
    expect(regions).toEqual([expected]);
  });

  it('lists what it could not read in errors and still reports the rest', async () => {
    // Prepare
    const { source } = fakeSource(inventory, { unreadable: true });

    // Act
    const result = await scan(['--region', 'eu-west-1', '--format', 'json'], { sourceFactory: () => source });

    // Assess
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.errors).toEqual([
      { source: 'api:DescribeVpnConnections eu-west-1', message: 'UnauthorizedOperation: denied' },
    ]);
    expect(result.stderr).toContain(
      'warning: api:DescribeVpnConnections eu-west-1: UnauthorizedOperation: denied',
    );
  });

  it('plans every action as a dry run even when the policy file turns dry run off', async () => {
    // Prepare
    const { source } = fakeSource(inventory);
    const policy = join(directory, 'policy.yml');
    await writeFile(policy, 'dryRun: false\nrules:\n  elbv2-listener-tls-policy:\n    mode: remediate\n');

    // Act
    const result = await scan(['--region', 'eu-west-1', '--format', 'json', '--policy', policy], {
      sourceFactory: () => source,
    });

    // Assess
    const report = JSON.parse(result.stdout) as Report;
    const statuses = report.evaluations.flatMap((e) => (e.response ? [e.response.status] : []));
    expect(statuses).toContain('dry-run');
    expect(statuses).not.toContain('planned');
  });

  it('prints a table by default', async () => {
    // Prepare
    const { source } = fakeSource(inventory);

    // Act
    const result = await scan(['--region', 'eu-west-1'], { sourceFactory: () => source });

    // Assess
    expect(result.stdout).toContain('elbv2-listener-tls-policy');
    expect(result.stdout).toContain('SEC09 KPIs');
  });

  it('refuses an all-clear when every rule that applies to the resources read is off', async () => {
    // Prepare
    const { source } = fakeSource(inventory);
    const modes = RULES.map((rule) => `  ${rule.metadata.id}:\n    mode: off\n`).join('');
    await writeFile(join(directory, 'off.yml'), `rules:\n${modes}`);

    // Act
    const result = scan(['--region', 'eu-west-1', '--policy', 'off.yml'], { sourceFactory: () => source });

    // Assess
    await expect(result).rejects.toThrow(
      new CliInputError(
        `nothing to evaluate: every rule that applies to the resources read (${inventory.resources.length}) is off in the policy (off.yml)`,
      ),
    );
  });

  it('refuses an all-clear for an account where it found nothing to evaluate', async () => {
    // Prepare
    const { source } = fakeSource({ ...inventory, resources: [] });

    // Act
    const result = scan(['--region', 'eu-west-1,eu-central-1', '--format', 'json'], {
      sourceFactory: () => source,
    });

    // Assess
    await expect(result).rejects.toThrow(
      new CliInputError(
        'nothing to evaluate: no listener, classic load balancer, VPN connection, Direct Connect connection or LAG, ACM certificate, or API Gateway custom domain, REST API or stage in eu-west-1, eu-central-1. Read:\n  - eu-west-1: no resource\n  - eu-central-1: no resource',
      ),
    );
  });
});

describe('scan through runCli', () => {
  const run = (argv: string[], env: CliIo['env'] = {}) => runCliCaptured(argv, { cwd: tmpdir(), env });

  it.each([
    [[], 'scan needs a region'],
    [['--region', 'Ireland'], '--region: "Ireland" is not an AWS region name'],
    [['--region', 'eu-west-1', 'account.json'], 'scan takes no files'],
    [['--region', 'eu-west-1', '--format', 'csv'], '--format: "csv"'],
  ])('exits 2 with usage for scan %j', async (args, message) => {
    // Act
    const result = await run(['scan', ...args]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: transit-guard');
  });
});

describe('scan with the AWS SDK (aws-sdk-client-mock)', () => {
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  const elb = mockClient(ElasticLoadBalancingClient);
  const ec2 = mockClient(EC2Client);
  const dx = mockClient(DirectConnectClient);
  const acm = mockClient(ACMClient);
  const apigateway = mockClient(APIGatewayClient);

  afterEach(() => {
    for (const mock of [elbv2, elb, ec2, dx, acm, apigateway]) mock.reset();
  });

  const runAws = (argv: string[]) => runCliCaptured(argv, { cwd: tmpdir() });

  it('sweeps the account with the real inventory source, calling only describe and list APIs', async () => {
    // Prepare
    const listener = httpsListener('shop', '0467ef3c8400ae65', 'ELBSecurityPolicy-2016-08');
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [listener] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
    elb.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
    ec2.on(DescribeVpnConnectionsCommand).resolves({ VpnConnections: [] });
    dx.on(DescribeConnectionsCommand).resolves({ connections: [] });
    dx.on(DescribeLagsCommand).resolves({ lags: [] });
    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [] });
    apigateway.on(GetDomainNamesCommand).resolves({ items: [] });
    apigateway.on(GetRestApisCommand).resolves({ items: [] });

    // Act
    const result = await runAws(['scan', '--region', 'eu-west-1', '--format', 'json']);

    // Assess
    expect(result.stderr).toBe('reading eu-west-1\neu-west-1: 1 resources, 2 non-compliant, 0 unreadable\n');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: 'elbv2-listener-tls-policy',
        status: 'NON_COMPLIANT',
        resourceId: listener.ListenerArn,
        response: { mode: 'notify', status: 'notify' },
      }),
    );
    expect(elbv2).toReceiveCommand(DescribeLoadBalancersCommand);
    expect(acm).toReceiveCommand(ListCertificatesCommand);
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    const region = await elbv2.call(0).thisValue.config.region();
    expect(region).toBe('eu-west-1');
  });

  it('exits 2 naming each failed call when nothing could be read', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    elbv2.onAnyCommand().rejects(denied);
    elb.onAnyCommand().rejects(denied);
    ec2.onAnyCommand().rejects(denied);
    dx.onAnyCommand().rejects(denied);
    acm.onAnyCommand().rejects(denied);
    apigateway.onAnyCommand().rejects(denied);

    // Act
    const result = await runAws(['scan', '--region', 'eu-west-1', '--format', 'json']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('transit-guard: nothing to evaluate: no listener');
    expect(result.stderr).toContain('AccessDenied');
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetDomainNamesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetDomainNamesCommand as GetDomainNamesV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { DataSyncClient, ListLocationsCommand } from '@aws-sdk/client-datasync';
import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
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
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, NothingJudgedError } from '../../../shared/cli/io.js';
import { runCli } from '../../../shared/cli/main.js';
import { runCommand } from '../../../shared/cli/program.js';
import type { ScanSeams } from '../../../shared/cli/scan.js';
import { FAMILIES } from '../../../shared/families/index.js';
import { createFileInventorySource } from '../../../shared/inventory/file-source.js';
import type { InventorySource } from '../../../shared/inventory/live/port.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import type { Inventory } from '../../../shared/inventory/types.js';
import type { Report } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { mockCertificateSources } from '../../helpers/certificate-sources.js';
import { mockIot } from '../../helpers/iot-mocks.js';
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

/**
 * A stand-in for the account: the replay inventory (all in eu-west-1), recording the regions asked for (once
 * per region: scan reads a region family by family) and each region and family read.
 */
function fakeSource(inventory: Inventory, options: { unreadable?: boolean } = {}) {
  const files = createFileInventorySource(inventory);
  const regions: string[] = [];
  const reads: string[] = [];
  const source: InventorySource = {
    read: (refs) => files.read(refs),
    async enumerate(region, families) {
      if (!regions.includes(region)) regions.push(region);
      reads.push(...(families ?? ['all']).map((family) => `${region} ${family}`));
      const result = await files.enumerate(region, families);
      if (!options.unreadable || !families?.includes('vpn')) return result;
      return {
        ...result,
        errors: [
          { source: `api:DescribeVpnConnections ${region}`, message: 'UnauthorizedOperation: denied' },
        ],
      };
    },
  };
  return { source, regions, reads };
}

describe('runScan', () => {
  let inventory: Inventory;
  let directory: string;

  async function scan(args: string[], seams: ScanSeams, env: CliIo['env'] = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await runCommand(
      ['scan', ...args],
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
      { scan: seams },
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
    for (const family of FAMILIES)
      expect(result.stderr).toMatch(new RegExp(`^eu-west-1 ${family.id}: \\d+ resources\n`, 'm'));
    expect(result.stderr).toMatch(/eu-west-1: 3 resources, \d+ non-compliant, 0 unreadable\n/);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it('accepts comma-separated regions and reads each family of each region once', async () => {
    // Prepare
    const { source, regions, reads } = fakeSource(inventory);

    // Act
    await scan(['--region', 'eu-west-1,eu-central-1', '--region', 'eu-west-1'], {
      sourceFactory: () => source,
    });

    // Assess
    expect(regions).toEqual(['eu-west-1', 'eu-central-1']);
    expect(reads.toSorted()).toEqual(
      ['eu-west-1', 'eu-central-1']
        .flatMap((region) => FAMILIES.map((family) => `${region} ${family.id}`))
        .toSorted(),
    );
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
      `ACM certificate, CloudFront distribution, VPC Lattice listener, API Gateway custom domain, REST API or stage, VPC, DataSync location, S3 bucket, RDS database, Private CA, IAM server certificate, or AWS IoT certificate or domain configuration in ${expected}. Read:\n  - ${expected}: no resource`,
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

  it('takes the report flags of evaluate: a JSON file beside the table, --fail-on and --account', async () => {
    // Prepare
    const { source } = fakeSource(inventory);
    const flags = ['--region', 'eu-west-1', '--json', 'scan.json', '--now', '2026-03-13T07:00:00Z'];

    // Act
    const failing = await scan(flags, { sourceFactory: () => source });
    const json = JSON.parse(await readFile(join(directory, 'scan.json'), 'utf8')) as Report;
    const gated = await scan([...flags, '--fail-on', 'none', '--account', '999988887777'], {
      sourceFactory: () => source,
    });

    // Assess
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('SEC09 KPIs');
    expect(json.summary.nonCompliant).toBeGreaterThan(0);
    expect(gated.code).toBe(0);
    const regated = JSON.parse(await readFile(join(directory, 'scan.json'), 'utf8')) as Report;
    // Resources read live name their account (from their ARNs): --account does not replace it.
    const named = regated.evaluations.filter((e) => e.resourceId.startsWith('arn:'));
    expect(named.length).toBeGreaterThan(0);
    for (const evaluation of named) expect(evaluation.accountId).toBe('111122223333');
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
      new NothingJudgedError(
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
      new NothingJudgedError(
        'nothing to evaluate: no ELBv2 listener or target group, classic load balancer, VPN connection, Direct Connect connection or LAG, ACM certificate, CloudFront distribution, VPC Lattice listener, API Gateway custom domain, REST API or stage, VPC, DataSync location, S3 bucket, RDS database, Private CA, IAM server certificate, or AWS IoT certificate or domain configuration in eu-west-1, eu-central-1. Read:\n  - eu-west-1: no resource\n  - eu-central-1: no resource',
      ),
    );
  });
});

describe('scan through runCli', () => {
  const run = (argv: string[], env: CliIo['env'] = {}) => runCliCaptured(argv, { cwd: tmpdir(), env });

  it.each([
    [[], 'scan needs a region'],
    [['--region', 'Ireland'], '--region: "Ireland" is not an AWS region name'],
    [['--region', 'eu-west-1,eu-wst-1'], '--region: "eu-wst-1" is not an AWS region name'],
    [['--region', 'eu-west-1', 'account.json'], "too many arguments for 'scan'"],
    [['--region', 'eu-west-1', '--format', 'xml'], '--format: "xml"'],
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
  const lattice = mockClient(VPCLatticeClient);
  const datasync = mockClient(DataSyncClient);
  const s3 = mockClient(S3Client);
  const rds = mockClient(RDSClient);
  const certificateSources = mockCertificateSources();
  const apigateway = mockClient(APIGatewayClient);
  const apigatewayV2 = mockClient(ApiGatewayV2Client);
  const iot = mockIot();

  afterEach(() => {
    for (const mock of [elbv2, elb, ec2, dx, acm, lattice, datasync, s3, rds, apigateway, apigatewayV2])
      mock.reset();
    certificateSources.reset();
    iot.reset();
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
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
    dx.on(DescribeConnectionsCommand).resolves({ connections: [] });
    dx.on(DescribeLagsCommand).resolves({ lags: [] });
    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [] });
    apigateway.on(GetDomainNamesCommand).resolves({ items: [] });
    apigatewayV2.on(GetDomainNamesV2Command).resolves({ Items: [] });
    apigateway.on(GetRestApisCommand).resolves({ items: [] });
    datasync.on(ListLocationsCommand).resolves({ Locations: [] });
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    certificateSources.answerNone();
    iot.answerEmpty();

    // Act
    const result = await runAws(['scan', '--region', 'eu-west-1', '--format', 'json']);

    // Assess
    // One line per family as each finishes (in any order), then the region's.
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, FAMILIES.length).toSorted()).toEqual(
      FAMILIES.map(
        (family) => `eu-west-1 ${family.id}: ${family.id === 'elbv2' ? 1 : 0} resources`,
      ).toSorted(),
    );
    expect(lines.slice(FAMILIES.length)).toEqual([
      'eu-west-1: 1 resources, 2 non-compliant, 0 unreadable',
      '',
    ]);
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

  it('stops after the first family when the SDK finds no credentials, and says so once', async () => {
    // Prepare: what the default chain throws when no provider has credentials
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    elbv2.onAnyCommand().rejects(missing);
    elb.onAnyCommand().rejects(missing);
    ec2.onAnyCommand().rejects(missing);
    dx.onAnyCommand().rejects(missing);
    acm.onAnyCommand().rejects(missing);

    // Act
    const result = await runAws(['scan', '--region', 'eu-west-1,us-east-1']);

    // Assess
    expect(FAMILIES[0]?.id).toBe('elbv2');
    expect(result.code).toBe(2);
    expect(result.stderr.match(/Could not load credentials/g)).toHaveLength(1);
    expect(result.stderr).toContain('transit-guard iam');
    expect(elbv2.calls().length).toBeGreaterThan(0);
    for (const mock of [elb, ec2, dx, acm]) expect(mock).not.toReceiveAnyCommand();
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
    apigatewayV2.onAnyCommand().rejects(denied);
    datasync.onAnyCommand().rejects(denied);
    s3.onAnyCommand().rejects(denied);
    rds.onAnyCommand().rejects(denied);
    certificateSources.pca.onAnyCommand().rejects(denied);
    certificateSources.iam.onAnyCommand().rejects(denied);
    iot.iot.onAnyCommand().rejects(denied);
    iot.greengrass.onAnyCommand().rejects(denied);

    // Act
    const result = await runAws(['scan', '--region', 'eu-west-1', '--format', 'json']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('transit-guard: nothing to evaluate: no ELBv2 listener or target group');
    expect(result.stderr).toContain('AccessDenied');
  });
});

describe('scan: credentials, profile region and progress', () => {
  let inventory: Inventory;
  let directory: string;

  beforeAll(async () => {
    inventory = await loadInventory([INVENTORY]);
  });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-scan-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const io = (env: CliIo['env'], stderrTTY = false) => {
    const out = { stdout: '', stderr: '' };
    const cli: CliIo = {
      stdout: { write: (chunk: string) => (out.stdout += chunk), isTTY: false },
      stderr: { write: (chunk: string) => (out.stderr += chunk), isTTY: stderrTTY, columns: 60 },
      cwd: directory,
      env,
    };
    return { cli, out };
  };

  it('stops at the first credential failure, saying so once with a hint', async () => {
    // Prepare: every call fails as the SDK does without credentials
    let calls = 0;
    const source: InventorySource = {
      read: async () => ({ resources: [], gone: [], errors: [], tlsPolicies: [] }),
      async enumerate(region) {
        calls++;
        return {
          resources: [],
          gone: [],
          tlsPolicies: [],
          errors: [
            {
              source: `api:DescribeLoadBalancers ${region}`,
              message: 'CredentialsProviderError: Could not load credentials from any providers',
            },
          ],
        };
      },
    };
    const { cli, out } = io({});

    // Act
    const code = await runCli(['scan', '--region', 'eu-west-1,us-east-1'], cli, {
      scan: { sourceFactory: () => source },
    });

    // Assess
    expect(code).toBe(2);
    expect(calls).toBe(1);
    expect(out.stderr.match(/Could not load credentials/g)).toHaveLength(1);
    expect(out.stderr).toContain('transit-guard: no usable AWS credentials: CredentialsProviderError');
    expect(out.stderr).toContain('set AWS_PROFILE (or --profile)');
    expect(out.stdout).toBe('');
  });

  it('does not stop for a permission denied on one API', async () => {
    // Prepare
    const { source } = fakeSource(inventory, { unreadable: true });
    const { cli } = io({});

    // Act
    const code = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], cli, {
      scan: { sourceFactory: () => source },
    });

    // Assess
    expect(code).toBe(1);
  });

  it.each([
    [{}, [], 'eu-west-1'],
    [{ AWS_PROFILE: 'audit' }, [], 'eu-central-1'],
    [{}, ['--profile', 'audit'], 'eu-central-1'],
    [{ AWS_PROFILE: 'audit', AWS_REGION: 'us-east-1' }, [], 'us-east-1'],
  ])(
    'takes the region of the profile in the shared config file (%j %j: %s)',
    async (env, flags, expected) => {
      // Prepare
      const config = join(directory, 'config');
      await writeFile(
        config,
        '[default]\nregion = eu-west-1\n\n[profile audit] # read-only\nsso_session = corp\nregion=eu-central-1\n',
      );
      const { source, regions } = fakeSource(inventory);
      const { cli } = io({ ...env, AWS_CONFIG_FILE: config });

      // Act
      await runCli(['scan', ...flags], cli, { scan: { sourceFactory: () => source } });

      // Assess
      expect(regions).toEqual([expected]);
    },
  );

  it('draws a progress bar on a terminal and clears it before the report', async () => {
    // Prepare
    const { source } = fakeSource(inventory);
    const { cli, out } = io({}, true);

    // Act
    const code = await runCli(['scan', '--region', 'eu-west-1', '--format', 'json'], cli, {
      scan: { sourceFactory: () => source },
    });

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toContain(`\r\u001b[K[${'.'.repeat(20)}] 0/${FAMILIES.length}`);
    expect(out.stderr).toContain(`] ${FAMILIES.length}/${FAMILIES.length} eu-west-1 `);
    // The region's line replaces the bar and stays; the bar is drawn again under it.
    expect(out.stderr).toContain('\r\u001b[Keu-west-1: 3 resources, ');
    expect(out.stderr.endsWith('\r\u001b[K')).toBe(true);
    for (const drawn of out.stderr.split('\r\u001b[K'))
      expect(drawn.replace(/\n$/, '').length).toBeLessThan(60);
    expect(() => JSON.parse(out.stdout)).not.toThrow();
  });
});

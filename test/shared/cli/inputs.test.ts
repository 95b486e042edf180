import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65';
const LOAD_BALANCER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/50dc6c495c0c9188';
const STRONG_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const LEGACY_POLICY = 'ELBSecurityPolicy-2016-08';
const MIB = 1024 * 1024;
const NOTHING =
  'transit-guard: nothing to evaluate: no ELBv2 listener or target group, classic load balancer, VPN connection, Direct Connect connection or LAG, ACM certificate, CloudFront distribution, VPC Lattice listener, API Gateway custom domain, REST API or stage, VPC, DataSync location, S3 bucket, RDS database, Private CA, IAM server certificate, or AWS IoT certificate or domain configuration in the inputs. Read:';

/** The listener as describe-listeners and AWS Config both describe it. */
function listenerConfiguration(sslPolicy: string) {
  return {
    ListenerArn: LISTENER,
    LoadBalancerArn: LOAD_BALANCER,
    Port: 443,
    Protocol: 'HTTPS',
    Certificates: [
      {
        CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/6d3f1c2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f',
      },
    ],
    SslPolicy: sslPolicy,
    DefaultActions: [
      {
        Type: 'forward',
        Order: 1,
        TargetGroupArn:
          'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/73e2d6bc24d8a067',
      },
    ],
  };
}

const describeListeners = (sslPolicy: string) => ({ Listeners: [listenerConfiguration(sslPolicy)] });

/** An AWS Config snapshot holding the listener as captured at `capturedAt`. */
function configSnapshot(sslPolicy: string, capturedAt: string) {
  return {
    fileVersion: '1.0',
    configurationItems: [
      {
        configurationItemCaptureTime: capturedAt,
        configurationItemStatus: 'OK',
        resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
        resourceId: LISTENER,
        ARN: LISTENER,
        awsAccountId: '111122223333',
        awsRegion: 'eu-west-1',
        configuration: listenerConfiguration(sslPolicy),
        tags: {},
      },
    ],
  };
}

const run = (argv: string[]) => runCliCaptured(argv);

const tlsPolicyStatuses = (report: Report) =>
  report.evaluations
    .filter((evaluation) => evaluation.ruleId === 'elbv2-listener-tls-policy')
    .map((evaluation) => evaluation.status)
    .sort();

describe('evaluate: inputs', () => {
  let directory: string;

  const write = async (name: string, content: unknown) => {
    const path = join(directory, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe('the same resource in several files', () => {
    it.each([
      ['a-weak.json', 'b-strong.json'],
      ['b-weak.json', 'a-strong.json'],
    ])(
      'judges the newer AWS Config state, a weak one, whatever the order of the files (%s, %s)',
      async (weak, strong) => {
        // Prepare: the weak state was captured a day after the strong one
        await write(weak, configSnapshot(LEGACY_POLICY, '2026-11-21T10:00:00.000Z'));
        await write(strong, configSnapshot(STRONG_POLICY, '2026-11-20T10:00:00.000Z'));

        // Act
        const result = await run(['evaluate', directory, '--format', 'json']);

        // Assess
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as Report;
        expect(report.resources).toBe(1);
        expect(report.errors).toEqual([]);
        expect(tlsPolicyStatuses(report)).toEqual(['NON_COMPLIANT']);
      },
    );

    it('judges the newer AWS Config state when it is the strong one', async () => {
      // Prepare
      await write('a-weak.json', configSnapshot(LEGACY_POLICY, '2026-11-20T10:00:00.000Z'));
      await write('b-strong.json', configSnapshot(STRONG_POLICY, '2026-11-21T10:00:00.000Z'));

      // Act
      const result = await run(['evaluate', directory, '--format', 'json']);

      // Assess
      expect(result.code).toBe(0);
      expect(tlsPolicyStatuses(JSON.parse(result.stdout) as Report)).toEqual(['COMPLIANT']);
    });

    it.each([
      ['a-weak.json', 'b-strong.json'],
      ['b-weak.json', 'a-strong.json'],
    ])(
      'reports two describe outputs that disagree, naming both files, and judges both (%s, %s)',
      async (weak, strong) => {
        // Prepare
        const weakFile = await write(weak, describeListeners(LEGACY_POLICY));
        const strongFile = await write(strong, describeListeners(STRONG_POLICY));
        const [first, second] = [weakFile, strongFile].sort();

        // Act
        const result = await run(['evaluate', directory, '--format', 'json']);

        // Assess
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as Report;
        expect(report.resources).toBe(2);
        expect(report.errors).toEqual([
          {
            source: `${first} (elbv2 describe-listeners), ${second} (elbv2 describe-listeners)`,
            message: `ElasticLoadBalancingV2::Listener ${LISTENER} is described differently in these inputs (sslPolicy), and they do not say which is newer (an AWS Config item's configurationItemCaptureTime would): each description is judged`,
          },
        ]);
        expect(tlsPolicyStatuses(report)).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
      },
    );
  });

  describe('files that cannot hurt the run', () => {
    it('evaluates the good file beside a 600 MB one, listing the big one under errors without reading it', async () => {
      // Prepare: sparse, nothing is written
      await write('listeners.json', describeListeners(STRONG_POLICY));
      const big = await write('snapshot.json', '');
      await truncate(big, 600 * MIB);

      // Act
      const result = await run(['evaluate', directory, '--format', 'json']);

      // Assess
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.resources).toBe(1);
      expect(report.errors).toEqual([
        {
          source: big,
          message:
            'cannot read the file: the file is 600 MiB, over the 256 MiB limit: not read (--max-file-size <MiB> raises it)',
        },
      ]);
    });

    it('takes the limit from --max-file-size, in MiB', async () => {
      // Prepare
      const good = await write('listeners.json', describeListeners(LEGACY_POLICY));
      const big = await write('snapshot.json', '');
      await truncate(big, 2 * MIB + 1);

      // Act
      const lowered = await run(['evaluate', good, big, '--max-file-size', '2', '--format', 'json']);
      const raised = await run(['evaluate', good, big, '--max-file-size', '2.5', '--format', 'json']);

      // Assess
      expect(lowered.code).toBe(1);
      expect((JSON.parse(lowered.stdout) as Report).errors).toEqual([
        {
          source: big,
          message:
            'cannot read the file: the file is 2.0 MiB (2097153 bytes), over the 2 MiB limit: not read (--max-file-size <MiB> raises it)',
        },
      ]);
      // Read, then refused as JSON: the limit no longer stops it.
      expect((JSON.parse(raised.stdout) as Report).errors).toEqual([
        { source: big, message: expect.stringMatching(/^invalid JSON/) },
      ]);
    });

    it.each(['0', '-1', 'big', '1e3', ''])('exits 2 naming --max-file-size for %j', async (value) => {
      // Act
      const result = await run(['evaluate', directory, `--max-file-size=${value}`]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `transit-guard: --max-file-size: "${value}" is not a size in MiB greater than 0 (e.g. 512)`,
      );
    });

    it('lists a FIFO, a symbolic link loop and a directory named *.json under errors, never waiting on them', async () => {
      // Prepare
      await write('a-listeners.json', describeListeners(STRONG_POLICY));
      const fifo = join(directory, 'b-pipe.json');
      execFileSync('mkfifo', [fifo]);
      const loop = join(directory, 'c-loop.json');
      await symlink('c-loop.json', loop);
      const folder = join(directory, 'd-folder.json');
      await mkdir(folder);
      await symlink(folder, join(directory, 'e-link.json'));

      // Act
      const result = await run(['evaluate', directory, '--format', 'json']);

      // Assess
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Report).errors).toEqual([
        { source: fifo, message: 'cannot read the file: not a regular file (a FIFO): not read' },
        {
          source: loop,
          message: 'cannot read the file: too many symbolic links (a symbolic link loop)',
        },
        {
          source: join(directory, 'e-link.json'),
          message: 'cannot read the file: not a regular file (a directory): not read',
        },
      ]);
    });

    it('refuses /dev/zero given as an input, and evaluates the others', async () => {
      // Prepare
      const good = await write('listeners.json', describeListeners(LEGACY_POLICY));

      // Act
      const result = await run(['evaluate', '/dev/zero', good, '--format', 'json']);

      // Assess
      expect(result.code).toBe(1);
      expect((JSON.parse(result.stdout) as Report).errors).toEqual([
        {
          source: '/dev/zero',
          message: 'cannot read the file: not a regular file (a device): not read',
        },
      ]);
    });

    it('refuses /dev/zero as the only input with exit 2, saying so', async () => {
      // Act
      const result = await run(['evaluate', '/dev/zero']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `${NOTHING}\n  - /dev/zero: no resource; cannot read the file: not a regular file (a device): not read\n`,
      );
    });

    it('gives one line naming the policy file for a YAML alias bomb, without a stack trace', async () => {
      // Prepare
      const listeners = await write('listeners.json', describeListeners(STRONG_POLICY));
      const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      const bomb = levels
        .map((name, index) => {
          const entry = index === 0 ? '"lol"' : `*${levels[index - 1]}`;
          return `${name}: &${name} [${Array(10).fill(entry).join(', ')}]`;
        })
        .join('\n');
      const policy = await write('bomb.yml', bomb);

      // Act
      const result = await run(['evaluate', listeners, '--policy', policy]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `transit-guard: Invalid policy file ${policy}: (root): YAML error: Excessive alias count indicates a resource exhaustion attack\n`,
      );
    });

    it('reports a __proto__ key of the policy file by its path', async () => {
      // Prepare
      const listeners = await write('listeners.json', describeListeners(LEGACY_POLICY));
      const policy = await write('proto.yml', 'rules:\n  __proto__:\n    mode: off\n');

      // Act
      const result = await run(['evaluate', listeners, '--policy', policy]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `transit-guard: Invalid policy file ${policy}: rules.__proto__: "__proto__" is not allowed as a key (a reserved JavaScript name)\n`,
      );
    });
  });

  describe('nothing to evaluate', () => {
    it.each([
      ['an empty list', '[]'],
      ['describe-listeners output without listeners', '{"Listeners":[]}'],
    ])('exits 3 (nothing judged) for %s, naming the file', async (_what, text) => {
      // Prepare
      const file = await write('empty.json', text);

      // Act
      const table = await run(['evaluate', file]);
      const json = await run(['evaluate', file, '--format', 'json']);

      // Assess
      for (const result of [table, json]) {
        expect(result.code).toBe(3);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`${NOTHING}\n  - ${file}: no resource\n`);
      }
    });

    it('exits 3 (nothing judged) for an AWS Config snapshot of other resource types only, saying what it held', async () => {
      // Prepare
      const item = (resourceType: string, resourceId: string) => ({
        configurationItemCaptureTime: '2026-11-21T10:00:00.000Z',
        configurationItemStatus: 'OK',
        resourceType,
        resourceId,
        configuration: {},
      });
      const file = await write('config.json', {
        configurationItems: [
          item('AWS::SQS::Queue', 'logs'),
          item('AWS::EC2::Instance', 'i-0a1b2c3d'),
          item('AWS::SQS::Queue', 'data'),
        ],
      });

      // Act
      const result = await run(['evaluate', file]);

      // Assess
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${NOTHING}\n  - ${file}: no resource; AWS Config items of resource types transit-guard does not judge: 3 (AWS::SQS::Queue 2, AWS::EC2::Instance 1)\n`,
      );
    });

    it('exits 3 (nothing judged) when every rule that applies to the resources read is off', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(LEGACY_POLICY));
      const modes = RULES.map((rule) => `  ${rule.metadata.id}:\n    mode: off\n`).join('');
      const policy = await write('off.yml', `rules:\n${modes}`);
      const onlyCertificates = await write(
        'certificates.yml',
        `rules:\n${RULES.filter((rule) => !rule.metadata.id.startsWith('acm-'))
          .map((rule) => `  ${rule.metadata.id}:\n    mode: off\n`)
          .join('')}`,
      );

      // Act
      const off = await run(['evaluate', file, '--policy', policy, '--format', 'json']);
      const certificates = await run(['evaluate', file, '--policy', onlyCertificates]);

      // Assess
      for (const [result, name] of [
        [off, policy],
        [certificates, onlyCertificates],
      ] as const) {
        expect(result.code).toBe(3);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `transit-guard: nothing to evaluate: every rule that applies to the resources read (1) is off in the policy (${name})\n`,
        );
      }
    });

    it('lists every file and path it read, with what was wrong with each', async () => {
      // Prepare
      const empty = await write('a-empty.json', '[]');
      const balancers = await write('b-lbs.json', {
        LoadBalancers: [{ LoadBalancerArn: LOAD_BALANCER, LoadBalancerName: 'shop', Type: 'application' }],
      });
      const broken = await write('c-broken.json', '{');
      const missing = join(directory, 'missing.json');
      const emptyDirectory = join(directory, 'nothing');
      await mkdir(emptyDirectory);

      // Act
      const result = await run(['evaluate', empty, balancers, broken, missing, emptyDirectory]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        [
          NOTHING,
          `  - ${empty}: no resource`,
          `  - ${balancers}: no resource; ELBv2 load balancers: 1`,
          `  - ${broken}: no resource; invalid JSON at line 1, column 2: Expected property name or '}'`,
          `  - ${missing}: cannot read: no such file or directory`,
          `  - ${emptyDirectory}: no *.json files in this directory`,
          '',
        ].join('\n'),
      );
    });
  });
});

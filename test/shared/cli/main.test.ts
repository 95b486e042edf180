import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../../shared/cli/version.js';
import type { Report } from '../../../shared/report/report.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

/** The start of every ANSI escape sequence (colors). */
const ANSI = '\u001b[';
const LISTENER_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188';

/** `aws elbv2 describe-listeners` output with one HTTPS listener on the given security policy. */
function describeListeners(sslPolicy: string, listenerId = '0467ef3c8400ae65') {
  return {
    Listeners: [
      {
        ListenerArn: `${LISTENER_ARN}/${listenerId}`,
        LoadBalancerArn:
          'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/50dc6c495c0c9188',
        Port: 443,
        Protocol: 'HTTPS',
        Certificates: [
          {
            CertificateArn:
              'arn:aws:acm:eu-west-1:111122223333:certificate/6d3f1c2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f',
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
      },
    ],
  };
}

const STRONG_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const LEGACY_POLICY = 'ELBSecurityPolicy-2016-08';
const RULES_FOOTER =
  '* default mode. Every rule defaults to notify: remediate and block are opt-in per rule in the policy file ' +
  '(rules: <rule-id>: mode: remediate) and act only with dry run off.';

const run = runCliCaptured;

describe('runCli', () => {
  let directory: string;

  const write = async (name: string, content: unknown) => {
    const path = join(directory, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-cli-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe('evaluate', () => {
    it('exits 0 when nothing is non-compliant', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(STRONG_POLICY));

      // Act
      const result = await run(['evaluate', file, '--format', 'json']);

      // Assess
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.summary.nonCompliant).toBe(0);
      expect(report.summary.compliant).toBeGreaterThan(0);
    });

    it('exits 1 when an evaluation is NON_COMPLIANT, and reports it as the JSON contract says', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(LEGACY_POLICY));

      // Act
      const result = await run(['evaluate', file, '--format', 'json', '--now', '2026-11-22T00:00:00Z']);

      // Assess
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.evaluatedAt).toBe('2026-11-22T00:00:00.000Z');
      expect(report.resources).toBe(1);
      expect(report.errors).toEqual([]);
      expect(report.evaluations).toContainEqual(
        expect.objectContaining({
          ruleId: 'elbv2-listener-tls-policy',
          status: 'NON_COMPLIANT',
          severity: 'high',
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: `${LISTENER_ARN}/0467ef3c8400ae65`,
          accountId: '111122223333',
          region: 'eu-west-1',
          // Every rule defaults to notify: remediation is opt-in in the policy file.
          response: { mode: 'notify', status: 'notify' },
        }),
      );
      expect(report.summary.kpis.tlsEndpointsTls12Plus).toEqual({ compliant: 0, total: 1, percent: 0 });
    });

    it('prints a table by default with the finding, its planned response and the summary', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(LEGACY_POLICY));
      await write('remediate.yml', 'rules:\n  elbv2-listener-tls-policy:\n    mode: remediate\n');

      // Act
      const result = await run(['evaluate', file, '--policy', 'remediate.yml', '--wide'], { cwd: directory });

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^SEVERITY\s+RULE\s+RESOURCE\s+REASON/);
      expect(result.stdout).toMatch(/^HIGH\s+elbv2-listener-tls-policy\s+shop/m);
      // The automatic target: the post-quantum twin of the strong policy (tls.targetPolicy unset).
      expect(result.stdout).toContain(
        'plan: remediate set-ssl-policy -> ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (dry run)',
      );
      expect(result.stdout).toContain('SEC09 KPIs');
      expect(result.stdout).not.toContain(ANSI);
    });

    it('colors the table on a terminal, but not with NO_COLOR or --no-color', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(LEGACY_POLICY));

      // Act
      const terminal = await run(['evaluate', file], { isTTY: true });
      const noColorEnv = await run(['evaluate', file], { isTTY: true, env: { NO_COLOR: '1' } });
      const noColorFlag = await run(['evaluate', file, '--no-color'], { isTTY: true });

      // Assess
      expect(terminal.stdout).toContain(ANSI);
      expect(noColorEnv.stdout).not.toContain(ANSI);
      expect(noColorFlag.stdout).not.toContain(ANSI);
    });

    it('writes SARIF with one result per finding', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(LEGACY_POLICY));

      // Act
      const result = await run(['evaluate', file, '--format', 'sarif']);

      // Assess
      expect(result.code).toBe(1);
      const sarif = JSON.parse(result.stdout);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
        'elbv2-listener-tls-policy',
        'elbv2-listener-weak-ciphers',
      ]);
    });

    it('evaluates the good file of a directory, lists the bad one in errors and exits by the good one', async () => {
      // Prepare
      await write('listeners.json', describeListeners(STRONG_POLICY));
      await write('notes.json', '{ this is not JSON');

      // Act
      const result = await run(['evaluate', directory, '--format', 'json']);

      // Assess
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.resources).toBe(1);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]?.source).toContain('notes.json');
      expect(result.stderr).toContain('notes.json');
    });

    it('exits 1 when the good file of a mixed directory is non-compliant', async () => {
      // Prepare
      await write('listeners.json', describeListeners(LEGACY_POLICY));
      await write('unknown.json', { Hello: 'world' });

      // Act
      const result = await run(['evaluate', directory]);

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Errors in the inputs (1)');
      expect(result.stdout).toContain('unknown.json');
    });

    it('exits 2 naming every input when nothing could be evaluated', async () => {
      // Prepare
      await write('notes.json', '{ this is not JSON');
      await write('unknown.json', { Hello: 'world' });

      // Act
      const result = await run(['evaluate', directory, '--format', 'json']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('nothing to evaluate');
      expect(result.stderr).toContain('notes.json: no resource; invalid JSON');
      expect(result.stderr).toContain('unknown.json: no resource; not a recognized input');
    });

    it('exits 2 for a path that does not exist', async () => {
      // Act
      const result = await run(['evaluate', join(directory, 'missing.json')]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('missing.json');
    });

    it('resolves relative inputs and the default policy file against cwd', async () => {
      // Prepare: a policy that switches the two failing rules off makes the legacy listener pass
      await mkdir(join(directory, 'account'));
      await write('account/listeners.json', describeListeners(LEGACY_POLICY));
      await write(
        'transit-guard.policy.yml',
        'rules:\n  elbv2-listener-tls-policy:\n    mode: off\n  elbv2-listener-weak-ciphers:\n    mode: off\n',
      );

      // Act
      const result = await run(['evaluate', 'account', '--format', 'json'], { cwd: directory });

      // Assess
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('uses the policy named by --policy', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(STRONG_POLICY));
      await write(
        'tls13.yml',
        'tls:\n  minimumVersion: TLSv1.3\n  targetPolicy: ELBSecurityPolicy-TLS13-1-3-2021-06\n  targetFipsPolicy: ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04\n',
      );

      // Act
      const result = await run(['evaluate', file, '--policy', 'tls13.yml', '--format', 'json'], {
        cwd: directory,
      });

      // Assess
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.evaluations.find((e) => e.ruleId === 'elbv2-listener-tls-policy')?.reason).toContain(
        'the minimum is TLSv1.3',
      );
    });

    it('exits 2 naming the policy file, field and allowed values when the policy is invalid', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(STRONG_POLICY));
      await write('bad.yml', 'rules:\n  elbv2-listener-tls-policy:\n    mode: remediat\n');

      // Act
      const result = await run(['evaluate', file, '--policy', 'bad.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('bad.yml');
      expect(result.stderr).toContain('rules.elbv2-listener-tls-policy.mode');
      expect(result.stderr).toContain('off, notify, remediate, block');
    });

    it('exits 2 when the policy remediates to a target that fails its own rules', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(STRONG_POLICY));
      await write('cbc.yml', 'tls:\n  targetPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n');

      // Act
      const result = await run(['evaluate', file, '--policy', 'cbc.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('tls.targetPolicy');
      expect(result.stderr).toContain('elbv2-listener-weak-ciphers');
    });

    it('exits 2 naming --now when it is not an ISO date', async () => {
      // Prepare
      const file = await write('listeners.json', describeListeners(STRONG_POLICY));

      // Act
      const result = await run(['evaluate', file, '--now', 'yesterday']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--now: "yesterday" is not an ISO 8601 date');
      expect(result.stdout).toBe('');
    });

    it('exits 2 for a format it does not have', async () => {
      // Act
      const result = await run(['evaluate', 'whatever.json', '--format', 'xml']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--format: "xml" is not one of table, json, sarif');
    });

    it('exits 2 with usage when no input is given', async () => {
      // Act
      const result = await run(['evaluate']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('evaluate needs at least one file or directory');
      expect(result.stderr).toContain('Usage: transit-guard');
    });

    it('suggests the flag meant by a typo', async () => {
      // Act
      const result = await run(['evaluate', 'x.json', '--fromat', 'json']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown option '--fromat'\n(Did you mean --format?)");
      expect(result.stderr).toContain('Usage: transit-guard evaluate [options] [paths...]');
      // The error stays on screen: the usage line and where the help is, not every option.
      expect(result.stderr).toContain("Run 'transit-guard evaluate --help'");
      expect(result.stderr).not.toContain('Options:');
      expect(result.stderr.split('\n').length).toBeLessThan(8);
    });

    it('exits 2 with usage for an unknown flag', async () => {
      // Act
      const result = await run(['evaluate', 'x.json', '--colour']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown option '--colour'");
      expect(result.stderr).toContain('Usage: transit-guard');
    });
  });

  describe('rules', () => {
    it('lists the catalog with severity, resource type, modes and title', async () => {
      // Act
      const result = await run(['rules']);

      // Assess
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+RESOURCE TYPE\s+MODES \(\* default\)\s+TITLE$/);
      expect(lines.find((line) => line.startsWith('elbv2-listener-tls-policy '))).toMatch(
        /^elbv2-listener-tls-policy\s+high\s+ElasticLoadBalancingV2::Listener\s+off, notify\*, remediate, block\s+Listener security policy accepts old TLS versions$/,
      );
      expect(result.stdout.endsWith(`\n\n${RULES_FOOTER}\n`)).toBe(true);
    });

    it('names up to three resource types of a rule, more as their common prefix and count, so the table stays narrow', async () => {
      // Act
      const result = await run(['rules']);

      // Assess
      const lines = result.stdout.split('\n');
      expect(lines.find((line) => line.startsWith('datasync-location-plaintext '))).toMatch(
        /^datasync-location-plaintext\s+medium\s+DataSync::Location\* \(11 types\)\s+off, notify\*\s+/,
      );
      expect(lines.find((line) => line.startsWith('apigateway-domain-tls-policy '))).toContain(
        'ApiGateway::DomainName, ApiGatewayV2::DomainName',
      );
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(240);
    });

    it('prints the catalog as JSON with the modes each rule can carry out', async () => {
      // Act
      const result = await run(['rules', '--format', 'json']);

      // Assess
      expect(result.code).toBe(0);
      const catalog = JSON.parse(result.stdout) as { id: string; modes: string[]; severity: string }[];
      expect(catalog.find((rule) => rule.id === 'elbv2-listener-tcp-plaintext')).toMatchObject({
        severity: 'medium',
        modes: ['off', 'notify', 'block'],
      });
    });

    it('exits 2 for a format it does not have', async () => {
      // Act
      const result = await run(['rules', '--format', 'sarif']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--format: "sarif" is not one of table, json');
    });
  });

  describe('policy check', () => {
    it('exits 0 for a valid policy', async () => {
      // Prepare
      await write('ok.yml', 'dryRun: false\nrules:\n  elbv2-listener-plaintext:\n    mode: block\n');

      // Act
      const result = await run(['policy', 'check', 'ok.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('ok.yml: valid (1 rule setting, 0 exemptions, dryRun false)\n');
    });

    it('exits 2 listing every semantic problem', async () => {
      // Prepare
      await write(
        'bad.yml',
        [
          'tls:',
          '  targetPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
          'rules:',
          '  vpn-tunnel-down:',
          '    mode: remediate',
          '  elbv2-listener-plaintex:',
          '    mode: notify',
        ].join('\n'),
      );

      // Act
      const result = await run(['policy', 'check', 'bad.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Invalid policy file bad.yml:');
      expect(result.stderr).toContain(
        '  - rules.vpn-tunnel-down.mode: rule vpn-tunnel-down has no remediate action; allowed modes: off, notify',
      );
      expect(result.stderr).toContain(
        '  - rules.elbv2-listener-plaintex: unknown rule (did you mean "elbv2-listener-plaintext"?)',
      );
      expect(result.stderr).toContain(
        '  - tls.targetPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 fails rule elbv2-listener-weak-ciphers',
      );
    });

    it('exits 2 naming the file and field of a schema error', async () => {
      // Prepare
      await write('typo.yml', 'tls:\n  minimumVersion: TLS1.2\n');

      // Act
      const result = await run(['policy', 'check', 'typo.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('typo.yml');
      expect(result.stderr).toContain(
        'tls.minimumVersion: "TLS1.2" is not allowed (did you mean "TLSv1.2"?)',
      );
    });

    it('exits 2 for a file that does not exist', async () => {
      // Act
      const result = await run(['policy', 'check', 'nope.yml'], { cwd: directory });

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('nope.yml: (root): file not found');
    });

    it('exits 2 with usage without a file or with another subcommand', async () => {
      // Act
      const missing = await run(['policy', 'check']);
      const other = await run(['policy', 'lint', 'x.yml']);

      // Assess
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('policy check needs a policy file');
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('unknown policy subcommand "lint" (policy has: check)');
    });
  });

  describe('help, version and usage errors', () => {
    it('prints the command list on help and --help, exiting 0', async () => {
      // Act
      const results = await Promise.all([run(['help']), run(['--help'])]);

      // Assess
      for (const result of results) {
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('Usage: transit-guard <command> [options]');
        for (const command of ['evaluate', 'replay', 'scan', 'iam', 'scp', 'rules', 'policy']) {
          expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
        }
        expect(result.stdout).toContain('3  nothing was judged');
      }
    });

    it.each([
      ['evaluate', '--fail-on <severity>'],
      ['replay', '--own-role-arn <arn>'],
      ['scan', '--profile <name>'],
      ['iam', '--partition <partition>'],
      ['scp', '--principal-tag <key>'],
      ['rules', '--format <format>'],
    ])(
      'prints the help of %s (with %s and examples) for "--help" and "help <command>"',
      async (command, flag) => {
        // Act
        const results = await Promise.all([run([command, '--help']), run(['help', command])]);

        // Assess
        for (const result of results) {
          expect(result.code).toBe(0);
          expect(result.stdout).toMatch(new RegExp(`^Usage: transit-guard ${command} `));
          expect(result.stdout).toContain(flag);
          expect(result.stdout).toContain(`Examples:\n  transit-guard ${command}`);
        }
        expect(results[0]?.stdout).toBe(results[1]?.stdout);
      },
    );

    it.each([
      ['evaluate', true],
      ['report', true],
      ['replay', true],
      ['scan', true],
      ['iam', false],
      ['scp', false],
      ['rules', false],
      ['policy check', false],
    ])(
      'states the exit codes under "%s --help" (1 and 3 only where it judges: %s)',
      async (command, judges) => {
        // Act
        const result = await run([...command.split(' '), '--help']);

        // Assess
        expect(result.code).toBe(0);
        const codes = result.stdout.split('Exit codes:\n')[1] ?? '';
        expect(codes).toMatch(/^ {2}0 {2}/m);
        expect(codes).toMatch(/^ {2}2 {2}usage or input error/m);
        expect(/^ {2}1 {2}.*--fail-on/m.test(codes)).toBe(judges);
        expect(/^ {2}3 {2}nothing was judged/m.test(codes)).toBe(judges);
      },
    );

    it('prints the help of policy check for "policy check --help"', async () => {
      // Act
      const result = await run(['policy', 'check', '--help']);

      // Assess
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: transit-guard policy check \[options\] \[file\]/);
    });

    it('prints the package version', async () => {
      // Act
      const result = await run(['--version']);

      // Assess
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
      expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('exits 2 with usage when no command is given', async () => {
      // Act
      const result = await run([]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('missing command');
      expect(result.stderr).toContain('Usage: transit-guard');
    });

    it('exits 2 for commands that do not exist, suggesting a close one', async () => {
      // Act
      const unknown = await run(['deploy']);
      const typo = await run(['evalute', 'x.json']);

      // Assess
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("unknown command 'deploy'");
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain("unknown command 'evalute'\n(Did you mean evaluate?)");
      expect(typo.stderr).toContain('Usage: transit-guard <command> [options]');
    });

    it('exits 2 for an unknown global option', async () => {
      // Act
      const result = await run(['--verbose']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown option '--verbose'");
    });
  });
});

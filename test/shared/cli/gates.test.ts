import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report/report.js';
import { wrapText } from '../../../shared/report/table.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const ACCOUNT = join(ROOT, 'examples/account');
const VPN = join(ACCOUNT, 'ec2-describe-vpn-connections.json');
const NOW = ['--now', '2026-12-01T00:00:00Z'];
const ANSI = '\u001b[';

/** `aws elbv2 describe-listeners` output: one HTTPS listener on a security policy that allows TLS 1.0 (high). */
const LEGACY_LISTENER = {
  Listeners: [
    {
      ListenerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65',
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
      SslPolicy: 'ELBSecurityPolicy-2016-08',
      DefaultActions: [{ Type: 'fixed-response', Order: 1 }],
    },
  ],
};

const longest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('CI gates', () => {
  let directory: string;
  let listener: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-gates-'));
    listener = join(directory, 'listeners.json');
    await writeFile(listener, JSON.stringify(LEGACY_LISTENER));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe('--fail-on', () => {
    it('fails on any finding by default, and only on findings of the given severity or worse', async () => {
      // Act
      const byDefault = await runCliCaptured(['evaluate', listener, '--format', 'json', ...NOW]);
      const high = await runCliCaptured([
        'evaluate',
        listener,
        '--format',
        'json',
        '--fail-on',
        'high',
        ...NOW,
      ]);
      const critical = await runCliCaptured([
        'evaluate',
        listener,
        '--format',
        'json',
        '--fail-on',
        'critical',
        ...NOW,
      ]);
      const never = await runCliCaptured([
        'evaluate',
        listener,
        '--format',
        'json',
        '--fail-on',
        'none',
        ...NOW,
      ]);

      // Assess: the listener's worst finding is high
      const report = JSON.parse(byDefault.stdout) as Report;
      expect(report.summary.bySeverity.high).toBeGreaterThan(0);
      expect(report.summary.bySeverity.critical).toBe(0);
      expect([byDefault.code, high.code, critical.code, never.code]).toEqual([1, 1, 0, 0]);
      expect(critical.stdout).toBe(byDefault.stdout);
    });

    it('applies to the table and SARIF too', async () => {
      // Act
      const table = await runCliCaptured(['evaluate', listener, '--fail-on', 'critical']);
      const sarif = await runCliCaptured(['evaluate', listener, '--format', 'sarif', '--fail-on', 'high']);

      // Assess
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('elbv2-listener-tls-policy');
      expect(sarif.code).toBe(1);
    });

    it('exits 2 naming the flag and its values for a severity it does not know', async () => {
      // Act
      const result = await runCliCaptured(['evaluate', listener, '--fail-on', 'severe']);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        '--fail-on: "severe" is not one of info, low, medium, high, critical, none',
      );
    });
  });

  it('exits 3, not 0 or 2, when nothing was judged', async () => {
    // Prepare
    const empty = join(directory, 'empty.json');
    await writeFile(empty, '{"Listeners":[]}');

    // Act
    const result = await runCliCaptured(['evaluate', empty, '--fail-on', 'none']);

    // Assess
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('nothing to evaluate');
  });

  describe('outputs', () => {
    it('writes the --format output to --output instead of stdout', async () => {
      // Act
      const result = await runCliCaptured(
        ['evaluate', listener, '--format', 'json', '--output', 'out.json'],
        {
          cwd: directory,
        },
      );

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('wrote out.json');
      const report = JSON.parse(await readFile(join(directory, 'out.json'), 'utf8')) as Report;
      expect(report.summary.nonCompliant).toBeGreaterThan(0);
    });

    it('writes several formats in one run: the table on stdout, SARIF and JSON to files', async () => {
      // Act
      const result = await runCliCaptured(
        ['evaluate', listener, '--format', 'table', '--sarif', 'out.sarif', '--json', 'out.json', ...NOW],
        { cwd: directory },
      );

      // Assess
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('SEC09 KPIs');
      const sarif = JSON.parse(await readFile(join(directory, 'out.sarif'), 'utf8')) as { version: string };
      const json = JSON.parse(await readFile(join(directory, 'out.json'), 'utf8')) as Report;
      expect(sarif.version).toBe('2.1.0');
      expect(json.evaluatedAt).toBe('2026-12-01T00:00:00.000Z');
      expect(json.evaluations.some((e) => e.ruleId === 'elbv2-listener-tls-policy')).toBe(true);
      // Files never carry colors, even when stdout does.
      const colored = await runCliCaptured(['evaluate', listener, '--json', 'colored.json'], {
        cwd: directory,
        env: { FORCE_COLOR: '1' },
      });
      expect(colored.stdout).toContain(ANSI);
      expect(await readFile(join(directory, 'colored.json'), 'utf8')).not.toContain(ANSI);
    });

    it('exits 2 when two outputs name the same file, or a file cannot be written', async () => {
      // Act
      const twice = await runCliCaptured(['evaluate', listener, '--output', 'a.json', '--sarif', 'a.json'], {
        cwd: directory,
      });
      const unwritable = await runCliCaptured([
        'evaluate',
        listener,
        '--sarif',
        join(directory, 'no/such/dir.sarif'),
      ]);

      // Assess
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain('a.json: named by two output flags');
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toContain('--sarif');
      expect(unwritable.stderr).toContain('cannot write the report');
    });
  });

  describe('--account and --region', () => {
    it('name the account and region of inputs that name neither (VPN describe output), in JSON and Slack', async () => {
      // Act
      const without = await runCliCaptured(['evaluate', VPN, '--format', 'json', ...NOW]);
      const withDefaults = await runCliCaptured([
        'evaluate',
        VPN,
        '--format',
        'json',
        '--account',
        '444455556666',
        '--region',
        'eu-central-1',
        ...NOW,
      ]);
      const slack = await runCliCaptured([
        'evaluate',
        VPN,
        '--slack-preview',
        '--account',
        '444455556666',
        '--region',
        'eu-central-1',
        ...NOW,
      ]);

      // Assess
      const before = JSON.parse(without.stdout) as Report;
      const after = JSON.parse(withDefaults.stdout) as Report;
      expect(before.evaluations.some((e) => e.accountId === undefined || e.region === undefined)).toBe(true);
      expect(after.evaluations.length).toBe(before.evaluations.length);
      for (const evaluation of after.evaluations) {
        expect(evaluation.accountId).toBe('444455556666');
        expect(evaluation.region).toBe('eu-central-1');
      }
      expect(slack.stdout).toContain('444455556666');
      expect(slack.stdout).not.toContain('unknown');
    });

    it('keep what an input names itself', async () => {
      // Act: the listener's ARN names account 111122223333 and eu-west-1
      const result = await runCliCaptured([
        'evaluate',
        listener,
        '--format',
        'json',
        '--account',
        '444455556666',
        '--region',
        'eu-central-1',
      ]);

      // Assess
      const report = JSON.parse(result.stdout) as Report;
      for (const evaluation of report.evaluations) {
        expect(evaluation.accountId).toBe('111122223333');
        expect(evaluation.region).toBe('eu-west-1');
      }
    });

    it('exit 2 for an account id or region that is not one', async () => {
      // Act
      const account = await runCliCaptured(['evaluate', VPN, '--account', '1234']);
      const region = await runCliCaptured(['evaluate', VPN, '--region', 'Frankfurt']);

      // Assess
      expect(account.code).toBe(2);
      expect(account.stderr).toContain('--account: "1234" is not a 12-digit AWS account id');
      expect(region.code).toBe(2);
      expect(region.stderr).toContain('--region: "Frankfurt" is not an AWS region name');
    });
  });
});

describe('the table', () => {
  it('fits 80 columns for examples/account when stdout is not a terminal (and COLUMNS=80)', async () => {
    // Act
    const piped = await runCliCaptured(['evaluate', ACCOUNT, ...NOW]);
    const columns = await runCliCaptured(['evaluate', ACCOUNT, ...NOW], { env: { COLUMNS: '80' } });

    // Assess
    expect(piped.code).toBe(1);
    expect(longest(piped.stdout)).toBeLessThanOrEqual(80);
    expect(columns.stdout).toBe(piped.stdout);
    expect(piped.stdout).toMatch(/^SEVERITY {2}RULE/);
    expect(piped.stdout).toContain('SEC09 KPIs');
  });

  it("fits the terminal's width, and COLUMNS when stdout is not one", async () => {
    // Act
    const terminal = await runCliCaptured(['evaluate', ACCOUNT, ...NOW, '--no-color'], {
      isTTY: true,
      columns: 60,
    });
    const wider = await runCliCaptured(['evaluate', ACCOUNT, ...NOW], { env: { COLUMNS: '120' } });

    // Assess
    expect(longest(terminal.stdout)).toBeLessThanOrEqual(60);
    expect(longest(wider.stdout)).toBeLessThanOrEqual(120);
    expect(longest(wider.stdout)).toBeGreaterThan(80);
  });

  it('prints one line per finding with --wide, with every reason whole', async () => {
    // Act
    const wide = await runCliCaptured(['evaluate', ACCOUNT, ...NOW, '--wide', '--format', 'table']);
    const json = await runCliCaptured(['evaluate', ACCOUNT, ...NOW, '--format', 'json']);

    // Assess
    const report = JSON.parse(json.stdout) as Report;
    const findings = report.evaluations.filter((e) => e.status === 'NON_COMPLIANT');
    const lines = wide.stdout.split('\n');
    expect(lines[0]).toMatch(/^SEVERITY {2}RULE\s+RESOURCE\s+REASON \/ PLAN$/);
    for (const finding of findings) expect(lines.some((line) => line.includes(finding.reason))).toBe(true);
    expect(longest(wide.stdout)).toBeGreaterThan(80);
  });

  it('colors with FORCE_COLOR off a terminal, never with NO_COLOR or --no-color', async () => {
    // Act
    const forced = await runCliCaptured(['evaluate', ACCOUNT, ...NOW], { env: { FORCE_COLOR: '1' } });
    const zeroOnTerminal = await runCliCaptured(['evaluate', ACCOUNT, ...NOW], {
      isTTY: true,
      env: { FORCE_COLOR: '0' },
    });
    const noColor = await runCliCaptured(['evaluate', ACCOUNT, ...NOW], {
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    const flag = await runCliCaptured(['evaluate', ACCOUNT, ...NOW, '--no-color'], {
      env: { FORCE_COLOR: '1' },
    });

    // Assess
    expect(forced.stdout).toContain(ANSI);
    expect(zeroOnTerminal.stdout).toContain(ANSI);
    expect(noColor.stdout).not.toContain(ANSI);
    expect(flag.stdout).not.toContain(ANSI);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, indents continuation lines and cuts words longer than a line', () => {
    // Act
    const lines = wrapText(
      'in use by arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/mail-relay-clb: fails',
      30,
      4,
    );

    // Assess
    expect(lines).toEqual([
      'in use by',
      '    arn:aws:elasticloadbalanci',
      '    ng:eu-west-1:111122223333:',
      '    loadbalancer/mail-relay-cl',
      '    b: fails',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('keeps text that fits as it is', () => {
    // Act & Assess
    expect(wrapText('short enough', 80, 2)).toEqual(['short enough']);
    expect(wrapText('', 80, 2)).toEqual(['']);
  });
});

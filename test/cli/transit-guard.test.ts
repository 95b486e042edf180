/**
 * End to end: builds the CLI bundle with scripts/build-cli.mjs and runs `node dist/transit-guard.js` as a user
 * would, on fixtures written in AWS's own formats.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report/report.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = join(root, 'dist', 'transit-guard.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function transitGuard(args: string[], cwd = root): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bundle, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** `aws ec2 describe-vpn-connections` output: one connection whose tunnels keep AWS's defaults (IKEv1 allowed). */
const describeVpnConnections = {
  VpnConnections: [
    {
      VpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
      State: 'available',
      Type: 'ipsec.1',
      CustomerGatewayId: 'cgw-0e11f167abc123456',
      VpnGatewayId: 'vgw-9a4cacf3',
      Category: 'VPN',
      Options: {
        StaticRoutesOnly: false,
        TunnelOptions: [
          { OutsideIpAddress: '203.0.113.10', TunnelInsideCidr: '169.254.10.0/30' },
          { OutsideIpAddress: '203.0.113.20', TunnelInsideCidr: '169.254.11.0/30' },
        ],
      },
      VgwTelemetry: [
        { OutsideIpAddress: '203.0.113.10', Status: 'UP', StatusMessage: '', AcceptedRouteCount: 2 },
        { OutsideIpAddress: '203.0.113.20', Status: 'UP', StatusMessage: '', AcceptedRouteCount: 2 },
      ],
      Tags: [{ Key: 'Name', Value: 'branch-office' }],
    },
  ],
};

describe('transit-guard (built bundle)', () => {
  let directory: string;

  beforeAll(async () => {
    await run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-e2e-'));
    await writeFile(join(directory, 'vpn.json'), JSON.stringify(describeVpnConnections));
    await writeFile(join(directory, 'broken.json'), '{"VpnConnections": [');
  }, 60_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('is an executable node script', async () => {
    // Act
    const head = (await readFile(bundle, 'utf8')).split('\n')[0];
    const mode = (await stat(bundle)).mode;

    // Assess
    expect(head).toBe('#!/usr/bin/env node');
    expect(mode & 0o111).not.toBe(0);
  });

  it('evaluates a directory, lists the unreadable file and exits 1 for the weak VPN', async () => {
    // Act
    const result = await transitGuard(['evaluate', directory, '--format', 'json', '--now', '2026-11-22']);

    // Assess
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.evaluatedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(report.resources).toBe(1);
    expect(report.errors.map((error) => error.source).join(' ')).toContain('broken.json');
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: 'vpn-tunnel-ike-version',
        status: 'NON_COMPLIANT',
        resourceId: 'vpn-0a1b2c3d4e5f60718',
      }),
    );
    expect(result.stderr).toContain('broken.json');
  });

  it('prints the table with the summary, and exits 2 when every input is bad', async () => {
    // Act
    const table = await transitGuard(['evaluate', join(directory, 'vpn.json')]);
    const bad = await transitGuard(['evaluate', join(directory, 'broken.json')]);

    // Assess
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^HIGH\s+vpn-tunnel-ike-version\s+branch-office/m);
    expect(table.stdout).toContain('SEC09 KPIs');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('broken.json');
  });

  it('refuses /dev/zero and a FIFO without reading them, and says there is nothing to evaluate', async () => {
    // Prepare
    const fifo = join(directory, 'pipe.fifo');
    await run('mkfifo', [fifo]);

    // Act
    const result = await transitGuard(['evaluate', '/dev/zero', fifo]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'transit-guard: nothing to evaluate: no listener, classic load balancer, VPN connection, Direct Connect connection or LAG, ACM certificate, or API Gateway custom domain, REST API or stage in the inputs. Read:',
        '  - /dev/zero: no resource; cannot read the file: not a regular file (a device): not read',
        `  - ${fifo}: no resource; cannot read the file: not a regular file (a FIFO): not read`,
        '',
      ].join('\n'),
    );
  });

  it('checks the repository policy file and lists the rules', async () => {
    // Act
    const check = await transitGuard(['policy', 'check', 'transit-guard.policy.yml']);
    const rules = await transitGuard(['rules', '--format', 'json']);

    // Assess
    expect(check).toMatchObject({
      code: 0,
      stdout: 'transit-guard.policy.yml: valid (0 rule settings, 0 exemptions, dryRun true)\n',
    });
    expect(rules.code).toBe(0);
    expect((JSON.parse(rules.stdout) as { id: string }[]).map((rule) => rule.id)).toContain(
      'vpn-tunnel-ike-version',
    );
  });

  it('evaluates the example account that `npm start` shows without an input error', async () => {
    // Act
    const result = await transitGuard([
      'evaluate',
      'examples/account',
      '--format',
      'json',
      '--now',
      '2026-11-22',
    ]);

    // Assess
    const report = JSON.parse(result.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(report.resources).toBeGreaterThan(0);
    expect(result.code).toBe(report.summary.nonCompliant > 0 ? 1 : 0);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../shared/cli/io.js';
import { UsageError } from '../../../shared/cli/io.js';
import { runCommand } from '../../../shared/cli/program.js';

const runScp = (args: string[], io: CliIo) => runCommand(['scp', ...args], io);

import type { ServiceControlPolicy } from '../../../shared/infra/scp.js';
import { PolicyError } from '../../../shared/policy/load.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'tg-scp-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function scp(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runScp(args, {
    cwd,
    env: {},
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** The statements of every document printed, one minified document per line. */
function statementsOf(stdout: string): ServiceControlPolicy['Statement'] {
  return stdout
    .trimEnd()
    .split('\n')
    .flatMap((line) => (JSON.parse(line) as ServiceControlPolicy).Statement);
}

function deniedPolicies(statements: ServiceControlPolicy['Statement']): string[] {
  const statement = statements.find((s) => s.Sid === 'WeakSecurityPolicies');
  return (statement?.Condition['ForAnyValue:StringEquals']?.['elasticloadbalancing:SecurityPolicy'] ??
    []) as string[];
}

describe('runScp', () => {
  // The built-in defaults outgrew one document (5,120 characters) when VPC Lattice joined the tag guards.
  it('prints the minified SCP of the built-in defaults when there is no policy file, one document a line', async () => {
    // Act
    const run = await scp([]);

    // Assess
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(run.stderr).toMatch(new RegExp(`printed as ${lines.length} documents, one per line`));
    expect(run.stdout.endsWith('}\n')).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/\s/);
    const documents = lines.map((line) => JSON.parse(line) as ServiceControlPolicy);
    for (const document of documents) expect(document.Version).toBe('2012-10-17');
    expect(deniedPolicies(documents.flatMap((document) => document.Statement))).toContain(
      'ELBSecurityPolicy-2016-08',
    );
  });

  it('reads ./transit-guard.policy.yml by default and --policy when given', async () => {
    // Prepare
    await writeFile(join(cwd, 'transit-guard.policy.yml'), 'tls:\n  minimumVersion: TLSv1.3\n');
    await writeFile(
      join(cwd, 'wide.yml'),
      'tls:\n  allowedCipherClasses: [tls13, ecdhe-aead, ecdhe-cbc-sha2]\n',
    );

    // Act
    // A TLS 1.3 minimum denies so many security policies that the SCP may take more than one document.
    const byDefault = statementsOf((await scp([])).stdout);
    const named = statementsOf((await scp(['--policy', 'wide.yml'])).stdout);

    // Assess
    expect(deniedPolicies(byDefault)).toContain('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    expect(deniedPolicies(named)).not.toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  it('indents with --pretty and uses the exception tags given', async () => {
    // Act
    const run = await scp(['--pretty', '--principal-tag', 'ci:pipeline', '--resource-tag', 'web:redirect']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\n  "Statement": [');
    expect(run.stdout).toContain('"aws:PrincipalTag/ci:pipeline": "true"');
    expect(run.stdout).toContain('"aws:ResourceTag/web:redirect": "true"');
  });

  it('notes on stderr what the SCP cannot carry', async () => {
    // Prepare
    await writeFile(join(cwd, 'transit-guard.policy.yml'), 'tls:\n  tlsPassthroughPorts: [8443]\n');

    // Act
    const run = await scp([]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^note: tls\.tlsPassthroughPorts \(8443\)/);
  });

  it('splits an SCP over the AWS size limit into documents that each fit, one per line, and says so', async () => {
    // Prepare
    const strict = [
      'tls:',
      '  minimumVersion: TLSv1.3',
      '  allowedCipherClasses: [tls13]',
      'vpn:',
      '  allowedEncryptionAlgorithms: [AES256-GCM-16]',
      '  allowedIntegrityAlgorithms: [SHA2-512]',
      '  allowedDHGroups: [21]',
    ].join('\n');
    await writeFile(join(cwd, 'strict.yml'), `${strict}\n`);
    const longTag = `org:${'x'.repeat(120)}`;

    // Act
    const run = await scp(['--policy', 'strict.yml', '--resource-tag', longTag]);

    // Assess
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(5120);
      expect((JSON.parse(line) as ServiceControlPolicy).Version).toBe('2012-10-17');
    }
    const sids = lines.flatMap((line) =>
      (JSON.parse(line) as ServiceControlPolicy).Statement.map((s) => s.Sid),
    );
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids).toContain('VpnDefaultPhase1Encryption');
    expect(run.stderr).toMatch(new RegExp(`printed as ${lines.length} documents, one per line`));
  });

  it('prints its usage with --help', async () => {
    // Act
    const run = await scp(['--help']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: transit-guard scp/);
  });

  it('rejects arguments, invalid tag keys and unreadable policy files', async () => {
    // Act & Assess
    await expect(scp(['extra'])).rejects.toThrow(UsageError);
    await expect(scp(['--resource-tag', 'aws:reserved'])).rejects.toThrow(UsageError);
    await expect(scp(['--policy', 'missing.yml'])).rejects.toThrow(PolicyError);
  });
});

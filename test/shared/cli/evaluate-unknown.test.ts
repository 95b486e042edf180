/**
 * Unknown is never a pass, through `transit-guard evaluate` as a user runs it: describe output with an
 * unknown protocol, status or mode, or without the data a verdict needs, gives NON_COMPLIANT "cannot be
 * verified" (exit 1) or an input error naming the field, never COMPLIANT and never NOT_APPLICABLE.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report/report.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

const INPUTS = new URL('../../fixtures/inputs/', import.meta.url);

async function fixture(name: string): Promise<Record<string, unknown[]>> {
  return JSON.parse(await readFile(new URL(name, INPUTS), 'utf8')) as Record<string, unknown[]>;
}

async function evaluate(path: string): Promise<{ code: number; report: Report | undefined; stderr: string }> {
  const { code, stdout, stderr } = await runCliCaptured([
    'evaluate',
    path,
    '--format',
    'json',
    '--now',
    '2026-11-22T00:00:00Z',
  ]);
  return { code, report: stdout ? (JSON.parse(stdout) as Report) : undefined, stderr };
}

function fail(): never {
  throw new Error('evaluate printed no report');
}

describe('transit-guard evaluate with unknown or missing values', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-unknown-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const write = async (name: string, content: unknown) => {
    const path = join(directory, name);
    await writeFile(path, JSON.stringify(content));
    return path;
  };

  it('exits 1 for an ALB listener whose protocol is "HTTP " and never passes or skips it', async () => {
    // Prepare
    const output = await fixture('elbv2-describe-listeners.json');
    const listener = output.Listeners?.[1] as Record<string, unknown>;
    listener.Protocol = 'HTTP ';
    const file = await write('listeners.json', { Listeners: [listener] });

    // Act
    const { code, report = fail() } = await evaluate(file);

    // Assess
    expect(code).toBe(1);
    expect(report.evaluations.map((evaluation) => evaluation.status)).toEqual(
      report.evaluations.map(() => 'NON_COMPLIANT'),
    );
    expect(report.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: 'elbv2-listener-plaintext',
        reason:
          'Listener HTTP :80 has the protocol "HTTP ", which is not an ELBv2 listener protocol, so whether it serves plaintext cannot be verified.',
      }),
    );
  });

  it('reports an ALB listener without protocol as an input error naming the field', async () => {
    // Prepare
    const output = await fixture('elbv2-describe-listeners.json');
    const listener = output.Listeners?.[1] as Record<string, unknown>;
    delete listener.Protocol;
    const file = await write('listeners.json', { Listeners: [listener] });

    // Act
    const { code, report, stderr } = await evaluate(file);

    // Assess
    expect(code).toBe(2);
    expect(report?.evaluations ?? []).toEqual([]);
    expect(stderr).toContain(
      'elbv2 describe-listeners: Listeners[0].Protocol: missing (an Application Load Balancer listener always has a protocol); the listener is left out',
    );
  });

  it('exits 1 for a VPN connection whose describe output has no tunnel data', async () => {
    // Prepare
    const output = await fixture('ec2-describe-vpn-connections.json');
    const connection = output.VpnConnections?.[0] as Record<string, unknown>;
    delete connection.VgwTelemetry;
    delete (connection.Options as Record<string, unknown>).TunnelOptions;
    const file = await write('vpn.json', { VpnConnections: [connection] });

    // Act
    const { code, report = fail() } = await evaluate(file);

    // Assess
    expect(code).toBe(1);
    expect(
      Object.fromEntries(report.evaluations.map((evaluation) => [evaluation.ruleId, evaluation.status])),
    ).toEqual({
      'vpn-tunnel-ike-version': 'NON_COMPLIANT',
      'vpn-tunnel-weak-crypto': 'NON_COMPLIANT',
      'vpn-tunnel-negotiated-crypto': 'NOT_APPLICABLE',
      'vpn-tunnel-down': 'NON_COMPLIANT',
    });
    expect(
      report.evaluations.find((evaluation) => evaluation.ruleId === 'vpn-tunnel-ike-version')?.reason,
    ).toMatch(
      /: the input has no tunnel data \(no tunnel options, no VgwTelemetry\), so the IKE versions cannot be verified\.$/,
    );
  });

  it('exits 1 for a certificate whose status is "expired" in lower case', async () => {
    // Prepare
    const output = (await fixture('acm-describe-certificate.json')) as unknown as {
      Certificate: Record<string, unknown>;
    };
    output.Certificate.Status = 'expired';
    const file = await write('certificate.json', output);

    // Act
    const { code, report = fail() } = await evaluate(file);

    // Assess
    expect(code).toBe(1);
    const status = report.evaluations.find((evaluation) => evaluation.ruleId === 'acm-certificate-status');
    expect(status).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(status?.reason).toMatch(
      /has the status "expired", which is not an ACM certificate status, so whether it can still secure a connection cannot be verified\.$/,
    );
    expect(
      report.evaluations.filter((evaluation) => evaluation.status === 'COMPLIANT').map((e) => e.ruleId),
    ).not.toContain('acm-certificate-expiry');
  });

  it('exits 1 for a Direct Connect connection whose encryption mode is "MUST_ENCRYPT"', async () => {
    // Prepare
    const output = await fixture('directconnect-describe-connections.json');
    const connection = output.connections?.[0] as Record<string, unknown>;
    connection.encryptionMode = 'MUST_ENCRYPT';
    const file = await write('dx.json', { connections: [connection] });

    // Act
    const { code, report = fail() } = await evaluate(file);

    // Assess
    expect(code).toBe(1);
    expect(report.evaluations.map((evaluation) => [evaluation.ruleId, evaluation.status])).toEqual([
      ['dx-connection-macsec', 'NON_COMPLIANT'],
      ['dx-connection-macsec-fail-open', 'NON_COMPLIANT'],
      ['dx-connection-macsec-down', 'NON_COMPLIANT'],
    ]);
  });
});

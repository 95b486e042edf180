/**
 * tls.postQuantum through `transit-guard evaluate --format json` as a user runs it: describe output of ELBv2
 * listeners and classic load balancers, a policy file, and the JSON report's evaluations and KPIs.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report/report.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

const INPUTS = new URL('../../fixtures/inputs/', import.meta.url);
const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b3c4d5e6f7a8b';

async function fixture(name: string): Promise<Record<string, unknown[]>> {
  return JSON.parse(await readFile(new URL(name, INPUTS), 'utf8')) as Record<string, unknown[]>;
}

describe('transit-guard evaluate and tls.postQuantum', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-pq-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const write = async (name: string, content: unknown) => {
    const path = join(directory, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  /** Three HTTPS listeners of the fixture ALB, one per security policy, and a live DescribeSSLPolicies output. */
  async function listenersWith(policies: string[]): Promise<void> {
    const [https] = (await fixture('elbv2-describe-listeners.json')).Listeners as Record<string, unknown>[];
    await write('elbv2-describe-listeners.json', {
      Listeners: policies.map((SslPolicy, index) => ({
        ...https,
        ListenerArn: `${LISTENER_ARN}/00000000000000${index}`,
        Port: 443 + index,
        SslPolicy,
      })),
    });
    // A policy AWS might publish later: TLS 1.3 and a name the bundled key-exchange facts do not have.
    await write('elbv2-describe-ssl-policies.json', {
      SslPolicies: [
        {
          Name: 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
          SslProtocols: ['TLSv1.2', 'TLSv1.3'],
          Ciphers: [
            { Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 },
            { Name: 'ECDHE-RSA-AES128-GCM-SHA256', Priority: 2 },
          ],
          SupportedLoadBalancerTypes: ['application', 'network'],
        },
      ],
    });
  }

  async function evaluate(policy: string): Promise<{ code: number; report: Report }> {
    const policyFile = join(tmpdir(), `transit-guard-pq-${process.pid}-${Math.random()}.yml`);
    await writeFile(policyFile, policy);
    try {
      const { code, stdout, stderr } = await runCliCaptured([
        'evaluate',
        directory,
        '--policy',
        policyFile,
        '--format',
        'json',
        '--now',
        '2026-11-22T00:00:00Z',
      ]);
      if (!stdout) throw new Error(`evaluate printed no report: ${stderr}`);
      return { code, report: JSON.parse(stdout) as Report };
    } finally {
      await rm(policyFile, { force: true });
    }
  }

  const tlsPolicyOf = (report: Report, port: number) =>
    report.evaluations.find(
      (e) =>
        e.ruleId === 'elbv2-listener-tls-policy' && e.resourceId.endsWith(`/00000000000000${port - 443}`),
    );

  it('under require: fails a TLS 1.2+ policy without PQ, passes its PQ twin, and cannot verify an unknown key exchange', async () => {
    // Prepare
    await listenersWith([
      'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
    ]);

    // Act
    const { code, report } = await evaluate('tls:\n  postQuantum: require\n');

    // Assess
    expect(code).toBe(1);
    expect(tlsPolicyOf(report, 443)).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'Policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 accepts only TLSv1.2 and TLSv1.3, but it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires.',
      details: { postQuantum: false },
    });
    expect(tlsPolicyOf(report, 444)).toMatchObject({ status: 'COMPLIANT', details: { postQuantum: true } });
    const unknown = tlsPolicyOf(report, 445);
    expect(unknown?.status).toBe('NON_COMPLIANT');
    expect(unknown?.reason).toContain('cannot be verified, and tls.postQuantum requires it');
    expect(unknown?.details).not.toHaveProperty('postQuantum');
  });

  it('under report (the default): passes them all, notes nothing on passes, and counts the KPI from details.postQuantum', async () => {
    // Prepare
    await listenersWith([
      'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
    ]);

    // Act
    const { report } = await evaluate('{}\n');

    // Assess
    expect([443, 444, 445].map((port) => tlsPolicyOf(report, port)?.status)).toEqual([
      'COMPLIANT',
      'COMPLIANT',
      'COMPLIANT',
    ]);
    // The third listener's key exchange is unknown: it is left out, never counted as offering PQ.
    expect(report.summary.kpis.tlsEndpointsPostQuantum).toEqual({ compliant: 1, total: 2, percent: 50 });
  });

  it('under require: fails a classic listener on a TLS 1.2 policy (near miss of the default policy, which passes it)', async () => {
    // Prepare
    const output = await fixture('elb-describe-load-balancers.json');
    const [pay] = output.LoadBalancerDescriptions as Record<string, unknown>[];
    await write('elb-describe-load-balancers.json', {
      LoadBalancerDescriptions: [
        {
          ...pay,
          Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
          ListenerDescriptions: [
            {
              Listener: {
                Protocol: 'HTTPS',
                LoadBalancerPort: 443,
                InstanceProtocol: 'HTTP',
                InstancePort: 8080,
                SSLCertificateId:
                  'arn:aws:acm:eu-west-1:111122223333:certificate/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
              },
              PolicyNames: ['ELBSecurityPolicy-TLS-1-2-2017-01'],
            },
          ],
        },
      ],
    });

    // Act
    const required = await evaluate('tls:\n  postQuantum: require\n');
    const reported = await evaluate('{}\n');

    // Assess
    const verdict = (report: Report) =>
      report.evaluations.find((e) => e.ruleId === 'elb-listener-tls-policy');
    expect(verdict(required.report)).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'Listener HTTPS:443 (policy ELBSecurityPolicy-TLS-1-2-2017-01): it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires.',
      details: { postQuantum: false },
    });
    expect(verdict(reported.report)).toMatchObject({ status: 'COMPLIANT', details: { postQuantum: false } });
    expect(reported.report.summary.kpis.tlsEndpointsPostQuantum).toEqual({
      compliant: 0,
      total: 1,
      percent: 0,
    });
  });
});

/**
 * elb-listener-certificate-source through `transit-guard evaluate --format json`, in both input formats it reads:
 * DescribeLoadBalancers output (API / `aws elb describe-load-balancers`) and an AWS Config snapshot.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/', import.meta.url);
const IAM_CERTIFICATE = 'arn:aws:iam::111122223333:server-certificate/pay-2019';
const RULE = 'elb-listener-certificate-source';

async function fixture(name: string): Promise<Record<string, unknown[]>> {
  return JSON.parse(await readFile(new URL(name, INPUTS), 'utf8')) as Record<string, unknown[]>;
}

describe('transit-guard evaluate: elb-listener-certificate-source', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-cert-source-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(name: string, content: unknown): Promise<{ code: number; report: Report }> {
    const path = join(directory, name);
    await writeFile(path, JSON.stringify(content));
    const { code, stdout, stderr } = await runCliCaptured([
      'evaluate',
      path,
      '--format',
      'json',
      '--now',
      '2026-11-22T00:00:00Z',
    ]);
    if (!stdout) throw new Error(`evaluate printed no report: ${stderr}`);
    return { code, report: JSON.parse(stdout) as Report };
  }

  /** The fixture's pay-clb (HTTPS:443) with its listener's SSLCertificateId set, or removed when undefined. */
  async function describeWith(sslCertificateId: string | undefined) {
    const output = await fixture('elb-describe-load-balancers.json');
    const [pay] = output.LoadBalancerDescriptions as {
      ListenerDescriptions: { Listener: Record<string, unknown> }[];
    }[];
    const copy = structuredClone(pay) as NonNullable<typeof pay>;
    const listener = copy.ListenerDescriptions[0]?.Listener ?? {};
    if (sslCertificateId === undefined) delete listener.SSLCertificateId;
    else listener.SSLCertificateId = sslCertificateId;
    return { LoadBalancerDescriptions: [copy] };
  }

  const verdict = (report: Report) => report.evaluations.find((e) => e.ruleId === RULE);

  it('flags an IAM server certificate (describe-load-balancers)', async () => {
    // Act
    const { report } = await evaluate(
      'elb-describe-load-balancers.json',
      await describeWith(IAM_CERTIFICATE),
    );

    // Assess
    expect(verdict(report)).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'low',
      reason:
        'An IAM server certificate, not ACM, is on listener HTTPS:443 (IAM server certificate pay-2019).',
    });
  });

  it('passes the same listener with its ACM certificate (near miss)', async () => {
    // Prepare
    const acm = 'arn:aws:acm:eu-west-1:111122223333:certificate/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';

    // Act
    const { report } = await evaluate('elb-describe-load-balancers.json', await describeWith(acm));

    // Assess
    expect(verdict(report)?.status).toBe('COMPLIANT');
  });

  it('cannot verify the listener when the input has no SSLCertificateId, and exits 1', async () => {
    // Act
    const { code, report } = await evaluate(
      'elb-describe-load-balancers.json',
      await describeWith(undefined),
    );

    // Assess
    expect(code).toBe(1);
    expect(verdict(report)).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'Listener HTTPS:443 has no SSLCertificateId in the input, so where its certificate comes from cannot be verified.',
    });
  });

  it('reads the certificate from an AWS Config item (sslcertificateId) alike', async () => {
    // Prepare
    const snapshot = (await fixture('config-snapshot.json')) as {
      configurationItems: Record<string, unknown>[];
    };
    const item = structuredClone(
      snapshot.configurationItems.find((ci) => ci.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer'),
    ) as { configuration: { listenerDescriptions: { listener: Record<string, unknown> }[] } };
    const listener = item.configuration.listenerDescriptions[0]?.listener ?? {};
    listener.sslcertificateId = IAM_CERTIFICATE;

    // Act
    const { report } = await evaluate('config-snapshot.json', { configurationItems: [item] });

    // Assess
    expect(verdict(report)).toMatchObject({
      status: 'NON_COMPLIANT',
      details: { iamCertificates: [{ listener: 'HTTPS:443', sslCertificateId: IAM_CERTIFICATE }] },
    });
  });
});

/**
 * ACM through `transit-guard evaluate --format json`: a list-certificates summary of ARN and domain name only (the
 * shape older CLI output and recordings have, corpus E-awscli-acm-list-certificates) is not a pass on its own, and
 * is judged in full once describe-certificate output for the same ARN joins it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { evaluateDocuments } from '../../../helpers/run-cli.js';

const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SUMMARY = { CertificateSummaryList: [{ CertificateArn: ARN, DomainName: 'shop.example.com' }] };
const DESCRIBED = {
  Certificate: {
    CertificateArn: ARN,
    DomainName: 'shop.example.com',
    Status: 'ISSUED',
    Type: 'AMAZON_ISSUED',
    KeyAlgorithm: 'RSA_2048',
    SignatureAlgorithm: 'SHA256WITHRSA',
    NotBefore: '2026-06-01T00:00:00Z',
    NotAfter: '2027-06-30T23:59:59Z',
    InUseBy: [],
    RenewalEligibility: 'INELIGIBLE',
  },
};

describe('transit-guard evaluate: ACM list-certificates summaries without details', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-acm-cli-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('fails a summary of ARN and domain name only: its expiry cannot be verified', async () => {
    const run = await evaluateDocuments(directory, { list: SUMMARY });
    const report = JSON.parse(run.stdout) as Report;

    expect(run.code).toBe(1);
    expect(report.evaluations.find((e) => e.ruleId === 'acm-certificate-expiry')).toMatchObject({
      resourceId: ARN,
      status: 'NON_COMPLIANT',
      reason: expect.stringContaining('aws acm describe-certificate gives it'),
    });
  });

  it('judges the certificate by its describe-certificate output when both are given', async () => {
    const run = await evaluateDocuments(directory, { list: SUMMARY, describe: DESCRIBED });
    const report = JSON.parse(run.stdout) as Report;

    expect(run.code).toBe(0);
    expect(report.evaluations.find((e) => e.ruleId === 'acm-certificate-expiry')).toMatchObject({
      resourceId: ARN,
      status: 'COMPLIANT',
    });
  });
});

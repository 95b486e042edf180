/**
 * iam-server-certificate-expiry through `transit-guard evaluate --format json` as a user runs it, in each input
 * format the family reads (list-server-certificates, get-server-certificate with its PEM body): a failing
 * certificate, a compliant near miss and one that cannot be verified; "in use by" the listeners that serve it;
 * an unreadable body named by field; then `replay` of a CloudTrail UploadServerCertificate.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { replayAgainstInventory, runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/iam/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
type Json = any;
const getOutput = (): Json =>
  JSON.parse(readFileSync(new URL('get-server-certificate.json', INPUTS), 'utf8'));
const NOW = '2026-12-01T00:00:00Z';
const RULE = 'iam-server-certificate-expiry';
const ARN = 'arn:aws:iam::111122223333:server-certificate/legacy/legacy-api-2026';

type Edit = (metadata: Json, certificate: Json) => void;

function getWith(edit: Edit): Json {
  const document = getOutput();
  edit(document.ServerCertificate.ServerCertificateMetadata, document.ServerCertificate);
  return document;
}

function listWith(edit: Edit): Json {
  return { ServerCertificateMetadataList: [getWith(edit).ServerCertificate.ServerCertificateMetadata] };
}

const FORMATS: [string, (edit: Edit) => Json][] = [
  ['get-server-certificate', getWith],
  ['list-server-certificates', listWith],
];

describe('transit-guard evaluate on IAM server certificates', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-iam-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(...documents: Json[]) {
    const paths = await Promise.all(
      documents.map(async (document, index) => {
        const path = join(directory, `input-${index}.json`);
        await writeFile(path, JSON.stringify(document));
        return path;
      }),
    );
    const run = await runCliCaptured(['evaluate', ...paths, '--format', 'json', '--now', NOW], {
      cwd: directory,
    });
    const report = JSON.parse(run.stdout) as Report;
    return { code: run.code, report, verdict: report.evaluations.find((e) => e.ruleId === RULE) };
  }

  describe.each(FORMATS)('from %s output', (_format, documentWith) => {
    it('fails a certificate 30 days from Expiration, inside the 30-day threshold (exit 1)', async () => {
      // Act
      const { code, report, verdict } = await evaluate(
        documentWith((metadata) => {
          metadata.Expiration = '2026-12-31T12:00:00Z';
        }),
      );

      // Assess
      expect(code).toBe(1);
      expect(report.errors).toEqual([]);
      expect(verdict).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(verdict?.reason).toContain(
        'expires in 30 days (2026-12-31T12:00:00.000Z), inside the 30-day threshold',
      );
      expect(verdict?.reason).toContain('IAM will not renew it');
    });

    it('passes the near miss, 31 days from Expiration', async () => {
      // Act
      const { verdict } = await evaluate(
        documentWith((metadata) => {
          metadata.Expiration = '2027-01-01T12:00:00Z';
        }),
      );

      // Assess
      expect(verdict?.status).toBe('COMPLIANT');
    });

    it('cannot verify a certificate with no Expiration: NON_COMPLIANT, never a pass', async () => {
      // Act
      const { code, verdict } = await evaluate(
        documentWith((metadata, certificate) => {
          metadata.Expiration = undefined;
          certificate.CertificateBody = undefined;
        }),
      );

      // Assess
      expect(code).toBe(1);
      expect(verdict?.status).toBe('NON_COMPLIANT');
      expect(verdict?.reason).toContain('cannot be verified');
    });
  });

  it('takes the expiry from the PEM body when the metadata has no Expiration', async () => {
    // Act
    const { verdict, report } = await evaluate(
      getWith((metadata) => {
        metadata.Expiration = undefined;
      }),
    );

    // Assess
    expect(report.errors).toEqual([]);
    expect(verdict).toMatchObject({ status: 'COMPLIANT', details: { notAfter: '2029-05-25T21:43:56.000Z' } });
  });

  it('names an unreadable CertificateBody and still judges the metadata (nothing lost)', async () => {
    // Act
    const { report, verdict } = await evaluate(
      getWith((_metadata, certificate) => {
        certificate.CertificateBody = '-----BEGIN CERTIFICATE-----\nMIIEXAMPLE\n-----END CERTIFICATE-----';
      }),
    );

    // Assess
    expect(report.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('ServerCertificate.CertificateBody: not a PEM X.509 certificate'),
    ]);
    expect(verdict?.status).toBe('COMPLIANT');
  });

  it('raises the severity for a certificate a listener serves: high, and critical once expired', async () => {
    // Prepare: an ELBv2 HTTPS listener serving the IAM certificate (DescribeListeners output).
    const listener = {
      Listeners: [
        {
          ListenerArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/legacy-api/0b1c2d3e4f5a6b7c/3c4d5e6f70819203',
          LoadBalancerArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/legacy-api/0b1c2d3e4f5a6b7c',
          Port: 443,
          Protocol: 'HTTPS',
          SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          Certificates: [{ CertificateArn: ARN }],
          DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
        },
      ],
    };
    const expiring = listWith((metadata) => {
      metadata.Expiration = '2026-12-15T00:00:00Z';
    });
    const expired = listWith((metadata) => {
      metadata.Expiration = '2026-11-15T00:00:00Z';
    });

    // Act
    const alone = await evaluate(expired);
    const served = await evaluate(expiring, listener);
    const servedExpired = await evaluate(expired, listener);

    // Assess
    expect(alone.verdict).toMatchObject({ severity: 'medium', details: { inUse: false } });
    expect(served.verdict).toMatchObject({ severity: 'high', details: { inUse: true } });
    expect(servedExpired.verdict).toMatchObject({
      severity: 'critical',
      details: { inUseBy: [listener.Listeners[0]?.ListenerArn] },
    });
    expect(servedExpired.verdict?.reason).toContain('clients get certificate errors');
    expect(servedExpired.report.summary.kpis.iamServerCertificatesExpiring).toEqual({
      count: 1,
      withinDays: 30,
    });
  });
});

describe('transit-guard evaluate on an IAM server certificate a CloudFront distribution serves', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-iam-cloudfront-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** A get-distribution output serving the IAM certificate `id` (ViewerCertificate.IAMCertificateId). */
  function distributionServing(id: string): Json {
    const document = JSON.parse(
      readFileSync(
        new URL('../../../fixtures/inputs/cloudfront/get-distribution-near-miss.json', import.meta.url),
        'utf8',
      ),
    );
    document.Distribution.DistributionConfig.ViewerCertificate = {
      CloudFrontDefaultCertificate: false,
      IAMCertificateId: id,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      CertificateSource: 'iam',
    };
    return document;
  }

  async function verdictOf(...documents: Json[]) {
    const paths = await Promise.all(
      documents.map(async (document, index) => {
        const path = join(directory, `input-${index}.json`);
        await writeFile(path, JSON.stringify(document));
        return path;
      }),
    );
    const run = await runCliCaptured(['evaluate', ...paths, '--format', 'json', '--now', NOW], {
      cwd: directory,
    });
    return (JSON.parse(run.stdout) as Report).evaluations.find((e) => e.ruleId === RULE);
  }

  it('names the distribution that serves it by ServerCertificateId: critical once expired', async () => {
    // Prepare: the certificate (ServerCertificateId ASCARZ4EXAMPLEQ7KD3LM) expired; a distribution serves it.
    const expired = listWith((metadata) => {
      metadata.Expiration = '2026-11-15T00:00:00Z';
    });
    const distribution = distributionServing('ASCARZ4EXAMPLEQ7KD3LM');

    // Act
    const verdict = await verdictOf(expired, distribution);

    // Assess
    expect(verdict).toMatchObject({
      severity: 'critical',
      details: { inUse: true, inUseBy: [distribution.Distribution.ARN] },
    });
    expect(verdict?.reason).toContain(`still served by ${distribution.Distribution.ARN}`);
  });

  it('keeps it medium when the distribution serves another IAM certificate', async () => {
    const expired = listWith((metadata) => {
      metadata.Expiration = '2026-11-15T00:00:00Z';
    });

    const verdict = await verdictOf(expired, distributionServing('ASCAOTHEREXAMPLE7KD3LM'));

    expect(verdict).toMatchObject({ severity: 'medium', details: { inUse: false } });
  });
});

describe('transit-guard replay of an IAM UploadServerCertificate', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-iam-replay-'));
    await mkdir(join(directory, 'inventory'));
    await writeFile(
      join(directory, 'inventory', 'certificates.json'),
      JSON.stringify({
        ServerCertificateMetadataList: [
          { ...getOutput().ServerCertificate.ServerCertificateMetadata, Expiration: '2026-12-20T00:00:00Z' },
          {
            ServerCertificateName: 'other-2029',
            Arn: 'arn:aws:iam::111122223333:server-certificate/other-2029',
            Expiration: '2026-12-02T00:00:00Z',
          },
        ],
      }),
    );
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges only the certificate the call uploaded, from the inventory', async () => {
    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-iam-upload-server-certificate.json', EVENTS).pathname,
      NOW,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    expect(run.code).toBe(1);
    expect(report.evaluations.map((e) => [e.resourceId, e.ruleId, e.status])).toEqual([
      ['legacy-api-2026', RULE, 'NON_COMPLIANT'],
    ]);
  });
});

describe('transit-guard evaluate on AWS Config items of IAM server certificates', () => {
  // The fixture body's NotAfter; the Config item (CloudFormation properties) has no Expiration of its own.
  const NOT_AFTER = Date.parse('2029-05-25T21:43:56Z');
  const DAY = 86_400_000;
  const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIsecretEXAMPLEkeyMaterial\n-----END PRIVATE KEY-----';
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-iam-config-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** The fixture certificate as a Config item of a snapshot; `edit` changes its configuration. */
  function snapshotWith(edit: (configuration: Json) => void = () => {}): Json {
    const got = getOutput().ServerCertificate;
    const configuration: Json = {
      ServerCertificateName: got.ServerCertificateMetadata.ServerCertificateName,
      Path: got.ServerCertificateMetadata.Path,
      Arn: ARN,
      CertificateBody: got.CertificateBody,
      Tags: got.Tags,
    };
    edit(configuration);
    return {
      fileVersion: '1.0',
      configSnapshotId: '4c5d6e7f-8091-4a2b-9c3d-4e5f60718293',
      configurationItems: [
        {
          relatedEvents: [],
          relationships: [],
          configuration,
          supplementaryConfiguration: {},
          tags: {},
          configurationItemVersion: '1.3',
          configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
          awsAccountId: '111122223333',
          configurationItemStatus: 'OK',
          resourceType: 'AWS::IAM::ServerCertificate',
          resourceId: got.ServerCertificateMetadata.ServerCertificateId,
          resourceName: got.ServerCertificateMetadata.ServerCertificateName,
          ARN,
          awsRegion: 'global',
        },
      ],
    };
  }

  async function evaluate(now: number, ...documents: Json[]) {
    const paths = await Promise.all(
      documents.map(async (document, index) => {
        const path = join(directory, `input-${index}.json`);
        await writeFile(path, JSON.stringify(document));
        return path;
      }),
    );
    const run = await runCliCaptured(
      ['evaluate', ...paths, '--format', 'json', '--now', new Date(now).toISOString()],
      { cwd: directory },
    );
    const report = JSON.parse(run.stdout) as Report;
    const verdicts = report.evaluations.filter((e) => e.ruleId === RULE);
    return { code: run.code, stdout: run.stdout, report, verdicts, verdict: verdicts[0] };
  }

  it('fails a certificate whose PEM body expires in 30 days, named by its name (exit 1)', async () => {
    // Act
    const { code, report, verdict } = await evaluate(NOT_AFTER - 30 * DAY, snapshotWith());

    // Assess
    expect(code).toBe(1);
    expect(report.errors).toEqual([]);
    expect(verdict).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'medium',
      resourceId: 'legacy-api-2026',
    });
    expect(verdict?.reason).toContain(
      'expires in 30 days (2029-05-25T21:43:56.000Z), inside the 30-day threshold',
    );
  });

  it('fails an expired certificate', async () => {
    // Act
    const { verdict } = await evaluate(NOT_AFTER + 5 * DAY, snapshotWith());

    // Assess
    expect(verdict?.status).toBe('NON_COMPLIANT');
    expect(verdict?.reason).toContain('expired');
  });

  it('passes the near miss, 31 days before the PEM NotAfter', async () => {
    // Act
    const { verdict } = await evaluate(NOT_AFTER - 31 * DAY, snapshotWith());

    // Assess
    expect(verdict).toMatchObject({ status: 'COMPLIANT', details: { notAfter: '2029-05-25T21:43:56.000Z' } });
  });

  it('cannot verify an item with no CertificateBody, naming what the item lacks: NON_COMPLIANT', async () => {
    // Act
    const { code, verdict } = await evaluate(
      NOT_AFTER - 31 * DAY,
      snapshotWith((configuration) => {
        configuration.CertificateBody = undefined;
      }),
    );

    // Assess
    expect(code).toBe(1);
    expect(verdict?.status).toBe('NON_COMPLIANT');
    expect(verdict?.reason).toContain(
      'comes from an AWS Config item with no readable CertificateBody and no Expiration (add aws iam list-server-certificates), so its expiry cannot be verified',
    );
  });

  it('merges with a list-server-certificates output of the same certificate: one verdict, its Expiration', async () => {
    // Act
    const { verdicts } = await evaluate(
      NOT_AFTER - 31 * DAY,
      snapshotWith((configuration) => {
        configuration.CertificateBody = undefined;
      }),
      listWith((metadata) => {
        metadata.Expiration = '2029-05-10T00:00:00Z';
      }),
    );

    // Assess
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ status: 'NON_COMPLIANT', resourceId: 'legacy-api-2026' });
    expect(verdicts[0]?.reason).toContain('2029-05-10T00:00:00.000Z');
  });

  it('drops a PrivateKey in the item: it reaches no output', async () => {
    // Act
    const { stdout, report, verdict } = await evaluate(
      NOT_AFTER - 30 * DAY,
      snapshotWith((configuration) => {
        configuration.PrivateKey = PRIVATE_KEY;
      }),
    );
    const text = await runCliCaptured(
      ['evaluate', join(directory, 'input-0.json'), '--now', new Date(NOT_AFTER - 30 * DAY).toISOString()],
      { cwd: directory },
    );

    // Assess
    expect(verdict?.status).toBe('NON_COMPLIANT');
    expect(report.errors).toEqual([]);
    expect(stdout).not.toContain('MIIsecret');
    expect(text.stdout + text.stderr).not.toContain('MIIsecret');
  });
});

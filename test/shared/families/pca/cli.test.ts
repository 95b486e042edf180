/**
 * The Private CA rules through `transit-guard evaluate --format json` as a user runs it, in each input format the
 * family reads (describe-certificate-authority, and the same CA inside list-certificate-authorities): for each
 * rule a failing CA, a compliant near miss and one that cannot be verified; "in use by" the ACM certificates it
 * issued; then `replay` of a CloudTrail UpdateCertificateAuthority against an inventory.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { replayAgainstInventory, runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/pca/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
type Json = any;
const describeOutput = (): Json =>
  JSON.parse(readFileSync(new URL('describe-certificate-authority.json', INPUTS), 'utf8'));
const NOW = '2026-12-01T00:00:00Z';
const CA =
  'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

type Edit = (authority: Json) => void;

/** The CA of the fixture with `edit` applied, as describe-certificate-authority prints it. */
function describeWith(edit: Edit): Json {
  const document = describeOutput();
  edit(document.CertificateAuthority);
  return document;
}

/** The same CA as list-certificate-authorities prints it (whole CertificateAuthority objects). */
function listWith(edit: Edit): Json {
  return { CertificateAuthorities: [describeWith(edit).CertificateAuthority] };
}

const FORMATS: [string, (edit: Edit) => Json][] = [
  ['describe-certificate-authority', describeWith],
  ['list-certificate-authorities', listWith],
];

/** Per rule: the failing edit and what its reason says, the near miss, the edit it cannot verify. */
const CASES: [string, Edit, string, Edit, Edit][] = [
  [
    'pca-authority-strength',
    (ca) => {
      ca.CertificateAuthorityConfiguration.KeyAlgorithm = 'SM2';
      ca.CertificateAuthorityConfiguration.SigningAlgorithm = 'SM3WITHSM2';
    },
    'key algorithm SM2, which the policy does not allow',
    // The weakest pair the default policy allows.
    (ca) => {
      ca.CertificateAuthorityConfiguration.KeyAlgorithm = 'RSA_2048';
      ca.CertificateAuthorityConfiguration.SigningAlgorithm = 'SHA256WITHRSA';
    },
    // RSA_1024 is an ACM key algorithm, never a Private CA one.
    (ca) => {
      ca.CertificateAuthorityConfiguration.KeyAlgorithm = 'RSA_1024';
    },
  ],
  [
    'pca-authority-expiry',
    // 364 days before NotAfter: inside the 365-day authority threshold.
    (ca) => {
      ca.NotAfter = '2027-11-30T12:00:00Z';
    },
    'expires in 364 days (2027-11-30T12:00:00.000Z), inside the 365-day threshold',
    (ca) => {
      ca.NotAfter = '2027-12-03T00:00:00Z';
    },
    (ca) => {
      ca.NotAfter = undefined;
    },
  ],
  [
    'pca-authority-revocation',
    (ca) => {
      ca.RevocationConfiguration = {
        CrlConfiguration: { Enabled: false },
        OcspConfiguration: { Enabled: false },
      };
    },
    'enables neither a CRL nor OCSP',
    (ca) => {
      ca.RevocationConfiguration = {
        CrlConfiguration: { Enabled: false },
        OcspConfiguration: { Enabled: true },
      };
    },
    (ca) => {
      ca.RevocationConfiguration = undefined;
    },
  ],
];

describe('transit-guard evaluate on Private CAs', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-pca-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(documents: Json[], extra: string[] = []) {
    const paths = await Promise.all(
      documents.map(async (document, index) => {
        const path = join(directory, `input-${index}.json`);
        await writeFile(path, JSON.stringify(document));
        return path;
      }),
    );
    const run = await runCliCaptured(['evaluate', ...paths, '--format', 'json', '--now', NOW, ...extra], {
      cwd: directory,
    });
    const report = JSON.parse(run.stdout) as Report;
    return { code: run.code, report };
  }

  const verdictOf = (report: Report, ruleId: string) => report.evaluations.find((e) => e.ruleId === ruleId);

  describe.each(FORMATS)('from %s output', (_format, documentWith) => {
    describe.each(CASES)('%s', (ruleId, failing, said, nearMiss, unknown) => {
      it('fails, saying why (exit 1)', async () => {
        // Act
        const { code, report } = await evaluate([documentWith(failing)]);

        // Assess
        expect(code).toBe(1);
        expect(report.errors).toEqual([]);
        expect(verdictOf(report, ruleId)?.status).toBe('NON_COMPLIANT');
        expect(verdictOf(report, ruleId)?.reason).toContain(said);
        expect(verdictOf(report, ruleId)?.reason).not.toContain('cannot be verified');
      });

      it('passes the near miss', async () => {
        // Act
        const { report } = await evaluate([documentWith(nearMiss)]);

        // Assess
        expect(verdictOf(report, ruleId)?.status).toBe('COMPLIANT');
      });

      it('cannot verify a missing or unknown value: NON_COMPLIANT, never a pass', async () => {
        // Act
        const { code, report } = await evaluate([documentWith(unknown)]);

        // Assess
        expect(code).toBe(1);
        expect(verdictOf(report, ruleId)?.status).toBe('NON_COMPLIANT');
        expect(verdictOf(report, ruleId)?.reason).toContain('cannot be verified');
      });
    });
  });

  it.each(['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'])(
    'passes a post-quantum %s CA under the default policy, and fails it when the allow list leaves it out',
    async (level) => {
      // Prepare
      const mlDsa = describeWith((ca) => {
        ca.CertificateAuthorityConfiguration.KeyAlgorithm = level;
        ca.CertificateAuthorityConfiguration.SigningAlgorithm = level;
      });
      const policy = join(directory, 'classical.policy.yml');
      await writeFile(policy, 'certificates:\n  allowedKeyAlgorithms: [RSA_2048, EC_prime256v1]\n');

      // Act
      const byDefault = await evaluate([mlDsa]);
      const classical = await evaluate([mlDsa], ['--policy', policy]);

      // Assess
      expect(verdictOf(byDefault.report, 'pca-authority-strength')).toMatchObject({
        status: 'COMPLIANT',
        details: { keyAlgorithm: level, signingAlgorithm: level, hashes: [] },
      });
      expect(verdictOf(classical.report, 'pca-authority-strength')).toMatchObject({
        status: 'NON_COMPLIANT',
        reason: expect.stringContaining(
          `key algorithm ${level}, which the policy does not allow (allowed: RSA_2048, EC_prime256v1)`,
        ),
      });
    },
  );

  it('fails an SM2 CA by default (a national algorithm stays opt-in), and passes it once the policy allows SM2', async () => {
    // Prepare
    const sm2 = describeWith((ca) => {
      ca.CertificateAuthorityConfiguration.KeyAlgorithm = 'SM2';
      ca.CertificateAuthorityConfiguration.SigningAlgorithm = 'SM3WITHSM2';
    });
    const policy = join(directory, 'sm2.policy.yml');
    await writeFile(policy, 'certificates:\n  allowedKeyAlgorithms: [RSA_2048, SM2]\n');

    // Act
    const byDefault = await evaluate([sm2]);
    const allowed = await evaluate([sm2], ['--policy', policy]);

    // Assess
    expect(verdictOf(byDefault.report, 'pca-authority-strength')).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringContaining(
        'key algorithm SM2, which the policy does not allow (allowed: RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1, ML_DSA_44, ML_DSA_65, ML_DSA_87)',
      ),
    });
    expect(verdictOf(allowed.report, 'pca-authority-strength')?.status).toBe('COMPLIANT');
  });

  it('warns a year ahead by default, and as many days as certificates.authorityExpiryDays says', async () => {
    // Prepare: 400 days before NotAfter.
    const later = describeWith((ca) => {
      ca.NotAfter = '2028-01-05T00:00:00Z';
    });
    const policy = join(directory, 'authority.policy.yml');
    await writeFile(policy, 'certificates:\n  authorityExpiryDays: 730\n');

    // Act
    const byDefault = await evaluate([later]);
    const longer = await evaluate([later], ['--policy', policy]);

    // Assess
    expect(verdictOf(byDefault.report, 'pca-authority-expiry')?.status).toBe('COMPLIANT');
    expect(verdictOf(longer.report, 'pca-authority-expiry')?.status).toBe('NON_COMPLIANT');
    expect(longer.report.summary.kpis.privateCaCertificatesExpiring).toEqual({ count: 1, withinDays: 730 });
  });

  it('does not judge the revocation of a short-lived certificate CA', async () => {
    // Act
    const { report } = await evaluate([
      describeWith((ca) => {
        ca.UsageMode = 'SHORT_LIVED_CERTIFICATE';
        ca.RevocationConfiguration = undefined;
      }),
    ]);

    // Assess
    expect(verdictOf(report, 'pca-authority-revocation')?.status).toBe('NOT_APPLICABLE');
  });

  it('raises the severity when the inputs show ACM certificates the CA issued', async () => {
    // Prepare: an expired CA with no revocation, and a private ACM certificate it issued.
    const expired = describeWith((ca) => {
      ca.Status = 'EXPIRED';
      ca.NotAfter = '2026-11-01T00:00:00Z';
      ca.RevocationConfiguration = {
        CrlConfiguration: { Enabled: false },
        OcspConfiguration: { Enabled: false },
      };
    });
    const issued = {
      Certificate: {
        CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
        DomainName: 'intranet.corp.example.com',
        Type: 'PRIVATE',
        Status: 'ISSUED',
        CertificateAuthorityArn: CA,
        NotAfter: '2027-06-01T00:00:00Z',
        KeyAlgorithm: 'EC-prime256v1',
        InUseBy: [],
      },
    };

    // Act
    const alone = await evaluate([expired]);
    const withIssued = await evaluate([expired, issued]);

    // Assess
    expect(verdictOf(alone.report, 'pca-authority-expiry')?.severity).toBe('high');
    expect(verdictOf(withIssued.report, 'pca-authority-expiry')).toMatchObject({
      severity: 'critical',
      details: { issuedCertificates: 1 },
    });
    expect(verdictOf(withIssued.report, 'pca-authority-expiry')?.reason).toContain(
      '1 ACM certificate it issued',
    );
  });

  it('raises the revocation finding to high when the inputs show ACM certificates the CA issued', async () => {
    // Prepare
    const active = describeWith((ca) => {
      ca.RevocationConfiguration = {
        CrlConfiguration: { Enabled: false },
        OcspConfiguration: { Enabled: false },
      };
    });
    const issued = {
      Certificate: {
        CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
        Type: 'PRIVATE',
        Status: 'ISSUED',
        CertificateAuthorityArn: CA,
      },
    };

    // Act
    const alone = await evaluate([active]);
    const withIssued = await evaluate([active, issued]);

    // Assess
    expect(verdictOf(alone.report, 'pca-authority-revocation')?.severity).toBe('medium');
    expect(verdictOf(withIssued.report, 'pca-authority-revocation')).toMatchObject({
      severity: 'high',
      details: { issuedCertificates: 1 },
    });
  });

  it('names the field of a CA whose ARN is not a Private CA ARN, and judges nothing from it', async () => {
    // Act
    const { report } = await evaluate([
      describeWith((ca) => {
        ca.Arn = 'arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
      }),
      {
        Certificate: {
          CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1a',
          Status: 'ISSUED',
        },
      },
    ]);

    // Assess
    expect(report.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('CertificateAuthority.Arn: expected a Private CA ARN'),
    ]);
    expect(report.evaluations.filter((e) => e.ruleId.startsWith('pca-'))).toEqual([]);
  });

  describe('from an AWS Config item (configuration: the CloudFormation properties, no Status nor NotAfter)', () => {
    /** The fixture CA as a Config item of a snapshot; `edit` changes its configuration. */
    function snapshotWith(edit: (configuration: Json) => void, asText = false): Json {
      const ca = describeOutput().CertificateAuthority;
      const configuration: Json = {
        Arn: ca.Arn,
        Type: ca.Type,
        KeyAlgorithm: ca.CertificateAuthorityConfiguration.KeyAlgorithm,
        SigningAlgorithm: ca.CertificateAuthorityConfiguration.SigningAlgorithm,
        Subject: ca.CertificateAuthorityConfiguration.Subject,
        RevocationConfiguration: ca.RevocationConfiguration,
        KeyStorageSecurityStandard: ca.KeyStorageSecurityStandard,
        UsageMode: ca.UsageMode,
      };
      edit(configuration);
      return {
        fileVersion: '1.0',
        configSnapshotId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
        configurationItems: [
          {
            relatedEvents: [],
            relationships: [],
            configuration: asText ? JSON.stringify(configuration) : configuration,
            supplementaryConfiguration: {},
            tags: {},
            configurationItemVersion: '1.3',
            configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
            awsAccountId: '111122223333',
            configurationItemStatus: 'OK',
            resourceType: 'AWS::ACMPCA::CertificateAuthority',
            resourceId: CA,
            ARN: CA,
            awsRegion: 'eu-west-1',
          },
        ],
      };
    }

    it('fails an SM2 key and a CA with neither CRL nor OCSP, saying the item records no Status', async () => {
      // Act
      const { code, report } = await evaluate([
        snapshotWith((configuration) => {
          configuration.KeyAlgorithm = 'SM2';
          configuration.SigningAlgorithm = 'SM3WITHSM2';
          configuration.RevocationConfiguration = {
            CrlConfiguration: { Enabled: false },
            OcspConfiguration: { Enabled: false },
          };
        }),
      ]);

      // Assess
      expect(code).toBe(1);
      expect(report.errors).toEqual([]);
      expect(verdictOf(report, 'pca-authority-strength')).toMatchObject({
        status: 'NON_COMPLIANT',
        resourceId: CA,
      });
      expect(verdictOf(report, 'pca-authority-strength')?.reason).toContain(
        'key algorithm SM2, which the policy does not allow',
      );
      expect(verdictOf(report, 'pca-authority-revocation')?.status).toBe('NON_COMPLIANT');
      expect(verdictOf(report, 'pca-authority-revocation')?.reason).toContain(
        'enables neither a CRL nor OCSP',
      );
      expect(verdictOf(report, 'pca-authority-revocation')?.reason).toContain(
        'Its AWS Config item records no Status: judged as an ACTIVE CA.',
      );
    });

    it('passes the near miss (RSA_2048 with SHA256WITHRSA, OCSP only), even with configuration as JSON text', async () => {
      // Act
      const { report } = await evaluate([
        snapshotWith((configuration) => {
          configuration.KeyAlgorithm = 'RSA_2048';
          configuration.SigningAlgorithm = 'SHA256WITHRSA';
          configuration.RevocationConfiguration = {
            CrlConfiguration: { Enabled: false },
            OcspConfiguration: { Enabled: true },
          };
        }, true),
      ]);

      // Assess
      expect(report.errors).toEqual([]);
      expect(verdictOf(report, 'pca-authority-strength')?.status).toBe('COMPLIANT');
      expect(verdictOf(report, 'pca-authority-revocation')?.status).toBe('COMPLIANT');
    });

    it('cannot verify its expiry (the item has no NotAfter) nor an unknown key algorithm or absent revocation', async () => {
      // Act
      const { code, report } = await evaluate([
        snapshotWith((configuration) => {
          configuration.KeyAlgorithm = 'RSA_1024';
          configuration.RevocationConfiguration = undefined;
        }),
      ]);

      // Assess
      expect(code).toBe(1);
      for (const ruleId of ['pca-authority-strength', 'pca-authority-expiry', 'pca-authority-revocation']) {
        expect(verdictOf(report, ruleId)?.status).toBe('NON_COMPLIANT');
        expect(verdictOf(report, ruleId)?.reason).toContain('cannot be verified');
      }
      expect(verdictOf(report, 'pca-authority-expiry')?.reason).toContain(
        'is known from an AWS Config item, which records no NotAfter',
      );
    });

    it('judges its expiry once describe-certificate-authority of the same CA is beside it (the records merge)', async () => {
      // Act
      const { report } = await evaluate([
        snapshotWith(() => {}),
        describeWith((ca) => {
          ca.NotAfter = '2027-11-30T12:00:00Z';
        }),
      ]);

      // Assess
      expect(report.errors).toEqual([]);
      expect(report.evaluations.filter((e) => e.ruleId === 'pca-authority-expiry')).toHaveLength(1);
      expect(verdictOf(report, 'pca-authority-expiry')?.status).toBe('NON_COMPLIANT');
      expect(verdictOf(report, 'pca-authority-expiry')?.reason).toContain('expires in 364 days');
    });

    it('names the item whose ARN is not a Private CA ARN', async () => {
      // Prepare
      const document = snapshotWith(() => {});
      const [item] = document.configurationItems;
      item.ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
      item.resourceId = item.ARN;
      item.configuration.Arn = undefined;

      // Act: an ACM certificate beside it, so that something is left to evaluate.
      const { report } = await evaluate([
        document,
        {
          Certificate: {
            CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/1a',
            Status: 'ISSUED',
          },
        },
      ]);

      // Assess
      expect(report.evaluations.filter((e) => e.ruleId.startsWith('pca-'))).toEqual([]);
      expect(report.errors.map((e) => e.message).join('\n')).toContain(
        'expected the item to name a Private CA ARN',
      );
    });
  });
});

describe('transit-guard replay of a Private CA UpdateCertificateAuthority', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-pca-replay-'));
    await mkdir(join(directory, 'inventory'));
    const disabledRevocation = describeOutput();
    disabledRevocation.CertificateAuthority.RevocationConfiguration = {
      CrlConfiguration: { Enabled: false },
      OcspConfiguration: { Enabled: false },
    };
    await writeFile(join(directory, 'inventory', 'ca.json'), JSON.stringify(disabledRevocation));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges the CA the call changed, from the inventory', async () => {
    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-acm-pca-update-certificate-authority.json', EVENTS).pathname,
      NOW,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    expect(run.code).toBe(1);
    expect(report.evaluations.map((e) => [e.resourceId, e.ruleId, e.status])).toEqual([
      [CA, 'pca-authority-strength', 'COMPLIANT'],
      [CA, 'pca-authority-expiry', 'COMPLIANT'],
      [CA, 'pca-authority-revocation', 'NON_COMPLIANT'],
    ]);
  });
});

/**
 * The iot-* rules through the CLI (`evaluate --format json`), per input format (describe-certificate,
 * describe-ca-certificate, list-certificates, describe-domain-configuration, AWS Config items): a failing case, a
 * compliant near-miss and a case that cannot be verified; private keys refused; replay of one CloudTrail call.
 * Inputs are written here in AWS's output shapes around the certificates of test/fixtures/inputs/iot/.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocuments, runCliCaptured } from '../../../helpers/run-cli.js';

const pem = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/inputs/iot/${name}`, import.meta.url)), 'utf8');
const event = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/events/cloudtrail-iot-${name}.json`, import.meta.url));

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
/** evaluateDocuments judges at 2026-11-22. */
const DAY = 86_400;
const NOW_S = Date.parse('2026-11-22T00:00:00Z') / 1000;
const ID = (digit: string) => digit.repeat(64);
const CERT_ARN = (id: string) => `arn:aws:iot:${REGION}:${ACCOUNT}:cert/${id}`;
const CA_ARN = (id: string) => `arn:aws:iot:${REGION}:${ACCOUNT}:cacert/${id}`;
const DOMAIN_ARN = (name: string) => `arn:aws:iot:${REGION}:${ACCOUNT}:domainconfiguration/${name}/ab12c`;

interface Evaluation {
  ruleId: string;
  resourceId: string;
  status: string;
  severity: string;
  reason: string;
  details?: Record<string, unknown>;
  response?: { mode: string; status: string; target?: string; calls?: unknown[]; note?: string };
}
interface Report {
  evaluations: Evaluation[];
  errors: { message: string }[];
}

/** A describe-certificate output (API_DescribeCertificate.html), with list-principal-things' `things` when given. */
function describeCertificate(id: string, fields: Record<string, unknown>, things?: string[]) {
  return {
    certificateDescription: {
      certificateArn: CERT_ARN(id),
      certificateId: id,
      status: 'ACTIVE',
      ownedBy: ACCOUNT,
      creationDate: NOW_S - 400 * DAY,
      certificateMode: 'DEFAULT',
      ...fields,
    },
    ...(things ? { things } : {}),
  };
}

function describeCa(id: string, status: string, certificatePem = pem('ca-rsa2048-sha256.pem')) {
  return {
    certificateDescription: {
      certificateArn: CA_ARN(id),
      certificateId: id,
      status,
      certificatePem,
      autoRegistrationStatus: 'DISABLE',
      certificateMode: 'DEFAULT',
    },
  };
}

function describeDomain(name: string, tlsConfig?: Record<string, unknown>, region = REGION) {
  return {
    domainConfigurationName: name,
    domainConfigurationArn: DOMAIN_ARN(name).replace(REGION, region),
    domainName: `${name}.devices.example.com`,
    domainConfigurationStatus: 'ENABLED',
    serviceType: 'DATA',
    domainType: 'CUSTOMER_MANAGED',
    ...(tlsConfig ? { tlsConfig } : {}),
  };
}

async function evaluate(
  documents: Record<string, unknown>,
  policy?: string,
  warnings: string[] = [],
): Promise<Report> {
  const directory = await mkdtemp(join(tmpdir(), 'tg-iot-'));
  const run = await evaluateDocuments(directory, documents, policy);
  expect(
    run.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^warning: \S+: /, '')),
  ).toEqual(warnings);
  return JSON.parse(run.stdout) as Report;
}

function find(report: Report, ruleId: string, resourceId: string): Evaluation {
  const found = report.evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId);
  if (!found)
    throw new Error(
      `no ${ruleId} on ${resourceId}: ${JSON.stringify(report.evaluations.map((e) => [e.ruleId, e.resourceId]))}`,
    );
  return found;
}

describe('iot-certificate-expiry through the CLI', () => {
  it('describe-certificate: fails one expiring in 5 days at high, attached to a Greengrass core device', async () => {
    // Act
    const report = await evaluate({
      cert: describeCertificate(
        ID('a'),
        { validity: { notBefore: NOW_S - 360 * DAY, notAfter: NOW_S + 5 * DAY + 60 } },
        ['gg-core-lyon'],
      ),
      cores: { coreDevices: [{ coreDeviceThingName: 'gg-core-lyon', status: 'HEALTHY' }] },
    });

    // Assess
    const evaluation = find(report, 'iot-certificate-expiry', CERT_ARN(ID('a')));
    expect(evaluation).toMatchObject({ status: 'NON_COMPLIANT', severity: 'high' });
    expect(evaluation.reason).toContain('expires in 5 days');
    expect(evaluation.reason).toContain('attached to thing gg-core-lyon (Greengrass core device)');
    expect(evaluation.details).toMatchObject({
      daysToExpiry: 5,
      things: ['gg-core-lyon'],
      coreDevices: ['gg-core-lyon'],
      inUse: true,
    });
  });

  it('describe-certificate: medium at 20 days when no thing is attached, critical once expired while attached', async () => {
    // Act
    const report = await evaluate({
      soon: describeCertificate(ID('b'), { validity: { notAfter: NOW_S + 20 * DAY + 60 } }, []),
      gone: describeCertificate(ID('c'), { validity: { notAfter: NOW_S - 2 * DAY } }, ['meter-9']),
    });

    // Assess
    expect(find(report, 'iot-certificate-expiry', CERT_ARN(ID('b')))).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'medium',
    });
    const expired = find(report, 'iot-certificate-expiry', CERT_ARN(ID('c')));
    expect(expired).toMatchObject({ status: 'NON_COMPLIANT', severity: 'critical' });
    expect(expired.reason).toContain('expired 2 days ago');
  });

  it('describe-certificate: passes one 31 days out (the 30-day threshold is a near miss), from the PEM when validity is absent', async () => {
    // Act: the EC certificate's PEM ends 2026-12-10, 18 days after now: inside.
    const report = await evaluate({
      near: describeCertificate(ID('d'), { validity: { notAfter: NOW_S + 31 * DAY + 60 } }),
      pemOnly: describeCertificate(ID('e'), { certificatePem: pem('ec-p256-sha256.pem') }),
    });

    // Assess
    expect(find(report, 'iot-certificate-expiry', CERT_ARN(ID('d')))).toMatchObject({ status: 'COMPLIANT' });
    expect(find(report, 'iot-certificate-expiry', CERT_ARN(ID('e')))).toMatchObject({
      status: 'NON_COMPLIANT',
      details: { notAfter: '2026-12-10T00:00:00.000Z' },
    });
  });

  it('cannot verify an ACTIVE certificate without validity whose PEM does not parse; an unknown status neither', async () => {
    // Act
    const report = await evaluate({
      broken: describeCertificate(ID('f'), {
        certificatePem: '-----BEGIN CERTIFICATE-----\nMIIEXAMPLE\n-----END CERTIFICATE-----\n',
      }),
      odd: describeCertificate(ID('0'), { status: 'active', validity: { notAfter: NOW_S + 400 * DAY } }),
    });

    // Assess
    const broken = find(report, 'iot-certificate-expiry', CERT_ARN(ID('f')));
    expect(broken).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(broken.reason).toContain('could not be read');
    expect(broken.reason).toContain('cannot be verified');
    expect(find(report, 'iot-certificate-expiry', CERT_ARN(ID('0'))).reason).toContain(
      '"active" is not an AWS IoT certificate status',
    );
  });

  it('list-certificates: a summary has no validity, so it is not applicable (describe-certificate has it)', async () => {
    // Act
    const report = await evaluate({
      list: {
        certificates: [
          {
            certificateArn: CERT_ARN(ID('1')),
            certificateId: ID('1'),
            status: 'ACTIVE',
            certificateMode: 'DEFAULT',
            creationDate: NOW_S,
          },
        ],
      },
    });

    // Assess
    expect(find(report, 'iot-certificate-expiry', CERT_ARN(ID('1')))).toMatchObject({
      status: 'NOT_APPLICABLE',
    });
  });
});

describe('iot-certificate-strength through the CLI', () => {
  it('fails RSA-1024 signed with SHA-1, passes RSA-2048/SHA-256 and EC P-256, cannot verify Ed25519', async () => {
    // Act
    const report = await evaluate({
      weak: describeCertificate(ID('2'), { certificatePem: pem('rsa1024-sha1.pem') }),
      rsa: describeCertificate(ID('3'), { certificatePem: pem('rsa2048-sha256.pem') }),
      ec: describeCertificate(ID('4'), { status: 'INACTIVE', certificatePem: pem('ec-p256-sha256.pem') }),
      ed: describeCertificate(ID('5'), { certificatePem: pem('ed25519.pem') }),
    });

    // Assess
    const weak = find(report, 'iot-certificate-strength', CERT_ARN(ID('2')));
    expect(weak).toMatchObject({ status: 'NON_COMPLIANT', severity: 'high' });
    expect(weak.reason).toContain('RSA_1024');
    expect(weak.reason).toContain('SHA1WITHRSA, whose hash SHA1 the policy forbids');
    expect(find(report, 'iot-certificate-strength', CERT_ARN(ID('3')))).toMatchObject({
      status: 'COMPLIANT',
      details: {
        keyAlgorithm: 'RSA_2048',
        signatureAlgorithm: 'SHA256WITHRSA',
        // The default also allows the Private CA-only ML-DSA levels; a device certificate's finding lists none.
        allowedKeyAlgorithms: [
          'RSA_2048',
          'RSA_3072',
          'RSA_4096',
          'EC_prime256v1',
          'EC_secp384r1',
          'EC_secp521r1',
        ],
      },
    });
    expect(find(report, 'iot-certificate-strength', CERT_ARN(ID('4')))).toMatchObject({
      status: 'COMPLIANT',
      details: { keyAlgorithm: 'EC_prime256v1' },
    });
    const ed = find(report, 'iot-certificate-strength', CERT_ARN(ID('5')));
    expect(ed.status).toBe('NON_COMPLIANT');
    expect(ed.reason).toContain('cannot be verified');
  });

  it('allows RSA-1024 and SHA-1 when the policy does (the near miss is the policy, not the certificate)', async () => {
    // Act
    const report = await evaluate(
      { weak: describeCertificate(ID('2'), { certificatePem: pem('rsa1024-sha1.pem') }) },
      'certificates:\n  allowedKeyAlgorithms: [RSA_1024, RSA_2048]\n  forbiddenSignatureHashes: [MD5]\n',
    );

    // Assess
    expect(find(report, 'iot-certificate-strength', CERT_ARN(ID('2')))).toMatchObject({
      status: 'COMPLIANT',
    });
  });

  it('describe-ca-certificate and a Config item of AWS::IoT::CACertificate: judges the CA from its PEM', async () => {
    // Act
    const report = await evaluate({
      ca: describeCa(ID('6'), 'INACTIVE', pem('rsa1024-sha1.pem')),
      config: {
        configurationItems: [
          {
            configurationItemCaptureTime: '2026-11-20T10:00:00.000Z',
            configurationItemStatus: 'OK',
            resourceType: 'AWS::IoT::CACertificate',
            resourceId: ID('7'),
            ARN: CA_ARN(ID('7')),
            awsAccountId: ACCOUNT,
            awsRegion: REGION,
            configuration: {
              Id: ID('7'),
              Arn: CA_ARN(ID('7')),
              Status: 'ACTIVE',
              CertificateMode: 'DEFAULT',
              CACertificatePem: pem('ca-rsa2048-sha256.pem'),
            },
          },
        ],
      },
    });

    // Assess
    expect(find(report, 'iot-certificate-strength', CA_ARN(ID('6')))).toMatchObject({
      status: 'NON_COMPLIANT',
    });
    expect(find(report, 'iot-certificate-strength', CA_ARN(ID('7')))).toMatchObject({
      status: 'COMPLIANT',
      details: { keyAlgorithm: 'RSA_2048' },
    });
  });
});

describe('iot-certificate-status through the CLI', () => {
  it('fails an ACTIVE certificate under an INACTIVE CA, passes one under an ACTIVE CA, cannot verify a CA not given', async () => {
    // Act
    const report = await evaluate({
      underInactive: describeCertificate(ID('8'), { caCertificateId: ID('6') }, ['meter-1']),
      underActive: describeCertificate(ID('9'), { caCertificateId: ID('7') }),
      unknownCa: describeCertificate(ID('a'), { caCertificateId: ID('b') }),
      inactiveCa: describeCa(ID('6'), 'INACTIVE'),
      activeCa: describeCa(ID('7'), 'ACTIVE'),
    });

    // Assess
    const failing = find(report, 'iot-certificate-status', CERT_ARN(ID('8')));
    expect(failing).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { caStatus: 'INACTIVE' },
    });
    expect(failing.reason).toContain('attached to thing meter-1');
    expect(find(report, 'iot-certificate-status', CERT_ARN(ID('9')))).toMatchObject({ status: 'COMPLIANT' });
    const unknown = find(report, 'iot-certificate-status', CERT_ARN(ID('a')));
    expect(unknown.status).toBe('NON_COMPLIANT');
    expect(unknown.reason).toContain('not in the inputs');
  });

  it('fails a REVOKED certificate still attached, passes one detached, cannot verify a REVOKED summary', async () => {
    // Act
    const report = await evaluate({
      attached: describeCertificate(ID('c'), { status: 'REVOKED' }, ['meter-2']),
      detached: describeCertificate(ID('d'), { status: 'REVOKED' }, []),
      list: {
        certificates: [{ certificateArn: CERT_ARN(ID('e')), certificateId: ID('e'), status: 'REVOKED' }],
      },
    });

    // Assess
    expect(find(report, 'iot-certificate-status', CERT_ARN(ID('c')))).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringContaining('still attached to thing meter-2'),
    });
    expect(find(report, 'iot-certificate-status', CERT_ARN(ID('d')))).toMatchObject({ status: 'COMPLIANT' });
    const summary = find(report, 'iot-certificate-status', CERT_ARN(ID('e')));
    expect(summary.status).toBe('NON_COMPLIANT');
    expect(summary.reason).toContain('cannot be verified');
  });
});

describe('iot-domain-tls-policy through the CLI', () => {
  it('describe-domain-configuration: fails the default TLS13_1_2 policy for its CBC and static-RSA suites; under the default policy remediate moves nothing and says why', async () => {
    // Act
    const report = await evaluate(
      { domain: describeDomain('fleet', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }) },
      'rules:\n  iot-domain-tls-policy:\n    mode: remediate\n',
    );

    // Assess
    const evaluation = find(report, 'iot-domain-tls-policy', DOMAIN_ARN('fleet'));
    expect(evaluation).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { postQuantum: false },
    });
    expect(evaluation.reason).toContain('AES128-SHA');
    expect(evaluation.reason).toContain('Post-quantum key exchange: not offered.');
    expect(evaluation.reason).toContain('would cut off devices without it');
    expect(evaluation.response).toMatchObject({ mode: 'remediate', status: 'notify' });
    expect(evaluation.response?.calls).toBeUndefined();
    expect(evaluation.response?.note).toContain('name it in iot.targetSecurityPolicy');
  });

  it('with iot.targetSecurityPolicy naming TLS13_1_3, remediate plans it as a dry run', async () => {
    // Act
    const report = await evaluate(
      { domain: describeDomain('fleet', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }) },
      'iot:\n  targetSecurityPolicy: IoTSecurityPolicy_TLS13_1_3_2022_10\nrules:\n  iot-domain-tls-policy:\n    mode: remediate\n',
    );

    // Assess
    const evaluation = find(report, 'iot-domain-tls-policy', DOMAIN_ARN('fleet'));
    expect(evaluation.status).toBe('NON_COMPLIANT');
    expect(evaluation.response).toEqual({
      mode: 'remediate',
      status: 'dry-run',
      action: 'set-iot-tls-policy',
      target: 'IoTSecurityPolicy_TLS13_1_3_2022_10',
      calls: [
        {
          service: 'iot',
          command: 'UpdateDomainConfiguration',
          input: {
            domainConfigurationName: 'fleet',
            tlsConfig: { securityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' },
          },
        },
      ],
      note: 'dry run: planned, not executed',
    });
  });

  it('refuses a policy file whose iot.targetSecurityPolicy the rule would fail: evaluate and policy check name the field', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'tg-iot-'));
    const policy = 'iot:\n  targetSecurityPolicy: IoTSecurityPolicy_TLS13_1_2_2022_10\n';
    await writeFile(join(directory, 'target.yml'), policy);

    // Act
    const evaluated = await evaluateDocuments(
      directory,
      { domain: describeDomain('fleet', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }) },
      policy,
    );
    const checked = await runCliCaptured(['policy', 'check', 'target.yml'], { cwd: directory });

    // Assess
    expect(evaluated.code).toBe(2);
    expect(evaluated.stdout).toBe('');
    for (const run of [evaluated, checked]) {
      expect(run.stderr).toContain(
        'iot.targetSecurityPolicy: IoTSecurityPolicy_TLS13_1_2_2022_10 fails rule iot-domain-tls-policy',
      );
    }
    expect(checked.code).toBe(2);
  });

  it('passes TLS13_1_3, and TLS13_1_2 under a policy that allows its cipher classes (near miss)', async () => {
    // Act
    const strict = await evaluate({
      domain: describeDomain('fleet', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' }),
    });
    const lenient = await evaluate(
      { domain: describeDomain('fleet', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }) },
      'tls:\n  allowedCipherClasses: [tls13, ecdhe-aead, ecdhe-cbc-sha2, ecdhe-cbc-sha1, rsa-aead, rsa-cbc]\n',
    );

    // Assess
    expect(find(strict, 'iot-domain-tls-policy', DOMAIN_ARN('fleet'))).toMatchObject({ status: 'COMPLIANT' });
    expect(find(lenient, 'iot-domain-tls-policy', DOMAIN_ARN('fleet'))).toMatchObject({
      status: 'COMPLIANT',
    });
  });

  it('cannot verify a domain without tlsConfig or with a policy name the data lacks, and plans nothing', async () => {
    // Act
    const report = await evaluate(
      {
        none: describeDomain('older'),
        unknown: describeDomain('future', { securityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2030_01' }),
      },
      'rules:\n  iot-domain-tls-policy:\n    mode: remediate\n',
    );

    // Assess
    for (const name of ['older', 'future']) {
      const evaluation = find(report, 'iot-domain-tls-policy', DOMAIN_ARN(name));
      expect(evaluation.status).toBe('NON_COMPLIANT');
      expect(evaluation.reason).toContain('cannot be verified');
      expect(evaluation.response?.calls).toBeUndefined();
    }
  });

  it('in GovCloud, where TLS13_1_3 is not offered, names no target', async () => {
    // Act
    const report = await evaluate({
      domain: describeDomain(
        'gov',
        { securityPolicy: 'IoTSecurityPolicy_TLS13_1_2_2022_01' },
        'us-gov-west-1',
      ),
    });

    // Assess
    const evaluation = report.evaluations.find((e) => e.ruleId === 'iot-domain-tls-policy');
    expect(evaluation).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(evaluation?.response?.calls).toBeUndefined();
    expect(evaluation?.reason).toContain('no AWS IoT security policy offered in us-gov-west-1 passes');
  });

  it('a Config item of AWS::IoT::DomainConfiguration (CloudFormation spelling) is judged the same way', async () => {
    // Act
    const report = await evaluate({
      config: {
        configurationItems: [
          {
            configurationItemCaptureTime: '2026-11-20T10:00:00.000Z',
            configurationItemStatus: 'OK',
            resourceType: 'AWS::IoT::DomainConfiguration',
            resourceId: 'fleet',
            ARN: DOMAIN_ARN('fleet'),
            awsAccountId: ACCOUNT,
            awsRegion: REGION,
            configuration: {
              DomainConfigurationName: 'fleet',
              DomainConfigurationStatus: 'ENABLED',
              TlsConfig: { SecurityPolicy: 'IoTSecurityPolicy_TLS12_1_0_2015_01' },
            },
          },
        ],
      },
    });

    // Assess
    const evaluation = find(report, 'iot-domain-tls-policy', DOMAIN_ARN('fleet'));
    expect(evaluation.status).toBe('NON_COMPLIANT');
    expect(evaluation.details?.weakCiphers).toContainEqual({
      name: 'DHE-RSA-AES256-SHA',
      cipherClass: 'dhe-cbc',
    });
  });
});

describe('private keys', () => {
  const PRIVATE = 'TRANSIT-GUARD-TEST-PRIVATE-KEY-MUST-NEVER-BE-PRINTED';
  const KEY_PAIR = {
    PublicKey: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n',
    PrivateKey: `-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE}\n-----END RSA PRIVATE KEY-----\n`,
  };

  it('refuses create-keys-and-certificate output and a describe output carrying a key pair, printing nothing of the key', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'tg-iot-key-'));
    await writeFile(
      join(directory, 'created.json'),
      JSON.stringify({
        certificateArn: CERT_ARN(ID('f')),
        certificateId: ID('f'),
        certificatePem: pem('rsa2048-sha256.pem'),
        keyPair: KEY_PAIR,
      }),
    );
    await writeFile(
      join(directory, 'joined.json'),
      JSON.stringify({
        ...describeCertificate(ID('e'), { certificatePem: pem('rsa2048-sha256.pem') }),
        keyPair: KEY_PAIR,
      }),
    );

    // Act
    const runs = await Promise.all(
      ['json', 'table', 'sarif'].map((format) =>
        runCliCaptured(['evaluate', directory, '--format', format, '--now', '2026-11-22T00:00:00Z']),
      ),
    );

    // Assess
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(PRIVATE);
      expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY');
    }
    const [json] = runs;
    expect(json?.stderr).toContain(
      'joined.json: no resource; iot describe-certificate: carries a private key',
    );
    expect(json?.stderr).toContain('created.json: no resource; not a recognized input');
    expect(json?.stderr).toContain(
      'found an object with the keys certificateArn, certificateId, certificatePem, keyPair',
    );
    expect(json?.stdout).not.toContain(CERT_ARN(ID('e')));
  });
});

describe('list-certificates streams', () => {
  it('reads every summary of a list a record at a time, reporting an entry that is not an object', async () => {
    // Prepare
    const documents = {
      list: {
        certificates: [
          { certificateArn: CERT_ARN(ID('1')), certificateId: ID('1'), status: 'ACTIVE' },
          'not an object',
          { certificateArn: CERT_ARN(ID('2')), status: 'REVOKED' },
          { certificateId: ID('3'), status: 'ACTIVE' },
        ],
        nextMarker: 'AAEC',
      },
    };
    const problems = [
      'iot list-certificates: certificates[1]: expected an object; the entry is left out',
      'iot list-certificates: certificates[3].certificateArn: missing; the certificate is left out',
    ];

    // Act
    const report = await evaluate(documents, undefined, problems);

    // Assess: the id comes from the ARN when absent; a record without an ARN is left out and named.
    expect(
      report.evaluations.filter((e) => e.ruleId === 'iot-certificate-status').map((e) => e.resourceId),
    ).toEqual([CERT_ARN(ID('1')), CERT_ARN(ID('2'))]);
    expect(report.errors.map((error) => error.message)).toEqual(problems);
  });
});

describe('account and region', () => {
  it('takes each certificate’s account and region from its own ARN, in any partition', async () => {
    // Prepare
    const cn = (account: string, digit: string) => `arn:aws-cn:iot:cn-north-1:${account}:cert/${ID(digit)}`;

    // Act
    const report = (await evaluate({
      list: {
        certificates: [
          { certificateArn: cn('111122223333', '1'), status: 'REVOKED' },
          { certificateArn: cn('444455556666', '2'), status: 'REVOKED' },
          { certificateArn: CERT_ARN(ID('3')), status: 'REVOKED' },
        ],
      },
    })) as unknown as { evaluations: { resourceId: string; accountId: string; region: string }[] };

    // Assess
    const scopes = new Map(report.evaluations.map((e) => [e.resourceId, `${e.accountId} ${e.region}`]));
    expect([...scopes.values()]).toEqual([
      '111122223333 cn-north-1',
      '444455556666 cn-north-1',
      `${ACCOUNT} ${REGION}`,
    ]);
  });
});

describe('replay', () => {
  it('replays UpdateDomainConfiguration against an inventory: the named domain configuration is judged', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'tg-iot-replay-'));
    await writeFile(
      join(directory, 'domain.json'),
      JSON.stringify(
        describeDomain('legacy-meters', { securityPolicy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' }),
      ),
    );

    // Act
    const run = await runCliCaptured([
      'replay',
      event('update-domain-configuration'),
      '--inventory',
      directory,
      '--format',
      'json',
      '--now',
      '2026-11-22T00:00:00Z',
    ]);

    // Assess
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as Report;
    expect(output.evaluations.map((e) => [e.ruleId, e.status])).toEqual([
      ['iot-domain-tls-policy', 'NON_COMPLIANT'],
    ]);
  });
});

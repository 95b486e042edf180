import { describe, expect, it } from 'vitest';
import { AsffInputError, asffFindings, renderAsff } from '../../../shared/report/asff.js';
import { buildReport, type Report } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

function report(evaluations = accountEvaluations(), evaluatedAt = '2026-11-22T00:00:00Z'): Report {
  return buildReport({ evaluatedAt, resources: 11, evaluations, errors: [] });
}

/** The required top-level attributes (https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html). */
const REQUIRED = [
  'AwsAccountId',
  'CreatedAt',
  'Description',
  'GeneratorId',
  'Id',
  'ProductArn',
  'Resources',
  'SchemaVersion',
  'Severity',
  'Title',
  'Types',
  'UpdatedAt',
];

describe('asffFindings', () => {
  it('gives every finding the required ASFF attributes, one finding per judged evaluation', () => {
    // Act
    const findings = asffFindings(report(), RULES);

    // Assess
    expect(findings).toHaveLength(accountEvaluations().filter((e) => e.status !== 'NOT_APPLICABLE').length);
    for (const finding of findings) {
      const record = finding as unknown as Record<string, unknown>;
      expect(REQUIRED.filter((key) => record[key] === undefined || record[key] === '')).toEqual([]);
      expect(finding.SchemaVersion).toBe('2018-10-08');
      expect(finding.ProductArn).toBe(
        'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
      );
      expect(finding.Types.every((type) => type.split('/').length <= 3)).toBe(true);
      expect(finding.Resources).toHaveLength(1);
    }
  });

  it('maps a NON_COMPLIANT evaluation to a FAILED, NEW, ACTIVE finding with its severity and the fix', () => {
    // Act
    const finding = asffFindings(report(), RULES).find(
      (f) => f.Resources[0]?.Id === RESOURCE_IDS.expiringCertificate,
    );

    // Assess
    const rule = RULES.find((r) => r.metadata.id === 'acm-certificate-expiry')?.metadata;
    expect(finding).toMatchObject({
      Id: `transit-guard/111122223333/eu-west-1/acm-certificate-expiry|${RESOURCE_IDS.expiringCertificate}`,
      GeneratorId: 'transit-guard/acm-certificate-expiry',
      AwsAccountId: '111122223333',
      CreatedAt: '2026-11-22T00:00:00.000Z',
      UpdatedAt: '2026-11-22T00:00:00.000Z',
      Severity: { Label: 'CRITICAL', Original: 'critical' },
      Title: `${rule?.title}: pay.example.com`,
      Description: 'Certificate for pay.example.com expired 2 days ago and is in use.',
      Remediation: { Recommendation: { Text: rule?.remediation.guidance, Url: rule?.references[0] } },
      Resources: [
        {
          Type: 'AwsCertificateManagerCertificate',
          Id: RESOURCE_IDS.expiringCertificate,
          Partition: 'aws',
          Region: 'eu-west-1',
        },
      ],
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
    });
    expect(finding?.Compliance.RelatedRequirements).toContain('AWS Security Hub ACM.1');
  });

  it('maps a COMPLIANT evaluation to a PASSED, RESOLVED finding with the same Id a failure would have', () => {
    // Prepare
    const failing = accountEvaluations().map((e) =>
      e.resourceId === RESOURCE_IDS.validCertificate ? { ...e, status: 'NON_COMPLIANT' as const } : e,
    );

    // Act
    const passed = asffFindings(report(), RULES).find(
      (f) => f.Resources[0]?.Id === RESOURCE_IDS.validCertificate,
    );
    const failed = asffFindings(report(failing), RULES).find(
      (f) => f.Resources[0]?.Id === RESOURCE_IDS.validCertificate,
    );

    // Assess
    expect(passed).toMatchObject({
      Compliance: { Status: 'PASSED' },
      Workflow: { Status: 'RESOLVED' },
      RecordState: 'ACTIVE',
    });
    expect(failed?.Id).toBe(passed?.Id);
  });

  it('keeps each Id across runs and unique within one', () => {
    // Act
    const ids = (r: Report) => asffFindings(r, RULES).map((f) => f.Id);

    // Assess
    expect(ids(report(accountEvaluations(), '2027-03-01T00:00:00Z'))).toEqual(ids(report()));
    expect(new Set(ids(report())).size).toBe(ids(report()).length);
  });

  it('types a resource ASFF has no type for as Other, and reads the partition from the ARN', () => {
    // Prepare
    const [listener] = accountEvaluations().filter((e) => e.status === 'NON_COMPLIANT');
    if (!listener) throw new Error('no finding');
    const china = {
      ...listener,
      resourceId: 'arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:listener/app/a/b/c',
      region: 'cn-north-1',
    };

    // Act
    const [finding] = asffFindings(report([china]), RULES);

    // Assess
    expect(finding?.Resources).toEqual([
      { Type: 'Other', Id: china.resourceId, Partition: 'aws-cn', Region: 'cn-north-1' },
    ]);
  });

  it('cuts a title and a description to the lengths Security Hub takes', () => {
    // Prepare
    const [first] = accountEvaluations().filter((e) => e.status === 'NON_COMPLIANT');
    if (!first) throw new Error('no finding');
    const long = { ...first, resourceName: 'n'.repeat(300), reason: 'r'.repeat(2000) };

    // Act
    const [finding] = asffFindings(report([long]), RULES);

    // Assess
    expect(finding?.Title).toHaveLength(256);
    expect(finding?.Description).toHaveLength(1024);
    expect(finding?.Description.endsWith('…')).toBe(true);
  });

  it('refuses a finding without an account, naming it and the field, unless the account is given', () => {
    // Prepare: a VPN describe output names neither account nor region
    const vpn = accountEvaluations().find(
      (e) => e.resourceId === RESOURCE_IDS.weakVpn && e.status === 'NON_COMPLIANT',
    );
    if (!vpn) throw new Error('no VPN finding');
    const { accountId: _account, region: _region, ...bare } = vpn;

    // Act
    const refused = () => asffFindings(report([bare]), RULES);
    const given = asffFindings(report([bare]), RULES, { accountId: '444455556666', region: 'us-east-2' });

    // Assess
    expect(refused).toThrow(AsffInputError);
    expect(refused).toThrow(`finding vpn-tunnel-ike-version|${RESOURCE_IDS.weakVpn} has no accountId`);
    expect(given[0]).toMatchObject({
      AwsAccountId: '444455556666',
      ProductArn: 'arn:aws:securityhub:us-east-2:444455556666:product/444455556666/default',
      Resources: [{ Type: 'AwsEc2VpnConnection', Id: RESOURCE_IDS.weakVpn, Region: 'us-east-2' }],
    });
  });

  it('renders the findings as the JSON array batch-import-findings --findings reads', () => {
    // Act
    const parsed = JSON.parse(
      renderAsff(report(), RULES, { productArn: 'arn:aws:securityhub:eu-west-1::product/x/y' }),
    ) as {
      ProductArn: string;
    }[];

    // Assess
    expect(parsed.length).toBeGreaterThan(0);
    expect(new Set(parsed.map((f) => f.ProductArn))).toEqual(
      new Set(['arn:aws:securityhub:eu-west-1::product/x/y']),
    );
  });

  it('makes evaluate --format asff exit 2 when an input names no account', async () => {
    // Act
    const run = await runCliCaptured([
      'evaluate',
      'examples/account',
      '--format',
      'asff',
      '--now',
      '2026-12-01T00:00:00Z',
    ]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // The VPN describe output and the API Gateway listings name no account.
    expect(run.stderr).toMatch(/ASFF: finding [a-z0-9-]+\|\S+ has no accountId/);
    expect(run.stderr).toContain('--account and --region give them');
  });

  it('files the findings of inputs that name no account or region under the --account and --region given', async () => {
    // Act
    const run = await runCliCaptured([
      'evaluate',
      'examples/account',
      '--format',
      'asff',
      '--account',
      '444455556666',
      '--region',
      'ap-south-1',
      '--now',
      '2026-12-01T00:00:00Z',
    ]);

    // Assess: the account's own findings keep what their input names; the others take what was given.
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { AwsAccountId: string; Region: string; Id: string }[];
    const restApi = findings.find((finding) => finding.Id.includes('apigateway-api-tls-policy|'));
    expect(restApi).toMatchObject({ AwsAccountId: '444455556666', Region: 'ap-south-1' });
    expect(findings.some((finding) => finding.AwsAccountId === '111122223333')).toBe(true);
  });
});

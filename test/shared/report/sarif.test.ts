import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Evaluation, Severity } from '../../../shared/model/evaluation.js';
import { buildReport, type Report } from '../../../shared/report/report.js';
import { MAX_SARIF_RESULTS, renderSarif, resultUri, sarifLevel } from '../../../shared/report/sarif.js';
import { RULES } from '../../../shared/rules/index.js';
import { sarifSchemaProblems } from '../../helpers/json-schema.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

const INPUT_FILE = 'inventory/account 1/describe-load-balancers.json';

function report(
  evaluations: Evaluation[] = accountEvaluations(),
  evaluatedAt = '2026-11-22T00:00:00Z',
): Report {
  return buildReport({
    evaluatedAt: new Date(evaluatedAt),
    resources: 11,
    evaluations,
    errors: [{ source: 'notes.json', message: 'not a recognized document' }],
  });
}

/** The report of `evaluate`: each evaluation knows the input file its resource came from. */
function evaluateReport(): Report {
  const built = report();
  return { ...built, evaluations: built.evaluations.map((e) => ({ ...e, inputFile: INPUT_FILE })) };
}

function render(source: Report = report()): Log {
  return JSON.parse(renderSarif(source, RULES, { version: '0.1.0' })) as Log;
}

const runOf = (log: Log) => {
  const run = log.runs[0];
  if (!run) throw new Error('no run in the SARIF log');
  return run;
};
const resultsOf = (log: Log): Result[] => runOf(log).results ?? [];
const rulesOf = (log: Log): ReportingDescriptor[] => runOf(log).tool.driver.rules ?? [];

describe('sarifLevel', () => {
  it('maps high and critical to error, medium to warning, low and info to note', () => {
    // Assess
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
  });
});

describe('renderSarif', () => {
  it('writes a log that the SARIF 2.1.0 JSON schema accepts, for evaluate and for a live scan', () => {
    // Act
    const problems = [sarifSchemaProblems(render(evaluateReport())), sarifSchemaProblems(render(report()))];

    // Assess
    expect(problems).toEqual(['', '']);
  });

  it('fails the schema check when a result breaks the format', () => {
    // Prepare: a result without its message, and one whose level is not a SARIF level
    const log = render();
    const [first, second] = resultsOf(log);
    delete (first as Partial<Result>).message;
    (second as { level: string }).level = 'critical';

    // Act
    const problems = sarifSchemaProblems(log);

    // Assess
    expect(problems).toContain("/runs/0/results/0 must have required property 'message'");
    expect(problems).toContain('/runs/0/results/1/level must be equal to one of the allowed values');
  });

  it('writes a log from the transit-guard driver with the rule catalog, each rule with its fix as help', () => {
    // Act
    const log = render();

    // Assess
    expect(log.version).toBe('2.1.0');
    const driver = runOf(log).tool.driver;
    expect(driver.name).toBe('transit-guard');
    expect(driver.version).toBe('0.1.0');
    expect(
      rulesOf(log)
        .slice(0, RULES.length)
        .map((rule) => rule.id),
    ).toEqual(RULES.map((rule) => rule.metadata.id));
    const tlsRule = rulesOf(log).find((rule) => rule.id === 'elbv2-listener-tls-policy');
    expect(tlsRule).toMatchObject({
      shortDescription: { text: 'Listener security policy accepts old TLS versions' },
      properties: { 'security-severity': '8.0' },
    });
    expect(tlsRule?.help?.text).toMatch(/^Fix: .*ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09/);
    expect(tlsRule?.help?.markdown).toContain('**Fix:**');
    expect(tlsRule?.fullDescription?.text.length).toBeGreaterThan(20);
  });

  it('shows each result at its own severity: the rule a result references carries that severity', () => {
    // Act
    const log = render();

    // Assess: GitHub reads security-severity from the referenced rule, so it must match the result's
    const results = resultsOf(log);
    expect(results).toHaveLength(6);
    for (const result of results) {
      const referenced = rulesOf(log)[result.ruleIndex ?? -1];
      expect(referenced?.id).toBe(result.ruleId);
      expect(referenced?.properties?.['security-severity']).toBe(result.properties?.['security-severity']);
      expect(referenced?.defaultConfiguration?.level).toBe(result.level);
    }
    // acm-certificate-expiry is a medium rule; its expired, in-use certificate is critical
    const expired = results.find((result) => result.properties?.rule === 'acm-certificate-expiry');
    expect(expired).toMatchObject({ ruleId: 'acm-certificate-expiry/critical', level: 'error' });
    expect(rulesOf(log)[expired?.ruleIndex ?? -1]?.properties?.['security-severity']).toBe('9.5');
  });

  it('adds a per-severity variant only for the severities results need', () => {
    // Act
    const ids = rulesOf(render()).map((rule) => rule.id);

    // Assess
    expect(ids.filter((id) => id.includes('/'))).toEqual(['acm-certificate-expiry/critical']);
  });

  it('locates each result of evaluate in its input file, and names the resource as a logical location', () => {
    // Act
    const results = resultsOf(render(evaluateReport()));

    // Assess
    const weak = results.find((result) => result.ruleId === 'elbv2-listener-weak-ciphers');
    expect(weak?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'inventory/account%201/describe-load-balancers.json' },
          region: { startLine: 1 },
        },
        logicalLocations: [
          { fullyQualifiedName: RESOURCE_IDS.httpsListener, name: 'shop', kind: 'resource' },
        ],
      },
    ]);
    expect(weak?.message.text).toBe(
      'Policy ELBSecurityPolicy-TLS13-1-2-2021-06 offers 4 ciphers outside the allowed classes.',
    );
  });

  it('locates each result of a live scan at aws/<account>/<region>/<type>/<id>', () => {
    // Act
    const uris = resultsOf(render()).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);

    // Assess
    expect(uris).toContain(`aws/111122223333/eu-west-1/AWS::EC2::VPNConnection/${RESOURCE_IDS.weakVpn}`);
    expect(uris).toContain(
      'aws/111122223333/eu-west-1/AWS::ElasticLoadBalancingV2::Listener/arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65',
    );
  });

  it('says "unknown" for the account or region a live resource lacks', () => {
    // Prepare
    const [evaluation] = report().evaluations;
    if (!evaluation) throw new Error('no evaluation');
    const { accountId: _account, region: _region, ...bare } = evaluation;

    // Act
    const uri = resultUri({ ...bare, resourceId: 'vpn-0123', resourceType: 'AWS::EC2::VPNConnection' });

    // Assess
    expect(uri).toBe('aws/unknown/unknown/AWS::EC2::VPNConnection/vpn-0123');
  });

  it('fingerprints each result by its finding, the same across runs and orders', () => {
    // Prepare
    const fingerprints = (log: Log) =>
      Object.fromEntries(
        resultsOf(log).map((r) => [r.message.text, r.partialFingerprints?.['transitGuardFinding/v1']]),
      );

    // Act
    const first = fingerprints(render(report()));
    const later = fingerprints(render(report([...accountEvaluations()].reverse(), '2026-12-24T00:00:00Z')));

    // Assess
    expect(later).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(6);
    expect(first['Tunnels 203.0.113.10 and 203.0.113.20 permit IKEv1.']).toBe(
      `vpn-tunnel-ike-version|${RESOURCE_IDS.weakVpn}`,
    );
  });

  it('names the run with automationDetails.id: the category, then the time of the evaluation', () => {
    // Act
    const ids = [
      runOf(render()).automationDetails?.id,
      runOf(JSON.parse(renderSarif(report(), RULES, { category: 'transit-guard-scan/eu' })) as Log)
        .automationDetails?.id,
    ];

    // Assess
    expect(ids).toEqual([
      'transit-guard/2026-11-22T00:00:00.000Z',
      'transit-guard-scan/eu/2026-11-22T00:00:00.000Z',
    ]);
  });

  it('carries the inputs that could not be read as tool notifications', () => {
    // Act
    const notifications = runOf(render()).invocations?.[0]?.toolExecutionNotifications;

    // Assess
    expect(notifications?.map((n) => n.message.text)).toEqual(['notes.json: not a recognized document']);
    expect(runOf(render()).properties).toBeUndefined();
  });

  it(`keeps the worst ${MAX_SARIF_RESULTS} results of a larger report, saying how many of which were left out`, () => {
    // Prepare: 10 critical, then MAX_SARIF_RESULTS low and 5 high findings
    const finding = (index: number, severity: Severity): Evaluation => ({
      ruleId: 'vpn-tunnel-ike-version',
      status: 'NON_COMPLIANT',
      severity,
      resourceType: 'AWS::EC2::VPNConnection',
      resourceId: `vpn-${severity}-${index}`,
      accountId: '111122223333',
      region: 'eu-west-1',
      reason: `${severity} ${index}`,
    });
    const evaluations = [
      ...Array.from({ length: 10 }, (_, i) => finding(i, 'critical')),
      ...Array.from({ length: MAX_SARIF_RESULTS }, (_, i) => finding(i, 'low')),
      ...Array.from({ length: 5 }, (_, i) => finding(i, 'high')),
    ];

    // Act
    const log = render(report(evaluations));

    // Assess
    const results = resultsOf(log);
    expect(results).toHaveLength(MAX_SARIF_RESULTS);
    const count = (severity: Severity) => results.filter((r) => r.properties?.severity === severity).length;
    expect([count('critical'), count('high'), count('low')]).toEqual([10, 5, MAX_SARIF_RESULTS - 15]);
    expect(runOf(log).properties).toEqual({
      truncated: true,
      resultsOmitted: 15,
      resultsOmittedBySeverity: { low: 15 },
    });
    const note = runOf(log).invocations?.[0]?.toolExecutionNotifications?.at(-1);
    expect(note?.level).toBe('warning');
    expect(note?.message.text).toContain(`15 of ${MAX_SARIF_RESULTS + 15} results left out (15 low)`);
    expect(sarifSchemaProblems(log)).toBe('');
  });
});

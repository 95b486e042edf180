import type { Severity } from '../model/evaluation.js';
import type { AnyRule } from '../rules/rule.js';
import type { Report } from './report.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

/** @internal Unit-tested directly: the SARIF level of each severity. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning reads `security-severity` as CVSS-like bands: 9+ critical, 7+ high, 4+ medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export interface SarifOptions {
  /** tool.driver.version. */
  version?: string;
}

function driverRule(rule: AnyRule) {
  const m = rule.metadata;
  return {
    id: m.id,
    name: m.id,
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: { text: `${m.remediation.guidance}\n\nRisk: ${m.rationale}` },
    ...(m.references[0] ? { helpUri: m.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(m.severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[m.severity],
      tags: ['security', 'encryption-in-transit', m.family, ...m.resourceTypes],
      precision: 'high',
      compliance: m.compliance,
    },
  };
}

/**
 * SARIF 2.1.0 for code-scanning tools: the rule catalog as the driver's rules and one result per
 * NON_COMPLIANT evaluation, located by the resource's ARN (or id) as a logical location.
 */
export function renderSarif(report: Report, rules: readonly AnyRule[], options: SarifOptions = {}): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.metadata.id, index]));
  const results = report.evaluations
    .filter((evaluation) => evaluation.status === 'NON_COMPLIANT')
    .map((evaluation) => {
      const index = ruleIndex.get(evaluation.ruleId);
      return {
        ruleId: evaluation.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: sarifLevel(evaluation.severity),
        message: { text: evaluation.reason },
        locations: [
          {
            logicalLocations: [
              {
                fullyQualifiedName: evaluation.resourceId,
                ...(evaluation.resourceName ? { name: evaluation.resourceName } : {}),
                kind: 'resource',
              },
            ],
          },
        ],
        partialFingerprints: { 'transitGuardFinding/v1': `${evaluation.ruleId}|${evaluation.resourceId}` },
        properties: {
          severity: evaluation.severity,
          'security-severity': SECURITY_SEVERITY[evaluation.severity],
          resourceType: evaluation.resourceType,
          ...(evaluation.accountId ? { accountId: evaluation.accountId } : {}),
          ...(evaluation.region ? { region: evaluation.region } : {}),
          ...(evaluation.response ? { response: evaluation.response } : {}),
        },
      };
    });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'transit-guard',
            ...(options.version ? { version: options.version } : {}),
            rules: rules.map(driverRule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.evaluatedAt,
            toolExecutionNotifications: report.errors.map((error) => ({
              level: 'error',
              message: { text: `${error.source}: ${error.message}` },
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

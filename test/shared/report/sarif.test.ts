import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../shared/report/report.js';
import { renderSarif, sarifLevel } from '../../../shared/report/sarif.js';
import { RULES } from '../../../shared/rules/index.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string };
          properties: Record<string, unknown>;
        }[];
      };
    };
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: { logicalLocations: { fullyQualifiedName: string; name?: string }[] }[];
    }[];
  }[];
}

function render(): SarifLog {
  const report = buildReport({
    evaluatedAt: new Date('2026-11-22T00:00:00Z'),
    resources: 11,
    evaluations: accountEvaluations(),
    errors: [{ source: 'notes.json', message: 'not a recognized document' }],
  });
  return JSON.parse(renderSarif(report, RULES, { version: '0.1.0' })) as SarifLog;
}

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
  it('writes a SARIF 2.1.0 log from the transit-guard driver with the rule catalog', () => {
    // Act
    const log = render();

    // Assess
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toContain('sarif-2.1.0');
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe('transit-guard');
    expect(driver?.version).toBe('0.1.0');
    expect(driver?.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.metadata.id));
    const tlsRule = driver?.rules.find((rule) => rule.id === 'elbv2-listener-tls-policy');
    expect(tlsRule).toMatchObject({
      shortDescription: { text: 'Listener security policy accepts old TLS versions' },
      properties: { 'security-severity': '8.0' },
    });
    expect(tlsRule?.fullDescription.text.length).toBeGreaterThan(20);
    expect(tlsRule?.help.text).toContain('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
  });

  it('has one result per NON_COMPLIANT evaluation, located by the resource ARN', () => {
    // Act
    const results = render().runs[0]?.results ?? [];

    // Assess
    expect(results).toHaveLength(6);
    const weak = results.find((result) => result.ruleId === 'elbv2-listener-weak-ciphers');
    expect(weak).toMatchObject({
      level: 'warning',
      message: {
        text: 'Policy ELBSecurityPolicy-TLS13-1-2-2021-06 offers 4 ciphers outside the allowed classes.',
      },
      locations: [{ logicalLocations: [{ fullyQualifiedName: RESOURCE_IDS.httpsListener, name: 'shop' }] }],
    });
    expect(weak?.ruleIndex).toBe(
      RULES.findIndex((rule) => rule.metadata.id === 'elbv2-listener-weak-ciphers'),
    );
    expect(results.find((result) => result.ruleId === 'acm-certificate-expiry')?.level).toBe('error');
  });

  it('carries the inputs that could not be read as tool notifications', () => {
    // Act
    const notifications = render().runs[0]?.invocations[0]?.toolExecutionNotifications;

    // Assess
    expect(notifications?.map((n) => n.message.text)).toEqual(['notes.json: not a recognized document']);
  });
});

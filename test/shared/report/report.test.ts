import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { buildReport } from '../../../shared/report/report.js';
import { ACCOUNT_RESOURCE_COUNT, accountEvaluations } from './evaluations.js';

describe('buildReport', () => {
  it('follows the JSON contract: schemaVersion, evaluatedAt, resources, evaluations, errors and summary', () => {
    // Prepare
    const evaluations = accountEvaluations();

    // Act
    const report = buildReport({
      evaluatedAt: new Date('2026-11-22T00:00:00Z'),
      resources: ACCOUNT_RESOURCE_COUNT,
      evaluations,
      errors: [{ source: 'broken.json', message: 'not JSON (Unexpected token)' }],
    });

    // Assess
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'evaluatedAt',
      'resources',
      'evaluations',
      'errors',
      'summary',
    ]);
    expect(report.schemaVersion).toBe('1.0');
    expect(report.evaluatedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(report.resources).toBe(11);
    expect(report.evaluations).toEqual(
      evaluations.map((e) => ({ findingId: `${e.ruleId}|${e.resourceId}`, ...e })),
    );
    expect(report.errors).toEqual([{ source: 'broken.json', message: 'not JSON (Unexpected token)' }]);
    expect(Object.keys(report.summary)).toEqual([
      'nonCompliant',
      'compliant',
      'notApplicable',
      'bySeverity',
      'kpis',
    ]);
    expect(report.summary).toMatchObject({ nonCompliant: 6, compliant: 11, notApplicable: 15 });
  });

  it('names the input file each evaluation came from, and none for a live resource', () => {
    // Prepare: a listener read from a describe file, a certificate read live
    const [listener, certificate] = [
      accountEvaluations()[0],
      accountEvaluations().find((e) => e.resourceType === 'AWS::ACM::Certificate'),
    ];
    if (!listener || !certificate) throw new Error('fixture lacks a listener or a certificate');
    const resource = (e: typeof listener, source: string) =>
      ({ resourceType: e.resourceType, resourceId: e.resourceId, tags: {}, source }) as unknown as Resource;

    // Act
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00Z',
      resources: [
        resource(listener, 'in/elbv2 (2).json (elbv2 describe-listeners)'),
        resource(certificate, 'api:DescribeCertificate'),
      ],
      evaluations: [listener, certificate],
      errors: [],
    });

    // Assess
    expect(report.evaluations.map((e) => e.inputFile)).toEqual(['in/elbv2 (2).json', undefined]);
    expect(Object.keys(report.evaluations[0] ?? {}).at(-1)).toBe('inputFile');
  });

  it("names each evaluation its own resource's file, whatever their order, and the last file of a resource read twice", () => {
    // Prepare: three certificates from three files; the second has no evaluation, the others come in reverse
    const cert = (id: string, source: string) =>
      ({ resourceType: 'AWS::IoT::Certificate', resourceId: id, tags: {}, source }) as unknown as Resource;
    const evaluation = (id: string, ruleId: string): Evaluation => ({
      ...(accountEvaluations()[0] as Evaluation),
      resourceType: 'AWS::IoT::Certificate',
      resourceId: id,
      ruleId,
    });
    const resources = [
      cert('a', 'one.json (iot list-certificates)'),
      cert('b', 'two.json (iot list-certificates)'),
      cert('c', 'three.json (iot list-certificates)'),
    ];
    const files = (list: readonly Resource[], evaluations: Evaluation[]) =>
      buildReport({
        evaluatedAt: '2026-11-22T00:00:00Z',
        resources: list,
        evaluations,
        errors: [],
      }).evaluations.map((e) => `${e.resourceId}:${e.inputFile}`);

    // Act + Assess: in order with a resource skipped, out of order, and a resource read from two files
    expect(files(resources, [evaluation('a', 'r1'), evaluation('a', 'r2'), evaluation('c', 'r1')])).toEqual([
      'a:one.json',
      'a:one.json',
      'c:three.json',
    ]);
    expect(files(resources, [evaluation('c', 'r1'), evaluation('b', 'r1'), evaluation('a', 'r1')])).toEqual([
      'c:three.json',
      'b:two.json',
      'a:one.json',
    ]);
    expect(
      files(
        [...resources, cert('a', 'four.json (iot list-certificates)')],
        [evaluation('a', 'r1'), evaluation('b', 'r1')],
      ),
    ).toEqual(['a:four.json', 'b:two.json']);
  });

  it('counts NON_COMPLIANT evaluations by severity, every severity present', () => {
    // Act
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00Z',
      resources: 11,
      evaluations: accountEvaluations(),
      errors: [],
    });

    // Assess
    expect(report.summary.bySeverity).toEqual({ critical: 1, high: 3, medium: 2, low: 0, info: 0 });
  });

  it('counts the resources it is given', () => {
    // Act
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00Z',
      resources: [],
      evaluations: [],
      errors: [],
    });

    // Assess
    expect(report.resources).toBe(0);
    expect(report.summary.kpis.listenersEncrypted).toEqual({ compliant: 0, total: 0, percent: null });
  });

  it('counts certificates against the expiry window it is given', () => {
    // Act
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00Z',
      resources: 11,
      evaluations: accountEvaluations(),
      errors: [],
      policy: policySchema.parse({ certificates: { expiryDays: 60 } }),
    });

    // Assess
    expect(report.summary.kpis.certificatesExpiring).toEqual({ count: 1, withinDays: 60 });
  });
});

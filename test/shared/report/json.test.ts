import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../shared/report/json.js';
import { buildReport } from '../../../shared/report/report.js';
import { accountEvaluations } from './evaluations.js';

describe('renderJson', () => {
  it('prints the report as JSON that parses back to the same report', () => {
    // Prepare
    const report = buildReport({
      evaluatedAt: new Date('2026-11-22T00:00:00Z'),
      resources: 11,
      evaluations: accountEvaluations(),
      errors: [],
    });

    // Act
    const text = renderJson(report);

    // Assess
    expect(JSON.parse(text)).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

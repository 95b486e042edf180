import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../shared/families/index.js';
import { kpiDefinitions } from '../../../shared/report/kpis.js';

describe('the families’ report facets', () => {
  it.each(FAMILIES.map((family) => [family.id, family] as const))(
    '%s counts only its own rules towards its KPIs',
    (_id, family) => {
      // Prepare
      const ruleIds = new Set(family.rules.map((rule) => rule.metadata.id));

      // Assess
      for (const { rules } of family.report.kpis)
        for (const ruleId of rules) expect(ruleIds).toContain(ruleId);
    },
  );

  it('gives each KPI key one definition and each rule at most one KPI', () => {
    // Prepare
    const definitions = kpiDefinitions();
    const ruleIds = definitions.flatMap(({ rules }) => rules);

    // Assess
    expect(new Set(definitions.map(({ kpi }) => kpi.key)).size).toBe(definitions.length);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const family of FAMILIES) {
      for (const { kpi } of family.report.kpis) {
        expect(definitions.find((definition) => definition.kpi.key === kpi.key)?.kpi).toBe(kpi);
      }
    }
  });
});

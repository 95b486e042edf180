import { describe, expect, it } from 'vitest';
import { kpiMetrics } from '../../../shared/report/kpi-metrics.js';
import { type Kpis, kpiDefinitions, share } from '../../../shared/report/kpis.js';

describe('kpiMetrics', () => {
  it('gives one metric per KPI: a share as its percent, an expiring KPI as its count', () => {
    // Prepare: every share at 3 of 4, the expiring count 2.
    const kpis: Kpis = Object.fromEntries(
      kpiDefinitions().map(({ kpi }) => [
        kpi.key,
        kpi.kind === 'share' ? share(3, 4) : { count: 2, withinDays: 30 },
      ]),
    );

    // Act
    const metrics = kpiMetrics(kpis);

    // Assess
    expect(metrics).toEqual(
      kpiDefinitions().map(({ kpi }) =>
        kpi.kind === 'share'
          ? { name: `Kpi_${kpi.key}`, unit: 'Percent', value: 75 }
          : { name: `Kpi_${kpi.key}`, unit: 'Count', value: 2 },
      ),
    );
  });

  it('publishes nothing for a share nothing was judged for: a gap, not a made-up 0 or 100', () => {
    // Prepare
    const [first] = kpiDefinitions();
    if (first?.kpi.kind !== 'share') throw new Error('the first KPI is expected to be a share');

    // Act
    const metrics = kpiMetrics({ [first.kpi.key]: share(0, 0) });

    // Assess
    expect(metrics).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../shared/policy/load.js';
import { kpiMetricName, METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/report/kpi-metrics.js';
import { kpiDefinitions } from '../../shared/report/kpis.js';
import {
  type CfnTemplate,
  ensurePackaged,
  functionLogicalId,
  loadTemplate,
  PACKAGE_TIMEOUT_MS,
  ROOT,
  resourcesOfType,
} from './template.js';

let template: CfnTemplate;

beforeAll(() => {
  ensurePackaged();
  template = loadTemplate();
}, PACKAGE_TIMEOUT_MS);

interface Widget {
  type: string;
  properties: {
    title?: string;
    region?: string;
    metrics?: unknown[][];
    stat?: string;
    yAxis?: { left?: { min?: number; max?: number } };
  };
}

/** The DashboardBody as CloudFormation would resolve it in `region`: Fn::Join of strings and Ref AWS::Region. */
function resolvedBody(body: unknown, region: string): { widgets: Widget[] } {
  const join = (body as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join === undefined) throw new Error(`DashboardBody is not an Fn::Join: ${JSON.stringify(body)}`);
  const [separator, parts] = join;
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      expect(part).toEqual({ Ref: 'AWS::Region' });
      return region;
    })
    .join(separator);
  return JSON.parse(text) as { widgets: Widget[] };
}

describe('the KPI dashboard of the packaged stack', () => {
  it('draws one graph per KPI of the registry, from the metric the sweep publishes, in the stack region', () => {
    // Prepare
    const dashboards = resourcesOfType(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboards.map(([id]) => id)).toEqual(['KpiDashboard']);
    const [, dashboard] = dashboards[0] ?? [];
    // Only on request (param kpiDashboard): a dashboard is a fixed monthly cost (bench/README.md, cost model).
    expect(dashboard?.Condition).toBe('CreateKpiDashboard');
    expect(template.Conditions?.CreateKpiDashboard).toEqual({ 'Fn::Equals': ['false', 'true'] });
    const policy = parsePolicy(readFileSync(join(ROOT, 'transit-guard.policy.yml'), 'utf8'), 'policy');

    // Act
    const { widgets } = resolvedBody(dashboard?.Properties?.DashboardBody, 'eu-south-2');

    // Assess
    const graphs = widgets.filter((widget) => widget.type === 'metric');
    const kpis = kpiDefinitions();
    expect(graphs.map((graph) => graph.properties.metrics)).toEqual(
      kpis.map(({ kpi }) => [[METRICS_NAMESPACE, kpiMetricName(kpi.key), 'service', SERVICE_NAME]]),
    );
    kpis.forEach(({ kpi }, index) => {
      const graph = graphs[index]?.properties;
      expect(graph?.region).toBe('eu-south-2');
      if (kpi.kind === 'share') {
        expect(graph?.title).toBe(`${kpi.label} (%)`);
        expect(graph?.yAxis?.left).toMatchObject({ min: 0, max: 100 });
        // The worst sweep of each period: a trend that never looks better than a sweep saw.
        expect(graph?.stat).toBe('Minimum');
      } else {
        expect(graph?.title).toBe(kpi.label(kpi.withinDays(policy)));
        expect(graph?.stat).toBe('Maximum');
      }
    });
    expect(dashboard?.Properties?.DashboardName).toMatch(/^transit-guard-[A-Za-z0-9_-]+-kpis$/);
  });

  it('has both sweep functions publish the KPI metrics exactly when the dashboard is deployed (param kpiDashboard)', () => {
    // Act
    const settings = (['sweep', 'sweep-worker'] as const).map(
      (name) =>
        (
          template.Resources[functionLogicalId(name)]?.Properties?.Environment as {
            Variables?: Record<string, unknown>;
          }
        )?.Variables?.TG_KPI_METRICS,
    );

    // Assess: packaged with the default param, no dashboard, so no metric it would draw.
    expect(template.Conditions?.CreateKpiDashboard).toEqual({ 'Fn::Equals': ['false', 'true'] });
    expect(settings).toEqual(['false', 'false']);
  });
});

/**
 * The stack's CloudWatch dashboard (infra/dashboard.yml, loaded through infra/dashboard.cjs): each SEC09 KPI's
 * trend, one graph per KPI of the registry, drawn from the metrics the sweep publishes (report/kpi-metrics.ts).
 * Body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import type { Policy } from '../policy/schema.js';
import { kpiMetricName, METRICS_NAMESPACE, SERVICE_NAME } from '../report/kpi-metrics.js';
import { kpiDefinitions } from '../report/kpis.js';

/** Stands for the stack's region in the body until CloudFormation joins in `Ref: AWS::Region`. */
const REGION = '@@REGION@@';
const WIDTH = 12;
const HEIGHT = 6;

/**
 * The dashboard body as JSON, the region left as REGION. A share is drawn at its daily Minimum (the worst
 * sweep of the day) on a 0-100 % axis; an expiring count at its daily Maximum: the trend never looks better
 * than a sweep saw.
 */
function dashboardBody(policy: Policy): string {
  const widgets = kpiDefinitions().map(({ kpi }, index) => {
    const share = kpi.kind === 'share';
    return {
      type: 'metric',
      x: (index % 2) * WIDTH,
      y: 1 + Math.floor(index / 2) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: share ? `${kpi.label} (%)` : kpi.label(kpi.withinDays(policy)),
        view: 'timeSeries',
        region: REGION,
        metrics: [[METRICS_NAMESPACE, kpiMetricName(kpi.key), 'service', SERVICE_NAME]],
        stat: share ? 'Minimum' : 'Maximum',
        period: 86_400,
        yAxis: { left: share ? { min: 0, max: 100, showUnits: false } : { min: 0, showUnits: false } },
      },
    };
  });
  const header = {
    type: 'text',
    x: 0,
    y: 0,
    width: 2 * WIDTH,
    height: 1,
    properties: { markdown: '## transit-guard: SEC09 KPIs of data in transit, as each sweep measured them' },
  };
  return JSON.stringify({ start: '-P90D', widgets: [header, ...widgets] });
}

/**
 * DashboardBody for CloudFormation: the body with the stack's region joined in. `policy`: the policy the stack
 * ships (the expiring KPIs' titles name its window).
 */
export function dashboardBodyTemplate(policy: Policy): { 'Fn::Join': [string, unknown[]] } {
  const parts = dashboardBody(policy).split(REGION);
  const joined = parts.flatMap((part, index) => (index === 0 ? [part] : [{ Ref: 'AWS::Region' }, part]));
  return { 'Fn::Join': ['', joined] };
}

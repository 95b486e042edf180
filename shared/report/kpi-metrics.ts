/**
 * The SEC09 KPIs as CloudWatch metrics: what the sweep publishes (shared/lambda/sweep-function.ts, as EMF
 * through Powertools Metrics) and what the stack's dashboard draws (shared/infra/dashboard.ts), named in one
 * place so the two cannot drift apart. One metric per KPI key, dimensioned by service only: a handful of
 * custom metrics per stack, whatever the account's size.
 */
import { type Kpis, kpiDefinitions } from './kpis.js';

/** The namespace and `service` dimension every transit-guard function publishes its metrics under. */
export const METRICS_NAMESPACE = 'TransitGuard';
export const SERVICE_NAME = 'transit-guard';

export function kpiMetricName(key: string): string {
  return `Kpi_${key}`;
}

export interface KpiMetric {
  name: string;
  /** CloudWatch units (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html). */
  unit: 'Percent' | 'Count';
  value: number;
}

/**
 * The KPIs of a sweep as metric values, in the families' order. A share nothing was judged for (percent null)
 * is left out: a data point of 0 or 100 would be a value nobody measured, and the dashboard shows the gap.
 */
export function kpiMetrics(kpis: Kpis): KpiMetric[] {
  return kpiDefinitions().flatMap(({ kpi }): KpiMetric[] => {
    const value = kpis[kpi.key];
    if (value === undefined) return [];
    const name = kpiMetricName(kpi.key);
    if ('count' in value) return [{ name, unit: 'Count', value: value.count }];
    return value.percent === null ? [] : [{ name, unit: 'Percent', value: value.percent }];
  });
}

/**
 * The KPI trend of the HTML report: each earlier JSON report (`transit-guard evaluate --format json`) read down
 * to its time and its KPI values. Pure: the CLI reads the files (shared/cli/report-command.ts).
 */
import type { Kpis } from '../kpis.js';

/** One run's KPI values: a share's percent (null when none was judged) or an expiring count, by KPI key. */
export interface KpiPoint {
  /** ISO 8601. */
  evaluatedAt: string;
  values: Record<string, number | null>;
}

/** A history file that is not a JSON report: the message names the file and the field. */
export class HistoryError extends Error {
  override name = 'HistoryError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values of summary.kpis: a share's percent, an expiring KPI's count. */
export function kpiValues(kpis: Kpis): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(kpis).map(([key, value]) => [key, 'count' in value ? value.count : value.percent]),
  );
}

/**
 * The time and KPI values of one earlier JSON report. `source` names it in errors. KPIs the report lacks
 * (older versions, other families) are gaps in the trend; a malformed one is an error, never a guess.
 */
export function parseHistoryReport(text: string, source: string): KpiPoint {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new HistoryError(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(document)) throw new HistoryError(`${source}: not a JSON report (expected an object)`);
  const { evaluatedAt, summary } = document;
  if (typeof evaluatedAt !== 'string' || Number.isNaN(Date.parse(evaluatedAt)))
    throw new HistoryError(`${source}: evaluatedAt: expected an ISO 8601 date-time`);
  if (!isRecord(summary) || !isRecord(summary.kpis))
    throw new HistoryError(`${source}: summary.kpis: expected an object`);
  const values: Record<string, number | null> = {};
  for (const [key, kpi] of Object.entries(summary.kpis)) {
    const field = `${source}: summary.kpis.${key}`;
    if (!isRecord(kpi)) throw new HistoryError(`${field}: expected an object`);
    if ('count' in kpi) {
      if (typeof kpi.count !== 'number' || !Number.isFinite(kpi.count))
        throw new HistoryError(`${field}.count: expected a number`);
      values[key] = kpi.count;
    } else if ('percent' in kpi) {
      if (kpi.percent !== null && (typeof kpi.percent !== 'number' || !Number.isFinite(kpi.percent)))
        throw new HistoryError(`${field}.percent: expected a number or null`);
      values[key] = kpi.percent;
    } else throw new HistoryError(`${field}: expected "percent" or "count"`);
  }
  return { evaluatedAt: new Date(evaluatedAt).toISOString(), values };
}

/** The points in time order, one per time (the current run wins over a file of the same time). */
export function trendPoints(history: readonly KpiPoint[], current: KpiPoint): KpiPoint[] {
  const byTime = new Map<string, KpiPoint>();
  for (const point of [...history, current]) byTime.set(point.evaluatedAt, point);
  return [...byTime.values()].sort((a, b) => Date.parse(a.evaluatedAt) - Date.parse(b.evaluatedAt));
}

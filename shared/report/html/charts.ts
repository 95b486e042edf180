/**
 * The report's charts as inline SVG (no library, nothing fetched): a bar per KPI share, a badge per expiring
 * count, bars of findings by severity, and a line per KPI over time. Each value sits in a data-* attribute too,
 * so the browser test reads what the chart shows.
 */
import type { Severity } from '../../model/evaluation.js';
import { esc } from './escape.js';
import type { KpiPoint } from './history.js';

const BAR_WIDTH = 200;

/** A KPI share as a horizontal bar 0-100 %; none judged shows an empty bar and "n/a". */
export function shareBar(key: string, label: string, percent: number | null, detail: string): string {
  const width = BAR_WIDTH + 150;
  const filled = percent === null ? 0 : Math.round((percent / 100) * BAR_WIDTH * 10) / 10;
  const text = percent === null ? 'n/a' : `${percent}%`;
  const tone = percent === null ? 'none' : percent >= 100 ? 'good' : percent >= 80 ? 'fair' : 'poor';
  return `<svg class="kpi-chart" data-kpi="${esc(key)}" data-value="${percent ?? ''}" width="${width}" height="24" viewBox="0 0 ${width} 24" role="img" aria-label="${esc(`${label}: ${text} ${detail}`)}">
<rect class="kpi-track" x="0" y="4" width="${BAR_WIDTH}" height="16" rx="3"></rect>
<rect class="kpi-fill ${tone}" x="0" y="4" width="${filled}" height="16" rx="3"></rect>
<text class="kpi-value" x="${BAR_WIDTH + 8}" y="17">${esc(text)}</text>
<text class="kpi-detail" x="${BAR_WIDTH + 58}" y="17">${esc(detail)}</text>
</svg>`;
}

/** An expiring count as a badge: 0 is good news, anything else is not. */
export function countBadge(key: string, label: string, count: number): string {
  return `<svg class="kpi-chart" data-kpi="${esc(key)}" data-value="${count}" width="70" height="24" viewBox="0 0 70 24" role="img" aria-label="${esc(`${label}: ${count}`)}">
<rect class="kpi-badge ${count === 0 ? 'good' : 'poor'}" x="0" y="2" width="64" height="20" rx="10"></rect>
<text class="kpi-value badge" x="32" y="17" text-anchor="middle">${count}</text>
</svg>`;
}

/** NON_COMPLIANT evaluations by severity, a vertical bar each, scaled to the largest. */
export function severityBars(counts: readonly [Severity, number][]): string {
  const max = Math.max(1, ...counts.map(([, count]) => count));
  const width = 56;
  const height = 100;
  const bars = counts.map(([severity, count], index) => {
    const barHeight = Math.round((count / max) * height);
    const x = index * width + 8;
    return `<g class="severity-bar" data-severity="${severity}" data-value="${count}">
<rect class="sev-${severity}" x="${x}" y="${height - barHeight + 16}" width="${width - 16}" height="${barHeight}"></rect>
<text x="${x + (width - 16) / 2}" y="${height - barHeight + 12}" text-anchor="middle">${count}</text>
<text x="${x + (width - 16) / 2}" y="${height + 32}" text-anchor="middle">${severity}</text>
</g>`;
  });
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  return `<svg id="severity-chart" width="${counts.length * width + 16}" height="${height + 40}" role="img" aria-label="${total} non-compliant evaluations by severity">${bars.join('')}</svg>`;
}

const TREND_WIDTH = 260;
const TREND_HEIGHT = 44;
const PAD = 6;

/**
 * A KPI over time: x by time, y 0-100 % for a share or 0-max for a count. A run that did not judge the KPI
 * (null, or absent) is a gap: the line breaks there instead of drawing a value nobody measured.
 */
export function trendLine(key: string, label: string, points: readonly KpiPoint[], percent: boolean): string {
  const times = points.map((point) => Date.parse(point.evaluatedAt));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const values = points.map((point) => point.values[key] ?? null);
  const top = percent ? 100 : Math.max(1, ...values.map((value) => value ?? 0));
  const x = (index: number) =>
    PAD + (span === 0 ? 0 : (((times[index] ?? first) - first) / span) * (TREND_WIDTH - 2 * PAD));
  const y = (value: number) => PAD + (1 - value / top) * (TREND_HEIGHT - 2 * PAD);
  const segments: string[][] = [[]];
  const dots: string[] = [];
  values.forEach((value, index) => {
    const at = points[index]?.evaluatedAt ?? '';
    if (value === null) {
      segments.push([]);
      return;
    }
    const [px, py] = [x(index).toFixed(1), y(value).toFixed(1)];
    segments[segments.length - 1]?.push(`${px},${py}`);
    const shown = percent ? `${value}%` : String(value);
    dots.push(
      `<circle class="trend-point" data-at="${esc(at)}" data-value="${value}" cx="${px}" cy="${py}" r="3"><title>${esc(`${at}: ${shown}`)}</title></circle>`,
    );
  });
  const lines = segments
    .filter((segment) => segment.length > 1)
    .map((segment) => `<polyline class="trend-line" points="${segment.join(' ')}"></polyline>`);
  return `<svg class="trend-chart" data-kpi="${esc(key)}" width="${TREND_WIDTH}" height="${TREND_HEIGHT}" viewBox="0 0 ${TREND_WIDTH} ${TREND_HEIGHT}" role="img" aria-label="${esc(`${label} over ${points.length} runs`)}">
<line class="trend-axis" x1="${PAD}" y1="${TREND_HEIGHT - PAD}" x2="${TREND_WIDTH - PAD}" y2="${TREND_HEIGHT - PAD}"></line>
${lines.join('\n')}
${dots.join('\n')}
</svg>`;
}

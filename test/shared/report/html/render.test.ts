import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../../shared/model/evaluation.js';
import {
  HistoryError,
  type KpiPoint,
  parseHistoryReport,
  trendPoints,
} from '../../../../shared/report/html/history.js';
import { MAX_ROWS, renderHtml } from '../../../../shared/report/html/render.js';
import { buildReport } from '../../../../shared/report/report.js';
import { ACCOUNT_RESOURCE_COUNT, accountEvaluations, RESOURCE_IDS } from '../evaluations.js';

const EVIL = `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>`;

function report(evaluations: Evaluation[] = accountEvaluations()) {
  return buildReport({
    evaluatedAt: '2026-11-22T00:00:00Z',
    resources: ACCOUNT_RESOURCE_COUNT,
    evaluations,
    errors: [{ source: `inputs/${EVIL}.json`, message: `bad ${EVIL}` }],
  });
}

describe('renderHtml', () => {
  it('escapes every AWS-sourced string: names, ids, reasons, input errors', () => {
    // Prepare
    const evaluations = accountEvaluations().map((evaluation) => ({
      ...evaluation,
      resourceName: EVIL,
      reason: `${evaluation.reason} ${EVIL}`,
    }));

    // Act
    const html = renderHtml(report(evaluations));

    // Assess: the only script is the report's own; the payload is there as text.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(2)&gt;',
    );
  });

  it('allows only its own style and script, by hash, and no fetch of any kind', () => {
    // Act
    const html = renderHtml(report());

    // Assess
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(html).not.toMatch(/\s(src|href)="(?!https:\/\/[a-z0-9-]+\.console\.)/);
  });

  it('lists every evaluation up to MAX_ROWS, worst first, and says how many more the page leaves out', () => {
    // Prepare
    const [template] = accountEvaluations();
    if (template === undefined) throw new Error('no evaluation');
    const many = Array.from({ length: MAX_ROWS + 3 }, (_, index) => ({
      ...template,
      resourceId: `${RESOURCE_IDS.httpsListener}-${index}`,
      status: index < 2 ? ('NON_COMPLIANT' as const) : ('COMPLIANT' as const),
    }));

    // Act
    const html = renderHtml(report(many));

    // Assess
    expect(html.match(/<tr class="finding"/g)).toHaveLength(MAX_ROWS);
    expect(html).toContain('3 more evaluations');
    expect(html.match(/data-status="NON_COMPLIANT"/g)).toHaveLength(2);
  });

  it('draws no trend without history, and one point per run with it', () => {
    // Prepare
    const history: KpiPoint[] = [
      { evaluatedAt: '2026-10-22T00:00:00.000Z', values: { listenersEncrypted: 40 } },
      { evaluatedAt: '2026-11-01T00:00:00.000Z', values: { listenersEncrypted: null } },
    ];

    // Act
    const without = renderHtml(report());
    const withHistory = renderHtml(report(), { history });

    // Assess
    expect(without).not.toContain('trend-chart');
    const listeners = withHistory.match(
      /<svg class="trend-chart" data-kpi="listenersEncrypted"[\s\S]*?<\/svg>/,
    )?.[0];
    // The run that judged no listener is a gap: two points (40 and now), no line joining through it.
    expect(listeners?.match(/class="trend-point"/g)).toHaveLength(2);
    expect(listeners).not.toContain('<polyline');
  });
});

describe('parseHistoryReport', () => {
  const valid = {
    evaluatedAt: '2026-11-01T00:00:00Z',
    summary: {
      kpis: {
        listenersEncrypted: { compliant: 1, total: 2, percent: 50 },
        certs: { count: 3, withinDays: 30 },
      },
    },
  };

  it('reads a JSON report down to its time and KPI values', () => {
    expect(parseHistoryReport(JSON.stringify(valid), 'h.json')).toEqual({
      evaluatedAt: '2026-11-01T00:00:00.000Z',
      values: { listenersEncrypted: 50, certs: 3 },
    });
  });

  it.each([
    ['not json', 'h.json: not JSON'],
    ['[]', 'h.json: not a JSON report'],
    [
      JSON.stringify({ ...valid, evaluatedAt: 'yesterday' }),
      'h.json: evaluatedAt: expected an ISO 8601 date-time',
    ],
    [JSON.stringify({ evaluatedAt: valid.evaluatedAt }), 'h.json: summary.kpis: expected an object'],
    [
      JSON.stringify({ ...valid, summary: { kpis: { listenersEncrypted: { percent: '50' } } } }),
      'h.json: summary.kpis.listenersEncrypted.percent: expected a number or null',
    ],
    [
      JSON.stringify({ ...valid, summary: { kpis: { certs: { count: null } } } }),
      'h.json: summary.kpis.certs.count: expected a number',
    ],
  ])('refuses %s naming the file and field', (text, message) => {
    expect(() => parseHistoryReport(text, 'h.json')).toThrow(HistoryError);
    expect(() => parseHistoryReport(text, 'h.json')).toThrow(message);
  });

  it('orders the points by time, the current run replacing a file of the same time', () => {
    const at = (iso: string, value: number): KpiPoint => ({ evaluatedAt: iso, values: { k: value } });
    expect(
      trendPoints(
        [
          at('2026-11-02T00:00:00.000Z', 2),
          at('2026-11-01T00:00:00.000Z', 1),
          at('2026-11-03T00:00:00.000Z', 9),
        ],
        at('2026-11-03T00:00:00.000Z', 3),
      ),
    ).toEqual([
      at('2026-11-01T00:00:00.000Z', 1),
      at('2026-11-02T00:00:00.000Z', 2),
      at('2026-11-03T00:00:00.000Z', 3),
    ]);
  });
});

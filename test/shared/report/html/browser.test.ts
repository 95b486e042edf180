/**
 * The HTML report in a real browser: playwright-core driving the system Chromium (CHROMIUM_PATH, or chromium
 * on PATH; .ci/run installs it). One browser for the file. It fails, never skips, when no browser starts. It
 * takes the screenshots of docs/ (docs/report-overview.png, docs/report-filtered.png) at the states it checks, and
 * writes them only when asked (`npm run docs:screenshots`, TG_SCREENSHOTS=1): otherwise every run would rewrite
 * two files in the tree.
 */
import {
  accessSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { describeResponse } from '../../../../shared/report/table.js';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const ROOT = join(import.meta.dirname, '../../../..');
const XSS = '<img src=x onerror="window.pwned=1">branch-porto';

/** CHROMIUM_PATH, or the first chromium / chromium-browser / google-chrome on PATH. */
function findChromium(): string | undefined {
  const candidates = [
    ...(process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : []),
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .flatMap((dir) => ['chromium', 'chromium-browser', 'google-chrome'].map((name) => join(dir, name))),
  ];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

let browser: Browser;
let page: Page;
let work: string;
let reportFile: string;
let current: Report;
/** The listener TLS policy rule remediates (dry run), so findings have a planned action and calls to show. */
let policy: string;
/** Every request the page made, the report file itself included. */
const requests: string[] = [];

async function evaluateJson(inputs: string, now: string): Promise<Report> {
  const run = await runCliCaptured([
    'evaluate',
    inputs,
    '--format',
    'json',
    '--now',
    now,
    '--policy',
    policy,
  ]);
  expect(run.code, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as Report;
}

beforeAll(async () => {
  const executablePath = findChromium();
  if (executablePath === undefined)
    throw new Error(
      'no Chromium to run the HTML report test: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] }).catch((error: unknown) => {
    throw new Error(`Chromium at ${executablePath} did not start: ${String(error)}`);
  });
  work = mkdtempSync(join(tmpdir(), 'tg-html-'));
  policy = join(work, 'policy.yml');
  writeFileSync(
    policy,
    'version: 1\ndryRun: true\nrules:\n  elbv2-listener-tls-policy:\n    mode: remediate\n',
  );
  // The example account, one VPN connection's Name tag an XSS attempt.
  const inputs = join(work, 'account');
  cpSync(join(ROOT, 'examples/account'), inputs, { recursive: true });
  const vpn = join(inputs, 'ec2-describe-vpn-connections.json');
  writeFileSync(vpn, readFileSync(vpn, 'utf8').replace('"branch-porto"', JSON.stringify(XSS)));
  // Two earlier runs; the first with a listener share edited to 50 % so the trend has a shape to check.
  const history = join(work, 'history');
  mkdirSync(history);
  const older = await evaluateJson(inputs, '2026-10-01T00:00:00Z');
  const listeners = older.summary.kpis.listenersEncrypted;
  if (listeners === undefined || !('percent' in listeners)) throw new Error('no listenersEncrypted share');
  listeners.percent = 50;
  const old = await evaluateJson(inputs, '2026-11-01T00:00:00Z');
  writeFileSync(join(history, '2026-10-01.json'), JSON.stringify(older));
  writeFileSync(join(history, '2026-11-01.json'), JSON.stringify(old));
  current = await evaluateJson(inputs, '2026-12-01T00:00:00Z');
  reportFile = join(work, 'report.html');
  const run = await runCliCaptured([
    'report',
    inputs,
    '--history',
    history,
    '--output',
    reportFile,
    '--now',
    '2026-12-01T00:00:00Z',
    '--policy',
    policy,
  ]);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    // Only the report itself is served; anything else the page asked for would be a fetch at view time.
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  page = await context.newPage();
  await page.goto(`file://${reportFile}`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const visibleRows = () => page.locator('tr.finding:visible').count();

/** The screenshot of the page as it is now: written to docs/ only when TG_SCREENSHOTS=1, always taken (a PNG). */
async function screenshot(name: string): Promise<void> {
  const png = await page.screenshot({
    fullPage: false,
    ...(process.env.TG_SCREENSHOTS === '1' ? { path: join(ROOT, 'docs', name) } : {}),
  });
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
}

describe('the HTML report in Chromium', () => {
  it('draws each KPI share as a bar as long as its percentage, and each expiring count as a badge', async () => {
    const charts = await page.locator('#kpis svg.kpi-chart').evaluateAll((svgs) =>
      svgs.map((svg) => ({
        key: svg.getAttribute('data-kpi'),
        fill: svg.querySelector('.kpi-fill')?.getBoundingClientRect().width ?? null,
        track: svg.querySelector('.kpi-track')?.getBoundingClientRect().width ?? null,
        text: svg.querySelector('.kpi-value')?.textContent,
      })),
    );
    const expected = Object.entries(current.summary.kpis);
    expect(charts.map((chart) => chart.key)).toEqual(expected.map(([key]) => key));
    for (const [key, value] of expected) {
      const chart = charts.find((candidate) => candidate.key === key);
      if ('count' in value) {
        expect(chart?.text).toBe(String(value.count));
        continue;
      }
      expect(chart?.text).toBe(value.percent === null ? 'n/a' : `${value.percent}%`);
      const ratio = (chart?.fill ?? Number.NaN) / (chart?.track ?? Number.NaN);
      expect(ratio).toBeCloseTo((value.percent ?? 0) / 100, 2);
    }
    // Not all 100 %: the bars are not all the same length.
    expect(new Set(charts.map((chart) => chart.fill)).size).toBeGreaterThan(1);
  });

  it('draws the non-compliant evaluations by severity, bar heights in proportion', async () => {
    const bars = await page.locator('#severity-chart g.severity-bar').evaluateAll((groups) =>
      groups.map((group) => ({
        severity: group.getAttribute('data-severity'),
        label: group.querySelector('text')?.textContent,
        height: group.querySelector('rect')?.getBoundingClientRect().height ?? 0,
      })),
    );
    const counts = current.summary.bySeverity;
    expect(bars.map((bar) => [bar.severity, Number(bar.label)])).toEqual(
      ['critical', 'high', 'medium', 'low', 'info'].map((severity) => [
        severity,
        counts[severity as keyof typeof counts],
      ]),
    );
    const max = Math.max(...bars.map((bar) => Number(bar.label)));
    // 100 px for the largest; rounded to whole pixels.
    for (const bar of bars)
      expect(Math.abs(bar.height - (Number(bar.label) / max) * 100)).toBeLessThanOrEqual(1);
  });

  it('draws each KPI trend through the earlier runs and this one, in time order', async () => {
    const trend = page.locator('svg.trend-chart[data-kpi="listenersEncrypted"] circle.trend-point');
    const points = await trend.evaluateAll((circles) =>
      circles.map((circle) => ({
        at: circle.getAttribute('data-at'),
        value: Number(circle.getAttribute('data-value')),
        cy: Number(circle.getAttribute('cy')),
      })),
    );
    const now = current.summary.kpis.listenersEncrypted;
    expect(points.map(({ at, value }) => [at, value])).toEqual([
      ['2026-10-01T00:00:00.000Z', 50],
      ['2026-11-01T00:00:00.000Z', now && 'percent' in now ? now.percent : Number.NaN],
      ['2026-12-01T00:00:00.000Z', now && 'percent' in now ? now.percent : Number.NaN],
    ]);
    // Higher values are drawn higher (smaller y): 50 % sits below the later runs.
    expect(points[0]?.cy).toBeGreaterThan(points[1]?.cy ?? Number.POSITIVE_INFINITY);
    expect(await page.locator('svg.trend-chart polyline.trend-line').count()).toBeGreaterThan(0);
    await screenshot('report-overview.png');
  });

  it('filters the rows by family, severity, status and text, and hides the groups left empty', async () => {
    const all = current.evaluations;
    expect(await visibleRows()).toBe(all.length);
    await page.selectOption('#f-status', 'NON_COMPLIANT');
    expect(await visibleRows()).toBe(current.summary.nonCompliant);
    await page.selectOption('#f-severity', 'high');
    const high = all.filter((e) => e.status === 'NON_COMPLIANT' && e.severity === 'high');
    expect(await visibleRows()).toBe(high.length);
    expect(await page.locator('#shown').textContent()).toBe(String(high.length));
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-family', 'vpn');
    const vpn = all.filter(
      (e) => e.status === 'NON_COMPLIANT' && e.resourceType === 'AWS::EC2::VPNConnection',
    );
    expect(await visibleRows()).toBe(vpn.length);
    expect(await page.locator('section.family:visible').count()).toBe(1);
    await page.fill('#f-text', 'BRANCH-LYON');
    const lyon = vpn.filter((e) => e.resourceName === 'branch-lyon');
    expect(lyon.length).toBeGreaterThan(0);
    expect(await visibleRows()).toBe(lyon.length);
    await page.locator('#evaluations').evaluate((heading) => heading.scrollIntoView());
    await screenshot('report-filtered.png');
    await page.fill('#f-text', 'no such text anywhere');
    expect(await visibleRows()).toBe(0);
    expect(await page.locator('section.family:visible').count()).toBe(0);
    for (const id of ['#f-family', '#f-status']) await page.selectOption(id, '');
    await page.fill('#f-text', '');
    expect(await visibleRows()).toBe(all.length);
  });

  it('shows each finding with its reason, planned response and console link', async () => {
    const finding = current.evaluations.find(
      (e) => e.status === 'NON_COMPLIANT' && e.response?.calls?.length,
    );
    if (finding?.response === undefined)
      throw new Error('the example account has no finding with a response');
    const row = page.locator('tr.finding', { hasText: finding.reason });
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain(finding.resourceName ?? finding.resourceId);
    expect(text).toContain(describeResponse(finding.response));
    const [call] = finding.response.calls ?? [];
    expect(text).toContain(`${call?.service} ${call?.command}`);
    const href = await row.locator('a').getAttribute('href');
    expect(href).toMatch(/^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\//);
  });

  it('shows a resource named with HTML as text: nothing of it runs', async () => {
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('tr.finding img').count()).toBe(0);
    expect(await page.locator('tr.finding', { hasText: XSS }).count()).toBeGreaterThan(0);
  });

  it('fetches nothing from the network: the only request is the report file', async () => {
    expect(requests).toEqual([`file://${reportFile}`]);
  });
});

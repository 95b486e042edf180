/**
 * The report's stylesheet and script, inlined into the page. The Content-Security-Policy allows exactly these
 * two by hash (render.ts), so nothing else runs and nothing is fetched.
 */

export const STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; }
h1 { font-size: 1.5rem; margin: 8px 0 4px; }
h2 { font-size: 1.2rem; margin: 24px 0 8px; }
h3 { font-size: 1rem; margin: 12px 0 4px; text-transform: capitalize; }
.meta { color: #555e6e; margin: 0 0 12px; }
.panel { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.panels { display: flex; flex-wrap: wrap; gap: 12px; }
.panels > .panel { flex: 1 1 300px; margin: 0; }
.panels > .kpi-panel { flex: 3 1 760px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eceff3; font-size: 0.875rem; }
th { color: #555e6e; font-weight: 600; }
td.kpi-label { width: 34%; }
#kpis td { vertical-align: middle; }
td { white-space: normal; } .kpi-chart { vertical-align: middle; }
code, .id { font-family: ui-monospace, monospace; font-size: 0.8rem; word-break: break-all; }
td.rule code { word-break: normal; white-space: nowrap; }
.kpi-track { fill: #e7eaef; }
.kpi-fill.good, .kpi-badge.good { fill: #2e8540; }
.kpi-fill.fair { fill: #d89b00; }
.kpi-fill.poor, .kpi-badge.poor { fill: #c62828; }
.kpi-value { font-size: 13px; fill: #1d2330; }
.kpi-detail { font-size: 12px; fill: #555e6e; }
.kpi-value.badge { fill: #fff; font-weight: 600; }
.trend-line { fill: none; stroke: #2f5fb3; stroke-width: 2; }
.trend-point { fill: #2f5fb3; }
.trend-axis { stroke: #c7ccd4; }
#severity-chart text { font-size: 12px; fill: #1d2330; }
.sev-critical { fill: #8e0000; } .sev-high { fill: #c62828; } .sev-medium { fill: #d89b00; }
.sev-low { fill: #2f5fb3; } .sev-info { fill: #8a94a6; }
.badge-sev { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-size: 0.75rem; }
.badge-sev.critical { background: #8e0000; } .badge-sev.high { background: #c62828; }
.badge-sev.medium { background: #b07d00; } .badge-sev.low { background: #2f5fb3; } .badge-sev.info { background: #6b7487; }
.status-NON_COMPLIANT { color: #c62828; font-weight: 600; } .status-COMPLIANT { color: #2e8540; }
.status-NOT_APPLICABLE { color: #6b7487; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; position: sticky; top: 0; background: #f6f7f9; padding: 8px 0; z-index: 1; }
.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: #555e6e; }
.filters input, .filters select { font: inherit; padding: 4px; min-width: 140px; max-width: 240px; }
.note { color: #8a5a00; }
[hidden] { display: none !important; }
`;

/** Shows the rows the filters match, and hides the groups and families left without one. */
export const SCRIPT = `
(() => {
  const rows = Array.from(document.querySelectorAll('tr.finding'));
  const controls = ['f-family', 'f-severity', 'f-status', 'f-text'].map((id) => document.getElementById(id));
  const shown = document.getElementById('shown');
  function apply() {
    const [family, severity, status, text] = controls.map((control) => control.value);
    const needle = text.trim().toLowerCase();
    let count = 0;
    for (const row of rows) {
      const data = row.dataset;
      const visible = (!family || data.family === family) && (!severity || data.severity === severity) &&
        (!status || data.status === status) && (!needle || row.textContent.toLowerCase().includes(needle));
      row.hidden = !visible;
      if (visible) count++;
    }
    for (const group of document.querySelectorAll('.group, .family')) {
      group.hidden = group.querySelector('tr.finding:not([hidden])') === null;
    }
    shown.textContent = String(count);
  }
  for (const control of controls) {
    control.addEventListener('input', apply);
    control.addEventListener('change', apply);
  }
  apply();
})();
`;

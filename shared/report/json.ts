import type { Report } from './report.js';

/** The `--format json` output: the report as DESIGN.md specifies it, pretty-printed, one trailing newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

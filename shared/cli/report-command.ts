/**
 * The HTML report from the command line: `transit-guard report <inputs...> --output FILE [--history DIR]` and
 * `evaluate --html FILE`. Kept out of the argument parsing so a new parser only has to call these.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HistoryError, type KpiPoint, parseHistoryReport } from '../report/html/history.js';
import { renderHtml } from '../report/html/render.js';
import type { Report } from '../report/report.js';
import { CliInputError, type CliIo } from './io.js';
import { cliPaths } from './options.js';
import { VERSION } from './version.js';

export interface HtmlOptions {
  /** Where the HTML file goes (--html, or report's --output). */
  file: string;
  /** A directory of earlier JSON reports (--history): every *.json file in it, not its subdirectories. */
  history?: string;
}

/**
 * The KPI values of every earlier JSON report in `dir`. A file that is not one is an error naming it and the
 * field: a trend with a silently missing run would mislead.
 */
async function readHistory(dir: string): Promise<KpiPoint[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new CliInputError(`--history: cannot read directory ${dir} (${error.code ?? error.message})`);
  });
  const points: KpiPoint[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
    const path = join(dir, name);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliInputError(`--history: cannot read ${path} (${error.code ?? error.message})`);
    });
    try {
      points.push(parseHistoryReport(text, path));
    } catch (error) {
      if (error instanceof HistoryError) throw new CliInputError(`--history: ${error.message}`);
      throw error;
    }
  }
  return points;
}

/**
 * Checks the options and reads the history before anything is evaluated (a bad --history fails fast), and
 * returns what writes the report once there is one.
 */
export async function prepareHtmlReport(
  io: CliIo,
  options: HtmlOptions,
): Promise<(report: Report) => Promise<void>> {
  const [file = options.file] = cliPaths([options.file], io.cwd);
  const [dir] = options.history === undefined ? [] : cliPaths([options.history], io.cwd);
  const history = dir === undefined ? [] : await readHistory(dir);
  return async (report) => {
    await writeFile(file, renderHtml(report, { history, version: VERSION })).catch(
      (error: NodeJS.ErrnoException) => {
        throw new CliInputError(`--html: cannot write ${file} (${error.code ?? error.message})`);
      },
    );
    const runs = history.length > 0 ? `, trend over ${history.length + 1} runs` : '';
    io.stderr.write(
      `wrote ${options.file} (${report.evaluations.length} evaluations, ${report.summary.nonCompliant} non-compliant${runs})\n`,
    );
  };
}

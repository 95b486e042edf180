import type { Evaluation } from '../model/evaluation.js';
import {
  type BuildReportInput,
  buildReport,
  type Report,
  type ReportSummary,
  reportErrors,
  SummaryCounter,
} from './report.js';

/** Where the JSON is written: process.stdout, or anything with a write(chunk) (tests, benchmarks). */
export interface JsonSink {
  /** false asks the writer to wait for 'drain' before writing more, as a Node stream does. */
  write(chunk: string): unknown;
}

/**
 * Up to this many list entries (evaluations and errors), the output is pretty-printed; above it, it is
 * compact: an account of 100,000 resources has some 460,000 evaluations, 290 MB compact and 420 MB
 * pretty-printed, and indenting them would take longer than evaluating them.
 */
export const PRETTY_MAX_ENTRIES = 10_000;

/**
 * How many list entries are stringified at once: fewer calls to JSON.stringify are faster, but a string
 * over 128 KB lives in V8's large-object space, which only a full collection frees (some 40 KB here).
 */
const BATCH = 64;

/** What JSON.stringify leaves out of an object: undefined, functions and symbols. */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

function entryCount(report: Report): number {
  return Object.values(report).reduce<number>(
    (count, value) => count + (Array.isArray(value) ? value.length : 0),
    0,
  );
}

/**
 * The `--format json` output in pieces, so that it is never held whole in memory: the report as DESIGN.md
 * specifies it, with one trailing newline. Concatenated, the chunks are exactly
 * `JSON.stringify(report, null, 2)` (pretty-printed) for a report of up to PRETTY_MAX_ENTRIES evaluations
 * and errors, and exactly `JSON.stringify(report)` (compact) for a larger one.
 */
export function* jsonChunks(report: Report): Generator<string, void, undefined> {
  if (entryCount(report) <= PRETTY_MAX_ENTRIES) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  const members = Object.entries(report).filter(([, value]) => !omitted(value));
  let text = '{';
  for (let member = 0; member < members.length; member++) {
    const [key, value] = members[member] as [string, unknown];
    text += `${member > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (!Array.isArray(value) || value.length <= BATCH) {
      text += JSON.stringify(value);
      continue;
    }
    yield `${text}[`;
    for (let start = 0; start < value.length; start += BATCH) {
      // "[a,b,c]" without its brackets; as in JSON.stringify, an entry it cannot write is null.
      const batch = JSON.stringify(value.slice(start, start + BATCH));
      yield `${start > 0 ? ',' : ''}${batch.slice(1, -1)}`;
    }
    text = ']';
  }
  yield `${text}}\n`;
}

/** The `--format json` output as one string (jsonChunks joined); writeJson streams it instead. */
export function renderJson(report: Report): string {
  return Array.from(jsonChunks(report)).join('');
}

/**
 * Writes the `--format json` output chunk by chunk. When the sink is a stream whose write() returns false,
 * waits for its 'drain' event before going on, so that the output does not pile up in memory either.
 */
export async function writeJson(report: Report, sink: JsonSink): Promise<void> {
  for (const chunk of jsonChunks(report)) await writeChunk(sink, chunk);
}

/** Writes one chunk; when the sink is a stream whose write() returns false, waits for its 'drain' event. */
async function writeChunk(sink: JsonSink, chunk: string): Promise<void> {
  const stream = sink as JsonSink & { once?: (event: 'drain', listener: () => void) => unknown };
  if (sink.write(chunk) === false && typeof stream.once === 'function') {
    await new Promise<void>((resolve) => stream.once?.('drain', resolve));
  }
}

/** What writeReportJson needs: buildReport's input, with the evaluations given resource by resource. */
export interface StreamedReportInput extends Omit<BuildReportInput, 'evaluations' | 'resources'> {
  /** How many resources were evaluated. */
  resources: number;
  /**
   * The evaluations, one resource's at a time, in report order (evaluateByResource). Each list is read once,
   * when it comes, and not kept: the evaluations of a large account are never all in memory.
   */
  evaluations: Iterable<readonly Evaluation[]>;
}

/**
 * The `--format json` output of the report that buildReport would build from `input`, byte for byte what
 * writeJson writes for it, without building it: the evaluations are written as they come, in batches, and
 * the summary (which follows them in the report) is counted on the way. Returns the summary (for the exit
 * code). Whether the output is pretty-printed depends on how many evaluations there are, so the first
 * PRETTY_MAX_ENTRIES are held until it is known; a report that small is written by writeJson.
 */
export async function writeReportJson(input: StreamedReportInput, sink: JsonSink): Promise<ReportSummary> {
  const errors = reportErrors(input.errors);
  const groups = input.evaluations[Symbol.iterator]();
  const held: (readonly Evaluation[])[] = [];
  let heldCount = 0;
  let next = groups.next();
  for (; !next.done && heldCount + errors.length <= PRETTY_MAX_ENTRIES; next = groups.next()) {
    held.push(next.value);
    heldCount += next.value.length;
  }
  if (heldCount + errors.length <= PRETTY_MAX_ENTRIES) {
    const report = buildReport({ ...input, evaluations: held.flat(), errors });
    await writeJson(report, sink);
    return report.summary;
  }

  const counter = new SummaryCounter(input.certificateExpiryDays ?? 30);
  const head: Omit<Report, 'evaluations' | 'errors' | 'summary'> = {
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    resources: input.resources,
  };
  // The members before the lists ('{"evaluatedAt":"...","resources":N}' without its closing brace), then each
  // list in batches, as jsonChunks writes them.
  let text = `${JSON.stringify(head).slice(0, -1)},"evaluations":[`;
  let batch: Evaluation[] = [];
  const flush = async () => {
    // "[a,b,c]" without its brackets; as in JSON.stringify, an entry it cannot write is null.
    await writeChunk(sink, `${text}${JSON.stringify(batch).slice(1, -1)}`);
    text = ',';
    batch = [];
  };
  const write = async (evaluations: readonly Evaluation[]) => {
    counter.addResource(evaluations);
    for (const evaluation of evaluations) {
      batch.push(evaluation);
      if (batch.length === BATCH) await flush();
    }
  };
  for (const evaluations of held.splice(0)) await write(evaluations);
  for (; !next.done; next = groups.next()) await write(next.value);
  if (batch.length > 0) await flush();
  text = `${text === ',' ? '' : text}],"errors":[`;
  for (let start = 0; start < errors.length; start += BATCH) {
    await writeChunk(sink, `${text}${JSON.stringify(errors.slice(start, start + BATCH)).slice(1, -1)}`);
    text = ',';
  }
  const summary = counter.summary();
  await writeChunk(sink, `${text === ',' ? '' : text}],"summary":${JSON.stringify(summary)}}\n`);
  return summary;
}

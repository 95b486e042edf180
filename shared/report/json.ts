import type { Evaluation } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import {
  type BuildReportInput,
  buildReport,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportSummary,
  ResourceList,
  reportErrors,
  reportEvaluation,
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
 * @internal Tests probe where the JSON report stops pretty-printing.
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
 * @internal Unit-tested directly: the streamed JSON, chunk by chunk.
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
 * @internal Unit-tested directly: the streamed write, backpressure included.
 */
export async function writeJson(report: Report, sink: JsonSink): Promise<void> {
  for (const chunk of jsonChunks(report)) {
    const drained = writeChunk(sink, chunk);
    if (drained) await drained;
  }
}

/**
 * Writes one chunk. When the sink is a stream whose write() returns false, the promise of its 'drain' event
 * to wait for; otherwise nothing (no promise to await for each of many chunks).
 */
function writeChunk(sink: JsonSink, chunk: string): Promise<void> | undefined {
  const stream = sink as JsonSink & { once?: (event: 'drain', listener: () => void) => unknown };
  if (sink.write(chunk) === false && typeof stream.once === 'function') {
    return new Promise<void>((resolve) => stream.once?.('drain', resolve));
  }
  return undefined;
}

/**
 * Writes the entries of a JSON list, without its brackets, BATCH at a time: exactly the text between the
 * brackets of JSON.stringify(entries). Each batch is stringified behind a 0, "[0,a,b,c]", and written from
 * its comma on (",a,b,c", or "a,b,c" for the first batch), a slice of that string rather than a copy.
 */
function listWriter(initialSink: JsonSink) {
  let sink = initialSink;
  let first = true;
  let batch: unknown[] = [0];
  const flush = () => {
    // As in JSON.stringify, an entry it cannot write is null.
    const json = JSON.stringify(batch);
    batch = [0];
    const written = writeChunk(sink, json.slice(first ? 3 : 2, -1));
    first = false;
    return written;
  };
  return {
    /** A promise to wait for when the sink asked to (see writeChunk). */
    add: (entry: unknown): Promise<void> | undefined => {
      batch.push(entry);
      return batch.length > BATCH ? flush() : undefined;
    },
    end: (): Promise<void> | undefined => (batch.length > 1 ? flush() : undefined),
    /** Writes what follows to `next` instead. */
    redirect: (next: JsonSink) => {
      sink = next;
    },
  };
}

/** What writeReportJson needs: buildReport's input, with the evaluations given resource by resource. */
export interface StreamedReportInput extends Omit<BuildReportInput, 'evaluations' | 'resources'> {
  /** The resources evaluated (each evaluation then names its input file), or their count. */
  resources: readonly Resource[] | number;
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
  const resources = new ResourceList(input.resources);
  const counter = new SummaryCounter(input.policy, resources.size);
  // Each list of evaluations is one resource's: its position (for the KPIs) and its input file are looked up once.
  const add = (evaluations: readonly Evaluation[]) => {
    const first = evaluations[0];
    const position = first === undefined ? undefined : resources.positionOf(first);
    counter.addResource(evaluations, position);
    return resources.fileAt(position);
  };
  // Until there are more than PRETTY_MAX_ENTRIES, the evaluations are held as the compact JSON they will
  // be written as, not as objects: 10,000 evaluations alive together would have V8 allocate every later
  // one straight into the old generation (allocation-site pretenuring), to be freed only by full collections.
  const held: string[] = [];
  const list = listWriter({ write: (chunk: string) => held.push(chunk) });
  let count = 0;
  const groups = input.evaluations[Symbol.iterator]();
  let next = groups.next();
  for (; !next.done && count + errors.length <= PRETTY_MAX_ENTRIES; next = groups.next()) {
    const file = add(next.value);
    count += next.value.length;
    for (const evaluation of next.value) list.add(reportEvaluation(evaluation, file));
  }
  if (count + errors.length <= PRETTY_MAX_ENTRIES) {
    // Pretty-printed. JSON.stringify of the parsed compact JSON is JSON.stringify of the evaluations (which
    // buildReport lists as they are: they already carry their finding id and input file).
    list.end();
    const evaluations = JSON.parse(`[${held.join('')}]`) as Evaluation[];
    const report = buildReport({ ...input, evaluations, errors });
    await writeJson(report, sink);
    return report.summary;
  }

  const head: Omit<Report, 'evaluations' | 'errors' | 'summary'> = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    resources: typeof input.resources === 'number' ? input.resources : input.resources.length,
  };
  // The members before the lists: '{"schemaVersion":"...",...,"resources":N}' without its closing brace.
  await writeChunk(sink, `${JSON.stringify(head).slice(0, -1)},"evaluations":[`);
  for (const chunk of held.splice(0)) {
    const drained = writeChunk(sink, chunk);
    if (drained) await drained;
  }
  list.redirect(sink);
  for (; !next.done; next = groups.next()) {
    const file = add(next.value);
    for (const evaluation of next.value) {
      const drained = list.add(reportEvaluation(evaluation, file));
      if (drained) await drained;
    }
  }
  await list.end();
  await writeChunk(sink, '],"errors":[');
  const errorList = listWriter(sink);
  for (const error of errors) {
    const drained = errorList.add(error);
    if (drained) await drained;
  }
  await errorList.end();
  const summary = counter.summary();
  await writeChunk(sink, `],"summary":${JSON.stringify(summary)}}\n`);
  return summary;
}

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import {
  jsonChunks,
  PRETTY_MAX_ENTRIES,
  renderJson,
  type StreamedReportInput,
  writeJson,
  writeReportJson,
} from '../../../shared/report/json.js';
import { buildReport, type Report } from '../../../shared/report/report.js';
import { ACCOUNT_RESOURCE_COUNT, accountEvaluations } from './evaluations.js';

const EVALUATED_AT = new Date('2026-11-22T00:00:00Z');

function smallReport(): Report {
  return buildReport({
    evaluatedAt: EVALUATED_AT,
    resources: ACCOUNT_RESOURCE_COUNT,
    evaluations: accountEvaluations(),
    errors: [{ source: 'notes.json', message: 'invalid JSON at line 1, column 3: Expected property name' }],
  });
}

/** The account's evaluations repeated under other resource ids, until there are more than `count`. */
function manyEvaluations(count: number): Evaluation[] {
  const account = accountEvaluations();
  const evaluations: Evaluation[] = [];
  for (let copy = 0; evaluations.length <= count; copy++) {
    for (const evaluation of account) {
      evaluations.push({ ...structuredClone(evaluation), resourceId: `${evaluation.resourceId}-${copy}` });
    }
  }
  return evaluations;
}

function largeReport(): Report {
  const evaluations = manyEvaluations(PRETTY_MAX_ENTRIES);
  return buildReport({
    evaluatedAt: EVALUATED_AT,
    resources: evaluations.length / 10,
    evaluations,
    errors: [{ source: 'notes.json', message: 'a "quoted" reason, with a newline\nin it' }],
  });
}

/** The evaluations with a resource for each, read from a file of its own ("in/<n>.json (<format>)"). */
function withFiles(evaluations: Evaluation[]): { resources: Resource[]; evaluations: Evaluation[] } {
  const keys = [...new Set(evaluations.map((e) => `${e.resourceType}\n${e.resourceId}`))];
  const resources = keys.map((key, index) => {
    const [resourceType, resourceId] = key.split('\n');
    return { resourceType, resourceId, tags: {}, source: `in/${index}.json (elbv2 describe-listeners)` };
  });
  return { resources: resources as unknown as Resource[], evaluations };
}

/** A sink that keeps what it is given, as the CLI's stdout would print it. */
function collectingSink() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk) };
}

describe('renderJson', () => {
  it('prints the report as JSON that parses back to the same report', () => {
    // Prepare
    const report = smallReport();

    // Act
    const text = renderJson(report);

    // Assess
    expect(JSON.parse(text)).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('pretty-prints a report of up to PRETTY_MAX_ENTRIES evaluations and errors', () => {
    // Prepare
    const report = smallReport();

    // Act
    const text = renderJson(report);

    // Assess
    expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('prints a larger report compact, exactly as JSON.stringify does, with one trailing newline', () => {
    // Prepare
    const report = largeReport();

    // Act
    const text = renderJson(report);

    // Assess
    expect(report.evaluations.length).toBeGreaterThan(PRETTY_MAX_ENTRIES);
    expect(text).toBe(`${JSON.stringify(report)}\n`);
    expect(JSON.parse(text)).toEqual(report);
  });
});

describe('jsonChunks', () => {
  it('cuts a large report into many chunks, none of them anywhere near the whole output', () => {
    // Prepare
    const report = largeReport();
    const whole = renderJson(report).length;

    // Act
    const chunks = [...jsonChunks(report)];

    // Assess
    expect(chunks.length).toBeGreaterThan(100);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(128 * 1024);
    expect(chunks.join('')).toHaveLength(whole);
  });

  it('leaves out members JSON.stringify leaves out, and writes empty lists as []', () => {
    // Prepare
    const report = { ...largeReport(), errors: [], unsetMember: undefined } as unknown as Report;

    // Act
    const text = [...jsonChunks(report)].join('');

    // Assess
    expect(text).toBe(`${JSON.stringify(report)}\n`);
    expect(text).toContain('"errors":[]');
    expect(text).not.toContain('unsetMember');
  });
});

describe('writeJson', () => {
  it.each([
    ['small', smallReport],
    ['large', largeReport],
  ])('writes exactly what renderJson returns, for a %s report', async (_size, makeReport) => {
    // Prepare
    const report = makeReport();
    const sink = collectingSink();

    // Act
    await writeJson(report, sink);

    // Assess
    expect(sink.chunks.join('')).toBe(renderJson(report));
    expect(JSON.parse(sink.chunks.join(''))).toEqual(JSON.parse(renderJson(report)));
  });

  it("waits for a stream's drain event when its write() asks it to", async () => {
    // Prepare
    const report = largeReport();
    const stream = Object.assign(new EventEmitter(), {
      chunks: [] as string[],
      write(chunk: string) {
        this.chunks.push(chunk);
        return this.chunks.length > 1;
      },
    });

    // Act
    const writing = writeJson(report, stream);
    await new Promise((resolve) => setImmediate(resolve));
    const beforeDrain = stream.chunks.length;
    stream.emit('drain');
    await writing;

    // Assess
    expect(beforeDrain).toBe(1);
    expect(stream.chunks.join('')).toBe(renderJson(report));
  });
});

/** Evaluations as evaluateByResource yields them: one list per resource, in order. */
function byResource(evaluations: readonly Evaluation[]): Evaluation[][] {
  const lists: Evaluation[][] = [];
  for (const evaluation of evaluations) {
    const last = lists.at(-1)?.[0];
    if (last?.resourceId === evaluation.resourceId && last.resourceType === evaluation.resourceType) {
      lists.at(-1)?.push(evaluation);
    } else lists.push([evaluation]);
  }
  return lists;
}

/** Each list of `lists`, yielded lazily and counted, as evaluateByResource would. */
function* lazily(lists: Evaluation[][], taken: { count: number }): Generator<Evaluation[]> {
  for (const list of lists) {
    taken.count++;
    yield list;
  }
}

describe('writeReportJson', () => {
  const cases: [string, () => Omit<StreamedReportInput, 'evaluations'> & { evaluations: Evaluation[] }][] = [
    [
      'a small report (pretty-printed)',
      () => ({
        evaluatedAt: EVALUATED_AT,
        resources: ACCOUNT_RESOURCE_COUNT,
        evaluations: accountEvaluations(),
        errors: [{ source: 'notes.json', message: 'invalid JSON' }],
      }),
    ],
    [
      'a large report (compact), with errors and an expiry window',
      () => ({
        evaluatedAt: '2026-11-22T10:00:00+01:00',
        resources: 1_234,
        evaluations: manyEvaluations(PRETTY_MAX_ENTRIES),
        errors: Array.from({ length: 70 }, (_, i) => ({
          source: `f${i}.json`,
          message: 'a "quoted"\nreason',
        })),
        policy: policySchema.parse({ certificates: { expiryDays: 45 } }),
      }),
    ],
    [
      'exactly PRETTY_MAX_ENTRIES evaluations and errors (pretty-printed)',
      () => ({
        evaluatedAt: EVALUATED_AT,
        resources: 1,
        evaluations: manyEvaluations(PRETTY_MAX_ENTRIES).slice(0, PRETTY_MAX_ENTRIES - 1),
        errors: [{ source: 'a.json', message: 'm' }],
      }),
    ],
    [
      'one entry more (compact), no errors',
      () => ({
        evaluatedAt: EVALUATED_AT,
        resources: 1,
        evaluations: manyEvaluations(PRETTY_MAX_ENTRIES).slice(0, PRETTY_MAX_ENTRIES + 1),
        errors: [],
      }),
    ],
    [
      'no evaluations and more errors than PRETTY_MAX_ENTRIES (compact)',
      () => ({
        evaluatedAt: EVALUATED_AT,
        resources: 0,
        evaluations: [],
        errors: Array.from({ length: PRETTY_MAX_ENTRIES + 1 }, (_, i) => ({
          source: `f${i}`,
          message: 'bad',
        })),
      }),
    ],
    [
      'a small report whose details hold a Date, an undefined member, -0 and a nested list (pretty-printed)',
      () => ({
        evaluatedAt: EVALUATED_AT,
        resources: ACCOUNT_RESOURCE_COUNT,
        evaluations: accountEvaluations().map((evaluation, index) => ({
          ...evaluation,
          details: {
            at: new Date(Date.UTC(2026, 10, index + 1)),
            gone: undefined,
            zero: -0,
            list: [[index], 'é'],
          },
        })),
        errors: [],
      }),
    ],
    ['nothing at all', () => ({ evaluatedAt: EVALUATED_AT, resources: 0, evaluations: [], errors: [] })],
    [
      'a small report whose resources name their input files (pretty-printed)',
      () => ({ ...withFiles(accountEvaluations()), evaluatedAt: EVALUATED_AT, errors: [] }),
    ],
    [
      'a large report whose resources name their input files (compact)',
      () => ({ ...withFiles(manyEvaluations(PRETTY_MAX_ENTRIES)), evaluatedAt: EVALUATED_AT, errors: [] }),
    ],
    [
      'a large report where some resources have two records, read from two files (compact)',
      () => {
        const { resources, evaluations } = withFiles(manyEvaluations(PRETTY_MAX_ENTRIES));
        // Every 50th resource described again in another file, later in the list (contradicting inputs keep both).
        const again = resources
          .filter((_, index) => index % 50 === 0)
          .map((resource, index) => ({
            ...resource,
            source: `again/${index}.json (elbv2 describe-listeners)`,
          }));
        // Each record is judged, so those resources' evaluations come twice, the second time in the records' order.
        const judgedAgain = again.flatMap((resource) =>
          evaluations.filter(
            (e) => e.resourceId === resource.resourceId && e.resourceType === resource.resourceType,
          ),
        );
        return {
          resources: [...resources, ...again],
          evaluations: [...evaluations, ...judgedAgain],
          evaluatedAt: EVALUATED_AT,
          errors: [],
        };
      },
    ],
    [
      'a large report where only some evaluated resources are in the resource list (compact)',
      () => {
        const { resources, evaluations } = withFiles(manyEvaluations(PRETTY_MAX_ENTRIES));
        return {
          resources: resources.filter((_, index) => index % 3 !== 1),
          evaluations,
          evaluatedAt: EVALUATED_AT,
          errors: [],
        };
      },
    ],
  ];

  it('gives each evaluation its finding id and input file in the compact output too', async () => {
    // Prepare
    const input = {
      ...withFiles(manyEvaluations(PRETTY_MAX_ENTRIES)),
      evaluatedAt: EVALUATED_AT,
      errors: [],
    };
    const sink = collectingSink();

    // Act
    await writeReportJson({ ...input, evaluations: byResource(input.evaluations) }, sink);

    // Assess
    const written = JSON.parse(sink.chunks.join('')) as Report;
    expect(sink.chunks.length).toBeGreaterThan(1);
    expect(written.schemaVersion).toBe('1.0');
    const [first] = written.evaluations;
    expect(first?.findingId).toBe(`${first?.ruleId}|${first?.resourceId}`);
    expect(written.evaluations.every((e) => /^in\/\d+\.json$/.test(e.inputFile ?? ''))).toBe(true);
  });

  it.each(cases)(
    'writes byte for byte what writeJson writes for the built report: %s',
    async (_name, make) => {
      // Prepare
      const input = make();
      const report = buildReport(input);
      const sink = collectingSink();

      // Act
      const summary = await writeReportJson({ ...input, evaluations: byResource(input.evaluations) }, sink);

      // Assess
      expect(sink.chunks.join('')).toBe(renderJson(report));
      expect(summary).toEqual(report.summary);
    },
  );

  it('writes the evaluations of a large report as they come, in chunks, not after reading them all', async () => {
    // Prepare
    const lists = byResource(manyEvaluations(PRETTY_MAX_ENTRIES * 3));
    const taken = { count: 0 };
    const takenAtChunk: number[] = [];
    const sink = {
      chunks: [] as string[],
      write(chunk: string) {
        this.chunks.push(chunk);
        takenAtChunk.push(taken.count);
      },
    };

    // Act
    await writeReportJson(
      { evaluatedAt: EVALUATED_AT, resources: lists.length, evaluations: lazily(lists, taken), errors: [] },
      sink,
    );

    // Assess: the first chunk is written once a little over PRETTY_MAX_ENTRIES evaluations are read
    expect(takenAtChunk[0]).toBeLessThan(lists.length / 2);
    expect(Math.max(...sink.chunks.map((chunk) => chunk.length))).toBeLessThan(128 * 1024);
    expect(sink.chunks.join('')).toBe(
      `${JSON.stringify(buildReport({ evaluatedAt: EVALUATED_AT, resources: lists.length, evaluations: lists.flat(), errors: [] }))}\n`,
    );
  });

  it("waits for a stream's drain event when its write() asks it to", async () => {
    // Prepare
    const evaluations = manyEvaluations(PRETTY_MAX_ENTRIES);
    const stream = Object.assign(new EventEmitter(), {
      chunks: [] as string[],
      write(chunk: string) {
        this.chunks.push(chunk);
        return this.chunks.length > 1;
      },
    });

    // Act
    const writing = writeReportJson(
      { evaluatedAt: EVALUATED_AT, resources: 1, evaluations: byResource(evaluations), errors: [] },
      stream,
    );
    await new Promise((resolve) => setImmediate(resolve));
    const beforeDrain = stream.chunks.length;
    stream.emit('drain');
    await writing;

    // Assess
    expect(beforeDrain).toBe(1);
    expect(stream.chunks.join('')).toBe(
      renderJson(buildReport({ evaluatedAt: EVALUATED_AT, resources: 1, evaluations, errors: [] })),
    );
  });
});

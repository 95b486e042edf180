import { type Evaluation, SEVERITIES, type Severity } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { type Policy, policySchema } from '../policy/schema.js';
import { KpiCounter, type Kpis } from './kpis.js';

/**
 * The version of the JSON contract (docs/report.schema.json): the minor goes up when a field is added, the
 * major when one is removed or changes meaning.
 */
export const REPORT_SCHEMA_VERSION = '1.0';

/** A problem with one input (file, API call), as the JSON report lists it. */
export interface ReportError {
  source: string;
  message: string;
}

export interface ReportSummary {
  nonCompliant: number;
  compliant: number;
  notApplicable: number;
  /** NON_COMPLIANT evaluations by severity, every severity present (0 when none). */
  bySeverity: Record<Severity, number>;
  kpis: Kpis;
}

/** An evaluation as the report lists it: with its finding id and, when known, the input file it came from. */
export interface ReportEvaluation extends Evaluation {
  /**
   * Stable across runs: the same rule and resource always give the same id (`<ruleId>|<resourceId>`, the id
   * the deployed monitor's finding store and Slack use).
   */
  findingId: string;
  /** The input file the resource was read from (evaluate, replay); absent for a live scan. */
  inputFile?: string;
}

/** The `--format json` contract of DESIGN.md, whose JSON Schema is docs/report.schema.json. */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** ISO 8601. */
  evaluatedAt: string;
  /** How many resources were evaluated. */
  resources: number;
  evaluations: ReportEvaluation[];
  errors: ReportError[];
  summary: ReportSummary;
}

/** A resource's source when it is an input file; live sources ("api:DescribeListeners", "config:item") are not. */
const isInputFile = (source: string) => !/^[a-z]+:[A-Za-z]/.test(source);

/** The file of a resource's source: "dir/file.json (elbv2 describe-listeners)" names dir/file.json (builder.ts labelOf). */
const fileOfSource = (source: string) => source.replace(/ \([^()]*\)$/, '');

/**
 * The resources an evaluation run judged, looked up by the evaluations: where each resource is in the list (the
 * last record of its type and id, when there are several) and which input file it came from.
 * Built for a million resources (bench iot-1m): ids by type in nested maps (no `type|id` key string built and
 * hashed per resource), each source's file worked out once, and, as evaluations come resource by resource in
 * the order of the list, the next resource tried before the map (a map lookup per resource cost 1.1 s of CPU
 * there). Measured on the iot-1m input: 2.7 s of CPU before, under 1 s after (bench/README.md, iot-1m).
 */
export class ResourceList {
  /** The position of the last record of each type and id. */
  private readonly positions = new Map<string, Map<string, number>>();
  /** Whether any type and id has more than one record. */
  private repeated = false;
  private readonly sourceFiles = new Map<string, string | undefined>();
  private next = 0;
  private readonly resources: readonly Resource[];

  /** Only a count of resources: nothing is found. */
  constructor(resources: readonly Resource[] | number) {
    this.resources = typeof resources === 'number' ? [] : resources;
    this.resources.forEach((resource, position) => {
      let ids = this.positions.get(resource.resourceType);
      if (!ids) {
        ids = new Map();
        this.positions.set(resource.resourceType, ids);
      }
      const size = ids.size;
      ids.set(resource.resourceId, position);
      if (ids.size === size) this.repeated = true;
    });
  }

  /** How many resources are listed. */
  get size(): number {
    return this.resources.length;
  }

  /** The position of the resource the evaluation judged (of its last record); undefined when it is not listed. */
  positionOf(evaluation: Pick<Evaluation, 'resourceType' | 'resourceId'>): number | undefined {
    const candidate = this.resources[this.next];
    // With one record per type and id, the next resource, when it is this one, is the record the map would give.
    if (
      !this.repeated &&
      candidate?.resourceId === evaluation.resourceId &&
      candidate.resourceType === evaluation.resourceType
    ) {
      return this.next++;
    }
    const position = this.positions.get(evaluation.resourceType)?.get(evaluation.resourceId);
    if (position !== undefined) this.next = position + 1;
    return position;
  }

  /** The input file of the resource at `position`; undefined for a live source or no position. */
  fileAt(position: number | undefined): string | undefined {
    if (position === undefined) return undefined;
    const { source } = this.resources[position] as Resource;
    if (this.sourceFiles.has(source)) return this.sourceFiles.get(source);
    const file = isInputFile(source) ? fileOfSource(source) : undefined;
    this.sourceFiles.set(source, file);
    return file;
  }
}

/**
 * The input file of each evaluation, looked up by resource type and id (ResourceList). Returns a function that
 * finds nothing when only a count of resources is given.
 */
function inputFiles(resources: readonly Resource[] | number): (evaluation: Evaluation) => string | undefined {
  const list = new ResourceList(resources);
  let lastType: string | undefined;
  let lastId: string | undefined;
  let lastFile: string | undefined;
  return (evaluation) => {
    if (evaluation.resourceId === lastId && evaluation.resourceType === lastType) return lastFile;
    lastType = evaluation.resourceType;
    lastId = evaluation.resourceId;
    lastFile = list.fileAt(list.positionOf(evaluation));
    return lastFile;
  };
}

/**
 * The evaluation as the report lists it: its finding id first, then the evaluation's members in the contract's
 * order, its input file (when known) last. One object literal with every member, those absent left undefined
 * (JSON leaves them out), rather than a spread: every entry then has the same shape, which made evaluate-100k's
 * entries and their JSON.stringify some 60 ms faster (bench/README.md).
 */
export function reportEvaluation(evaluation: Evaluation, inputFile: string | undefined): ReportEvaluation {
  return {
    // The finding store's findingIdOf, written out: reporters may not import the store (.dependency-cruiser.cjs).
    findingId: `${evaluation.ruleId}|${evaluation.resourceId}`,
    ruleId: evaluation.ruleId,
    status: evaluation.status,
    severity: evaluation.severity,
    resourceType: evaluation.resourceType,
    resourceId: evaluation.resourceId,
    resourceName: evaluation.resourceName,
    accountId: evaluation.accountId,
    region: evaluation.region,
    reason: evaluation.reason,
    details: evaluation.details,
    response: evaluation.response,
    inputFile,
    // Every member named: a member added to Evaluation fails to compile here until the report lists it.
  } satisfies { [Key in keyof Required<ReportEvaluation>]: ReportEvaluation[Key] };
}

export interface BuildReportInput {
  evaluatedAt: Date | string;
  /** The resources evaluated, or their count. */
  resources: readonly Resource[] | number;
  evaluations: readonly Evaluation[];
  errors: readonly ReportError[];
  /** The policy the evaluations were judged by: the expiring KPIs count against its windows (default: the defaults). */
  policy?: Policy;
}

/** Severities from the worst down: critical, high, medium, low, info. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

/**
 * The summary counted as evaluations come, without holding them: `add` one evaluation, or `addResource` the
 * evaluations of one resource. buildReport counts with it, and so does the streamed JSON writer (json.ts).
 */
export class SummaryCounter {
  private nonCompliant = 0;
  private compliant = 0;
  private notApplicable = 0;
  private readonly bySeverity = Object.fromEntries(
    SEVERITIES_WORST_FIRST.map((severity) => [severity, 0]),
  ) as Record<Severity, number>;
  private readonly kpis: KpiCounter;

  /** `positions`: how many resource positions addResource may be given (KpiCounter). */
  constructor(policy: Policy = policySchema.parse({}), positions = 0) {
    this.kpis = new KpiCounter(policy, positions);
  }

  add(evaluation: Evaluation): void {
    this.count(evaluation);
    this.kpis.add(evaluation);
  }

  /**
   * The evaluations of one resource (an evaluateResource result): all of the same resource type and id; with
   * the resource's position in the resource list (ResourceList.positionOf), when it is known.
   */
  addResource(evaluations: readonly Evaluation[], position?: number): void {
    for (const evaluation of evaluations) this.count(evaluation);
    this.kpis.addResource(evaluations, position);
  }

  summary(): ReportSummary {
    return {
      nonCompliant: this.nonCompliant,
      compliant: this.compliant,
      notApplicable: this.notApplicable,
      bySeverity: { ...this.bySeverity },
      kpis: this.kpis.kpis(),
    };
  }

  private count(evaluation: Evaluation): void {
    if (evaluation.status === 'NON_COMPLIANT') {
      this.nonCompliant++;
      this.bySeverity[evaluation.severity]++;
    } else if (evaluation.status === 'COMPLIANT') this.compliant++;
    else if (evaluation.status === 'NOT_APPLICABLE') this.notApplicable++;
  }
}

/** The report's errors as the contract lists them: source and message, nothing else. */
export function reportErrors(errors: readonly ReportError[]): ReportError[] {
  return errors.map(({ source, message }) => ({ source, message }));
}

export function buildReport(input: BuildReportInput): Report {
  const counter = new SummaryCounter(input.policy);
  for (const evaluation of input.evaluations) counter.add(evaluation);
  const fileOf = inputFiles(input.resources);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    resources: typeof input.resources === 'number' ? input.resources : input.resources.length,
    evaluations: input.evaluations.map((evaluation) => reportEvaluation(evaluation, fileOf(evaluation))),
    errors: reportErrors(input.errors),
    summary: counter.summary(),
  };
}

/**
 * The monthly AWS cost of transit-guard's stacks from their workload: what each function, queue, table, metric,
 * alarm and rule is billed for, at the list prices of ./prices.ts. Every usage line is a count of something
 * that happens per change, per resource per sweep, or per stack, so that a line that grows faster than its
 * workload shows in the test (test/bench/cost/model.test.ts). The assumptions (durations, log sizes, shares of
 * open findings) are named constants, and bench/README.md lists them.
 */
import { PRICES, type PriceKey } from './prices.js';

const DAYS = 30;
const HOURS = DAYS * 24;

/** What one stack (an account-region) sees. */
export interface StackWorkload {
  /** Changes of in-scope resources a day (each seen by CloudTrail, the Config item change and the Config rule). */
  changesPerDay: number;
  resources: number;
  /** Regions the stack covers (1: a stack per account-region). */
  regions: number;
  /** Sweeps a day (the sweepSchedule param: rate(6 hours)). */
  sweepsPerDay: number;
  /** Registered families: one sweep work item each per region, plus pages. */
  families: number;
}

/** The per-stack choices the fixed costs come from: before and after issue #17's reductions. */
export interface StackSettings {
  /** The Config rule's daily evaluation of every resource (ScheduledNotification). */
  periodicConfigRule: boolean;
  alarms: number;
  /** Functions publishing a ColdStart metric (Powertools captureColdStartMetric). */
  coldStartMetrics: number;
  /** Metrics sent on every event (EventsInspected, NonCompliantEvaluations, ConfigEvaluations). */
  perEventMetrics: number;
  /** The KPI dashboard (billed beyond 3 dashboards per account). */
  dashboard: boolean;
  /** KPI metrics published after each sweep (with the dashboard only: param kpiDashboard sets TG_KPI_METRICS). */
  kpiMetrics: number;
  /** SQS queues a function consumes (each polled by Lambda when idle). */
  polledQueues: number;
}

export const BEFORE: StackSettings = {
  periodicConfigRule: true,
  alarms: 10,
  coldStartMetrics: 7,
  perEventMetrics: 3,
  dashboard: true,
  kpiMetrics: 10,
  polledQueues: 2,
};

export const AFTER: StackSettings = {
  periodicConfigRule: false,
  alarms: 4,
  coldStartMetrics: 0,
  perEventMetrics: 0,
  dashboard: false,
  kpiMetrics: 0,
  polledQueues: 3,
};

/** Assumptions, each a round figure from the handler benchmarks or a stated guess (bench/README.md). */
const ASSUMPTIONS = {
  /** Invocations per change: CloudTrail, the Config item change, the Config rule. */
  triggersPerChange: 3,
  eventSeconds: 0.4,
  eventGb: 0.5,
  /** A sweep work item's fixed part, and its time per resource read, evaluated and recorded. */
  itemSeconds: 0.5,
  secondsPerResource: 0.01,
  workerGb: 1,
  plannerSeconds: 1,
  /** Resources one work item reads beyond its first page (ACM: 1,000 certificates a page). */
  resourcesPerPage: 1000,
  /** Findings open per resource (two rules of one in ten resources). */
  openFindingsPerResource: 0.2,
  /** Changes that open, change or resolve a finding (a bus event, a Slack message). */
  transitionsPerChange: 0.05,
  logKbPerInvocation: 2,
  /** Lambda's idle polling of a standard queue: 5 long polls of 20 s at a time (assumed). */
  idleReceivesPerQueueMonth: (5 * HOURS * 3600) / 20,
  /** Events the inspectors route but ignore (an IAM certificate upload): rare. */
  ignoredPerChange: 0.01,
  /** Open findings a 4 KB read unit returns when listing them. */
  findingsPerReadUnit: 4,
  /**
   * Write units of a family-region's ADD to its sweep's run record (shared/state/sweep-runs.ts): an UpdateItem is
   * billed on the item's size, 1 KB a unit; a run of ten families and a handful of KPIs is under 2 KB.
   */
  runRecordWriteUnits: 2,
} as const;

export type Usage = Partial<Record<PriceKey, number>>;

/** The share of the month's hours with at least one data point, for events arriving `perDay` at random. */
function hoursWithData(perDay: number): number {
  return perDay <= 0 ? 0 : 1 - Math.exp(-perDay / 24);
}

/** What a member stack uses in a month. */
export function stackUsage(w: StackWorkload, s: StackSettings): Usage {
  const a = ASSUMPTIONS;
  const changes = w.changesPerDay * DAYS;
  const triggers = changes * a.triggersPerChange;
  const sweeps = w.sweepsPerDay * DAYS;
  const items = w.regions * w.families + Math.floor(w.resources / a.resourcesPerPage);
  const transitions = changes * a.transitionsPerChange;
  const invocations = triggers + sweeps * (1 + items) + transitions;
  const open = w.resources * a.openFindingsPerResource;
  // The last page of each family and region lists its own open findings (the open-by-place index) to resolve the
  // deleted ones: at least a read unit per family-region, and each open finding read once a sweep. Listing every
  // open finding of the stack there made it regions x families x open findings: quadratic in regions.
  const staleReads = sweeps * (w.regions * w.families + open / a.findingsPerReadUnit);
  // The fan-in: the planner reads the previous run (a Query) and writes the new one; each family-region adds to it
  // once; the last one lists the open findings for the digest and marks the run published.
  const fanInReads = sweeps * (1 + open / a.findingsPerReadUnit);
  const fanInWrites = sweeps * (1 + w.regions * w.families * a.runRecordWriteUnits + a.runRecordWriteUnits);
  const eventHours = hoursWithData(w.changesPerDay * a.triggersPerChange);
  const sweepHours = Math.min(1, w.sweepsPerDay / 24);
  const metricMonths =
    s.perEventMetrics * eventHours +
    hoursWithData(w.changesPerDay * a.ignoredPerChange) + // EventsIgnored
    2 * sweepHours + // SweepItemsPlanned, SweptResources
    s.kpiMetrics * sweepHours +
    s.coldStartMetrics * eventHours +
    hoursWithData(w.changesPerDay * a.transitionsPerChange); // SlackMessagesDelivered
  return {
    lambdaRequest: invocations,
    lambdaGbSecondArm:
      triggers * a.eventSeconds * a.eventGb +
      sweeps * (a.plannerSeconds * a.eventGb + items * a.itemSeconds * a.workerGb) +
      sweeps * w.resources * a.secondsPerResource * a.workerGb,
    eventBridgeCustomEvent: transitions + sweeps,
    sqsRequest: sweeps * items * 3 + transitions * 3 + s.polledQueues * a.idleReceivesPerQueueMonth,
    dynamoDbRead: triggers + sweeps * w.resources + staleReads + fanInReads,
    dynamoDbWrite: triggers * (1 + 2 * a.openFindingsPerResource) + sweeps * open + fanInWrites,
    cloudWatchMetric: metricMonths,
    cloudWatchAlarm: s.alarms,
    cloudWatchDashboard: s.dashboard ? 1 : 0,
    cloudWatchLogsIngestion: (invocations * a.logKbPerInvocation) / 1024 / 1024,
    xrayTrace: invocations,
    configRuleEvaluation: changes + (s.periodicConfigRule ? w.resources * DAYS : 0),
  };
}

/** The security account's stack: the aggregator sweep of the whole organization and the central findings. */
function centralUsage(org: { resources: number; changesPerDay: number; sweepsPerDay: number }): Usage {
  const a = ASSUMPTIONS;
  const sweeps = org.sweepsPerDay * DAYS;
  const items = Math.ceil(org.resources / 100);
  const transitions = org.changesPerDay * DAYS * a.transitionsPerChange;
  const open = org.resources * a.openFindingsPerResource;
  return {
    lambdaRequest: sweeps * (1 + items) + transitions,
    lambdaGbSecondArm: sweeps * (items * a.itemSeconds + org.resources * a.secondsPerResource) * a.workerGb,
    sqsRequest: sweeps * items * 3 + 3 * a.idleReceivesPerQueueMonth,
    // One listing of the open findings per sweep (its last page): linear in the organization.
    dynamoDbRead: sweeps * org.resources + (sweeps * open) / a.findingsPerReadUnit,
    dynamoDbWrite: sweeps * open + transitions,
    eventBridgeCrossAccountDelivery: transitions,
    cloudWatchAlarm: 4,
    cloudWatchMetric: 2 * Math.min(1, org.sweepsPerDay / 24),
    cloudWatchLogsIngestion: ((sweeps * items + transitions) * a.logKbPerInvocation) / 1024 / 1024,
    xrayTrace: sweeps * (1 + items) + transitions,
    securityHubIngestion: transitions,
  };
}

/** Config rule evaluations are tiered per account-region: $0.001, then $0.0008 after 100,000, $0.0005 after 500,000. */
function configRuleCost(evaluations: number): number {
  const first = Math.min(evaluations, 100_000);
  const second = Math.min(Math.max(evaluations - 100_000, 0), 400_000);
  const rest = Math.max(evaluations - 500_000, 0);
  return first * 0.001 + second * 0.0008 + rest * 0.0005;
}

/** The cost of each line, in USD. */
export function costOf(usage: Usage): Partial<Record<PriceKey, number>> {
  return Object.fromEntries(
    Object.entries(usage).map(([key, quantity]) => [
      key,
      key === 'configRuleEvaluation'
        ? configRuleCost(quantity ?? 0)
        : key === 'securityHubIngestion'
          ? Math.max(0, (quantity ?? 0) - 10_000) * PRICES.securityHubIngestion.usd
          : (quantity ?? 0) * PRICES[key as PriceKey].usd,
    ]),
  );
}

export function totalOf(costs: Partial<Record<PriceKey, number>>): number {
  return Object.values(costs).reduce((sum, usd) => sum + (usd ?? 0), 0);
}

/** The scenarios issue #17 asks for. */
export const SMALL: StackWorkload = {
  changesPerDay: 50,
  resources: 200,
  regions: 1,
  sweepsPerDay: 4,
  families: 10,
};
export const LARGE: StackWorkload = {
  changesPerDay: 20_000,
  resources: 20_000,
  regions: 1,
  sweepsPerDay: 4,
  families: 10,
};
/** 50 accounts x 4 regions, 200,000 resources: 1,000 per account-region, 50 changes a day each (assumed). */
export const ORGANIZATION = { accounts: 50, regions: 4, member: { ...SMALL, resources: 1000 } };

export function organizationCost(org: typeof ORGANIZATION, settings: StackSettings) {
  const stacks = org.accounts * org.regions;
  const member = totalOf(costOf(stackUsage(org.member, settings)));
  const central = totalOf(
    costOf(
      centralUsage({
        resources: stacks * org.member.resources,
        changesPerDay: stacks * org.member.changesPerDay,
        sweepsPerDay: org.member.sweepsPerDay,
      }),
    ),
  );
  return { stacks, member, central, total: stacks * member + central };
}

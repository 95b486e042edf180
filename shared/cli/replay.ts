import { createHash } from 'node:crypto';
import { Command } from 'commander';
import { parseConfigRuleInvocation } from '../events/config.js';
import { EventValidationError } from '../events/errors.js';
import type { RouteResult } from '../events/result.js';
import { isConfigRuleInvocation, routeEvent } from '../events/route.js';
import { CLOUDTRAIL_DETAIL_TYPE } from '../events/schemas.js';
import { createFileInventorySource } from '../inventory/file-source.js';
import { type ReadLimit, readInputFile } from '../inventory/input-file.js';
import { CONFIG_FAMILIES, type InventorySource } from '../inventory/live/port.js';
import { describeJsonError, loadInventory } from '../inventory/load.js';
import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import type { FindingMessage } from '../report/findings-bus.js';
import { buildReport } from '../report/report.js';
import { RULES } from '../rules/index.js';
import { createMemoryFindingStore } from '../state/memory-store.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { type InspectOutcome, inspectEvent } from '../usecase/inspect.js';
import { sweep } from '../usecase/sweep.js';
import { withDefaults } from './evaluate.js';
import { CliInputError, type CliIo, type ExitCode, NothingJudgedError, UsageError } from './io.js';
import { cliPaths, parseFileLimit } from './options.js';
import {
  addDefaultRegionOption,
  addReportOptions,
  defaultRegionOf,
  type ReportFlags,
  reportSettings,
} from './report-options.js';
import { writeReport } from './report-writer.js';

/** replay's own flags, beside the report flags. */
interface ReplayFlags extends ReportFlags {
  inventory?: string[];
  maxFileSize?: string;
  ownRoleArn?: string;
  region?: string;
}

/** A repeatable flag's values, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

export function replayCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  const command = new Command('replay')
    .summary('run recorded events through the event-driven use case, resources read from files (dry run)')
    .description(
      "Runs recorded events through the event-driven use case, the resources' current state taken from files " +
        '(dry run: nothing is read from or written to AWS). Events: EventBridge events, Config rule invocations, ' +
        'bare CloudTrail records and {"Records": [...]} log files.',
    )
    .argument('[events...]', 'event files')
    .option(
      '--inventory <path>',
      'describe-* output or Config items, as evaluate reads them (repeatable)',
      collect,
    );
  addReportOptions(command);
  addDefaultRegionOption(command);
  return command
    .option('--own-role-arn <arn>', 'the remediation role: events it caused are ignored (loop guard)')
    .option('--max-file-size <MiB>', 'as for evaluate (the limit applies to event files too)')
    .addHelpText(
      'after',
      `
Examples:
  transit-guard replay event.json --inventory account/
  transit-guard replay cloudtrail/*.json --inventory account/ --format json --fail-on high
`,
    )
    .action((events: string[], flags: ReplayFlags) => run(() => runReplay(events, flags, io)));
}

// ---------------------------------------------------------------- shared with scan

/** The policy file (or defaults) with dryRun forced on, after the same checks `evaluate` and `policy check` make. */
export async function loadDryRunPolicy(
  file: string | undefined,
  io: CliIo,
  tlsPolicies: readonly ResolvedTlsPolicy[] = [],
): Promise<Policy> {
  const policy = await loadPolicy(file, io.cwd === undefined ? {} : { cwd: io.cwd });
  const tls = createTlsCatalog({ tlsPolicies: [...tlsPolicies] });
  const problems = checkPolicy(policy, { rules: RULES, tls });
  if (problems.length > 0) {
    throw new CliInputError(
      `Invalid policy file ${file ?? DEFAULT_POLICY_FILE}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  // The CLI never writes to AWS, whatever the file says: every action is planned and reported only.
  return { ...policy, dryRun: true };
}

// ---------------------------------------------------------------- reading events

/** One event found in a file, ready to route (or the reason it cannot be). */
interface EventInput {
  /** The file, plus `Records[i]` / `[i]` when the file holds several. */
  source: string;
  file: string;
  event: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A CloudTrail record without an envelope (as in a log file or `aws cloudtrail lookup-events` CloudTrailEvent).
 * @internal Unit-tested directly: which files replay takes as bare CloudTrail records.
 */
export function isCloudTrailRecord(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) &&
    !('detail-type' in value) &&
    typeof value.eventSource === 'string' &&
    typeof value.eventName === 'string' &&
    typeof value.awsRegion === 'string'
  );
}

/** A stable UUID-shaped id for a record that carries no eventID. */
function derivedEventId(record: unknown): string {
  const hex = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Wraps a bare CloudTrail record in the EventBridge envelope AWS would deliver it in ("AWS API Call via
 * CloudTrail"): source from eventSource (elasticloadbalancing.amazonaws.com -> aws.elasticloadbalancing),
 * account, region and time from the record, id = eventID (or one derived from the record).
 * @internal Unit-tested directly: the EventBridge envelope replay puts around a bare CloudTrail record.
 */
export function wrapCloudTrailRecord(record: Record<string, unknown>): Record<string, unknown> {
  const eventSource = String(record.eventSource);
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const account = [record.recipientAccountId, identity.accountId].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return {
    version: '0',
    id: typeof record.eventID === 'string' && record.eventID !== '' ? record.eventID : derivedEventId(record),
    'detail-type': CLOUDTRAIL_DETAIL_TYPE,
    source: `aws.${eventSource.replace(/\.amazonaws\.com$/, '')}`,
    // An empty account fails validation with "account: ..." naming the field, as for any envelope.
    account: account ?? '',
    time: typeof record.eventTime === 'string' ? record.eventTime : '',
    region: record.awsRegion,
    resources: [],
    detail: record,
  };
}

/** The events a parsed file holds: one event, a `{Records: [...]}` CloudTrail log file, or a JSON array of either. */
function eventsIn(document: unknown, file: string): EventInput[] {
  const one = (event: unknown, source: string): EventInput => ({
    source,
    file,
    event: isCloudTrailRecord(event) ? wrapCloudTrailRecord(event) : event,
  });
  if (Array.isArray(document)) return document.map((event, index) => one(event, `${file} [${index}]`));
  if (isObject(document) && Array.isArray(document.Records) && !('detail-type' in document)) {
    return document.Records.map((record, index) => one(record, `${file} Records[${index}]`));
  }
  return [one(document, file)];
}

async function readEventFile(
  path: string,
  file: string,
  limit: ReadLimit,
): Promise<{ events: EventInput[] } | InputError> {
  const read = await readInputFile(path, limit);
  if ('error' in read) return { source: file, message: `cannot read the event file: ${read.error}` };
  let text = read.bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { source: file, message: describeJsonError(error, text) };
  }
  const events = eventsIn(document, file);
  if (events.length === 0) return { source: file, message: 'no events in this file' };
  return { events };
}

// ---------------------------------------------------------------- routing

interface Routed {
  route: RouteResult;
  eventName: string;
  /** A periodic AWS Config rule invocation: every recorded resource of this region is evaluated. */
  periodicRegion?: string;
}

/** What the event is called in the replay listing, for routes that do not say (ignored events). */
function eventNameOf(event: unknown): string {
  if (!isObject(event)) return '(unknown)';
  const detail = isObject(event.detail) ? event.detail : {};
  if (event['detail-type'] === CLOUDTRAIL_DETAIL_TYPE && typeof detail.eventName === 'string') {
    return detail.eventName;
  }
  return typeof event['detail-type'] === 'string' ? event['detail-type'] : '(unknown)';
}

const EXPECTED_EVENTS =
  'expected an EventBridge event (detail-type, source, detail), an AWS Config rule invocation (invokingEvent), a CloudTrail record (eventSource, eventName, awsRegion) or a CloudTrail log file (Records)';

/** Something that is no kind of event at all gets one clear message instead of every missing envelope field. */
function assertLooksLikeEvent(event: unknown): void {
  if (isObject(event) && ['detail-type', 'source', 'detail'].some((key) => key in event)) return;
  const found = isObject(event)
    ? `an object with the keys ${Object.keys(event).slice(0, 8).join(', ') || '(none)'}`
    : Array.isArray(event)
      ? 'an array'
      : event === null
        ? 'null'
        : `a ${typeof event}`;
  throw new EventValidationError(`not a recognized event: ${EXPECTED_EVENTS}; found ${found}`);
}

/** Routes an event as the Lambda functions do: EventBridge (CloudTrail, ACM, Config) or a Config rule invocation. */
function routeOne(event: unknown): Routed {
  if (isConfigRuleInvocation(event)) {
    const invocation = parseConfigRuleInvocation(event);
    return {
      route: invocation.route,
      eventName: invocation.messageType,
      ...(invocation.trigger === 'periodic' ? { periodicRegion: invocation.region } : {}),
    };
  }
  assertLooksLikeEvent(event);
  const route = routeEvent(event);
  return { route, eventName: route.kind === 'inspect' ? route.eventName : eventNameOf(event) };
}

// ---------------------------------------------------------------- replay

/**
 * One line of the replay listing (`events` in the JSON output).
 * @internal Tests type the replay report's events with it.
 */
export interface ReplayedEvent {
  file: string;
  eventId: string;
  eventName: string;
  /** Why nothing was inspected. */
  ignored?: string;
  /** The call deleted the resources: open findings would be resolved, nothing is evaluated. */
  deleted?: true;
  /** What the event touched (and was looked up in the inventory). */
  refs: ResourceRef[];
}

/**
 * A ScheduledNotification (or snapshot delivery) as the config-rule function handles it: every resource AWS
 * Config records in the invocation's region, here every such resource of the files, evaluated (the sweep use case
 * over the Config families).
 */
async function replayPeriodic(
  routed: Routed,
  region: string,
  deps: MonitorDeps,
): Promise<Pick<InspectOutcome, 'evaluations' | 'errors'> & { ignored?: string }> {
  const source: InventorySource = {
    read: (refs) => deps.source.read(refs),
    enumerate: (where) => deps.source.enumerate(where, CONFIG_FAMILIES),
  };
  const outcome = await sweep({ ...deps, source }, { sweepId: routed.route.eventId, regions: [region] });
  return {
    evaluations: outcome.evaluations,
    errors: outcome.errors,
    ...(outcome.resources === 0 ? { ignored: `no resource of region ${region} in the inventory files` } : {}),
  };
}

/**
 * The file source, remembering each record it handed out (the report counts resources, not evaluations):
 * by record, as two descriptions of one resource that contradict each other are both judged.
 */
function recordingSource(source: InventorySource, seen: Set<Resource>): InventorySource {
  return {
    async read(refs) {
      const result = await source.read(refs);
      for (const resource of result.resources) seen.add(resource);
      return result;
    },
    async enumerate(region, families) {
      const result = await source.enumerate(region, families);
      for (const resource of result.resources) seen.add(resource);
      return result;
    },
  };
}

/** "file: ModifyListener (id) -> inspected arn:..." for the table output. */
function eventLine(event: ReplayedEvent): string {
  const head = `${event.file}: ${event.eventName} (${event.eventId})`;
  if (event.ignored) return `  ${head}: ignored, ${event.ignored}`;
  const ids = event.refs.map((ref) => ref.resourceId).join(', ');
  return `  ${head}: ${event.deleted ? 'deleted' : 'inspected'} ${ids}`;
}

function eventsHeader(events: readonly ReplayedEvent[]): string {
  if (events.length === 0) return '';
  return `Events (${events.length}):\n${events.map(eventLine).join('\n')}\n\n`;
}

/** An error once per source and message (two events touching the same missing resource name it once). */
function uniqueErrors(errors: readonly InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.source}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The last evaluation of each rule, resource and verdict: an event replayed twice on a resource judges it
 * once, and two descriptions of it that the files contradict on are each judged (the files do not change).
 */
function latestEvaluations(evaluations: readonly Evaluation[]): Evaluation[] {
  const byKey = new Map<string, Evaluation>();
  for (const evaluation of evaluations) {
    const key = [evaluation.ruleId, evaluation.resourceId, evaluation.status, evaluation.reason].join(
      '\u0000',
    );
    byKey.delete(key);
    byKey.set(key, evaluation);
  }
  return [...byKey.values()];
}

/**
 * `replay <event.json>... --inventory <file|dir>`: runs the same use case as the event-driven functions
 * (inspectEvent) on recorded events, with the resources' current state taken from files. Dry run: nothing is
 * read from or written to AWS. Exit 2 only when no event could be replayed.
 */
async function runReplay(positionals: string[], values: ReplayFlags, io: CliIo): Promise<ExitCode> {
  const settings = reportSettings(values, io);
  const { format, now } = settings;
  const region = defaultRegionOf(values.region);
  if (positionals.length === 0) throw new UsageError('replay needs at least one event file');
  const inventoryPaths = values.inventory ?? [];
  if (inventoryPaths.length === 0) {
    throw new UsageError(
      'replay needs --inventory <file|dir>: the current state of the resources the events name',
    );
  }
  const ownRoleArn = values.ownRoleArn;
  if (ownRoleArn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(ownRoleArn)) {
    throw new UsageError(
      `--own-role-arn: "${ownRoleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  }

  const limit = parseFileLimit(values.maxFileSize);
  const loaded = await loadInventory(cliPaths(inventoryPaths, io.cwd), { limit });
  const inventory = { ...loaded, resources: withDefaults(loaded.resources, settings.account, region) };
  if (inventory.resources.length === 0 && inventory.errors.length > 0) {
    throw new CliInputError(
      `No resources in the inventory:\n${inventory.errors.map((e) => `  - ${e.source}: ${e.message}`).join('\n')}`,
    );
  }
  const policy = await loadDryRunPolicy(values.policy, io, inventory.tlsPolicies);

  const evaluatedAt = now ?? new Date();
  const resources = new Set<Resource>();
  // Findings are collected, never sent: a replay has no findings bus, Slack or remediation queue.
  const published: FindingMessage[] = [];
  const deps: MonitorDeps = {
    source: recordingSource(createFileInventorySource(inventory), resources),
    findings: createMemoryFindingStore(),
    publish: async (messages) => {
      published.push(...messages);
    },
    policy,
    rules: RULES,
    now: () => evaluatedAt,
    // The files are the user's: no account or region is out of scope.
    scope: {},
    ...(ownRoleArn ? { ownIdentity: { roleArn: ownRoleArn } } : {}),
  };

  const errors: InputError[] = [...inventory.errors];
  const events: ReplayedEvent[] = [];
  const evaluations: Evaluation[] = [];
  // Events that judged a resource (or resolved a deletion), and events whose resources could not be read.
  let judged = 0;
  let unreadable = 0;
  const paths = cliPaths(positionals, io.cwd);
  for (const [index, file] of positionals.entries()) {
    const read = await readEventFile(paths[index] ?? file, file, limit);
    if (!('events' in read)) {
      errors.push(read);
      continue;
    }
    for (const input of read.events) {
      let routed: Routed;
      try {
        routed = routeOne(input.event);
      } catch (error) {
        if (!(error instanceof EventValidationError)) throw error;
        errors.push({ source: input.source, message: error.message });
        continue;
      }
      const outcome = routed.periodicRegion
        ? await replayPeriodic(routed, routed.periodicRegion, deps)
        : await inspectEvent(routed.route, deps);
      const refs = routed.route.kind === 'inspect' ? routed.route.refs : [];
      events.push({
        file: input.source,
        eventId: routed.route.eventId,
        eventName: routed.eventName,
        ...(outcome.ignored ? { ignored: outcome.ignored } : {}),
        ...(routed.route.kind === 'inspect' && routed.route.deleted ? { deleted: true as const } : {}),
        refs,
      });
      evaluations.push(...outcome.evaluations);
      errors.push(...outcome.errors);
      if (outcome.evaluations.length > 0 || (routed.route.kind === 'inspect' && routed.route.deleted))
        judged++;
      else if (outcome.errors.length > 0) unreadable++;
    }
  }
  if (events.length === 0) {
    throw new CliInputError(
      `No event could be replayed:\n${errors.map((e) => `  - ${e.source}: ${e.message}`).join('\n')}`,
    );
  }
  // Events whose resources the files lack were replayed but judged nothing: an all-clear would be false.
  if (unreadable > 0 && judged === 0) {
    throw new CliInputError(
      `nothing to evaluate: no event could be evaluated, the inventory lacks what they name:\n${uniqueErrors(
        errors,
      )
        .map((e) => `  - ${e.source}: ${e.message}`)
        .join('\n')}`,
    );
  }
  // Ignored events only, exit 3 (failed calls, out-of-scope calls, transit-guard's own changes): an all-clear would be false.
  if (judged === 0) {
    const lines = [
      ...events.map((event) => `  - ${eventLine(event).trimStart()}`),
      ...uniqueErrors(errors).map((e) => `  - ${e.source}: ${e.message}`),
    ];
    throw new NothingJudgedError(
      `nothing to evaluate: no event judged a resource. Read:\n${lines.join('\n')}`,
    );
  }

  const report = buildReport({
    evaluatedAt,
    resources: [...resources],
    evaluations: latestEvaluations(evaluations),
    errors: uniqueErrors(errors),
    policy,
  });
  return writeReport(io, report, {
    ...settings.write,
    extra: { events },
    tableHeader: eventsHeader(events),
    // SARIF has no place for them; a person still sees what was replayed.
    ...(format === 'sarif'
      ? { stderrNotes: events.map((event) => `replayed:${eventLine(event).slice(1)}`) }
      : {}),
  });
}

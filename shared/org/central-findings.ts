import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { type Evaluation, type Severity, severityRank } from '../model/evaluation.js';
import { RESOURCE_TYPES } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { OcsfComplianceFinding } from '../report/ocsf.js';
import { buildDigestMessage, foldAlerts } from '../report/slack/digest.js';
import { buildFindingMessage } from '../report/slack/message.js';
import type { SlackPayload } from '../report/slack/payload.js';
import type { FindingRecord } from '../state/finding-store.js';
import type {
  CentralChannel,
  CentralEvent,
  CentralFinding,
  CentralTable,
  CentralTransition,
} from './central-table.js';
import { ROUTE_SLACK_DEFAULTS, type SlackRoute } from './config.js';
import type { CentralAccount, CentralAsffFinding, ExportResult } from './security-hub.js';
import { securityHubFinding } from './security-hub.js';
import { ocsfOfCentralFinding } from './security-lake.js';
import { type OuPathOf, routeFor } from './slack-routes.js';

/**
 * What member stacks put on the central bus: the findings-bus entries of shared/report/findings-bus.ts
 * (source "transit-guard", detail-type "Transit Finding", detail a FindingMessage), forwarded by the member's
 * rule; EventBridge keeps the member's account and region in the envelope.
 */
const MEMBER_SOURCE = 'transit-guard';
const MEMBER_DETAIL_TYPE = 'Transit Finding';

const text = z.string().min(1);

/** The part of a FindingMessage the central stack relies on; other members are kept as sent. */
const evaluationSchema = z.looseObject({
  ruleId: text,
  status: z.enum(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  resourceType: z.enum(RESOURCE_TYPES),
  resourceId: text,
  resourceName: z.string().optional(),
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: text.optional(),
  reason: z.string(),
});

const memberEventSchema = z.looseObject({
  id: text,
  'detail-type': z.literal(MEMBER_DETAIL_TYPE),
  source: z.literal(MEMBER_SOURCE),
  account: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'),
  region: text,
  detail: z.looseObject({
    kind: z.enum(['finding', 'resolution', 'plan', 'action']),
    evaluation: evaluationSchema,
    observedAt: z.iso.datetime({ offset: true }),
  }),
});

/** A member event the central stack cannot read: the error names the field (thrown before anything is written). */
export class CentralEventValidationError extends Error {
  override name = 'CentralEventValidationError';
}

/** A member's event off the central bus, validated; the error names the field that is wrong. */
export function parseMemberEvent(event: unknown): CentralEvent {
  const parsed = memberEventSchema.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    const id = (event as { id?: unknown } | null)?.id;
    throw new CentralEventValidationError(
      `member event${typeof id === 'string' ? ` ${id}` : ''}: ${problems.join('; ')}`,
    );
  }
  const { id, account, region, detail } = parsed.data;
  return { eventId: id, account, region, message: detail as unknown as FindingMessage };
}

/**
 * Slack or Security Hub refused something: it stays owed in the central table and the event is retried.
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class CentralDeliveryError extends Error {
  override name = 'CentralDeliveryError';
}

interface RoutedSlackMessage {
  /** The secret naming the channel's webhook (the route's `channel`). */
  channel: string;
  payload: SlackPayload;
}

export interface CentralPorts {
  table: CentralTable;
  /** Absent: Slack is off in the central stack. */
  slack?: {
    routes: readonly SlackRoute[];
    ouPathOf: OuPathOf;
    enqueue(messages: RoutedSlackMessage[]): Promise<void>;
  };
  /** Absent: TG_SECURITY_HUB is off. */
  securityHub?: {
    central: CentralAccount;
    export(findings: CentralAsffFinding[]): Promise<ExportResult>;
  };
  /** Absent: TG_SECURITY_LAKE_BUCKET is unset. Writes the events as few objects as it can; throws if refused. */
  securityLake?: {
    write(events: OcsfComplianceFinding[]): Promise<void>;
  };
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The time Slack tallies are counted at (ISO 8601); default the clock. */
  now?: () => string;
}

export interface CentralSummary {
  transitions: Partial<Record<CentralTransition | 'stale' | 'response', number>>;
  slack: number;
  securityHub: number;
  /** OCSF events written to Security Lake. */
  securityLake: number;
}

const SECURITY_HUB_TRANSITIONS: ReadonlySet<CentralTransition> = new Set(['opened', 'changed', 'resolved']);

const keyText = (record: CentralFinding) => `${record.accountId}#${record.region}#${record.findingId}`;

/** The Slack message of an opened or resolved finding, as the members' own (escaped AWS text, no secrets). */
function slackPayload(record: CentralFinding): SlackPayload {
  const evaluation: Evaluation = { ...record.evaluation, accountId: record.accountId, region: record.region };
  return buildFindingMessage({
    evaluation,
    kind: record.slackTransition ?? (record.state === 'open' ? 'opened' : 'resolved'),
    firstSeenAt: record.firstSeenAt,
    ...(record.resolution ? { resolution: record.resolution } : {}),
  });
}

/** A central finding as the digest lists it (the member store's record shape). */
function asFindingRecord(record: CentralFinding): FindingRecord {
  const { owes: _owes, response: _response, evaluation: _evaluation, ...rest } = record;
  return { ...rest, lastSeenAt: record.observedAt, version: 0 };
}

/**
 * One message for the findings of a channel over its hourly threshold: their counts, the worst of them, and
 * when single messages resume (the next hour; every finding is in the central table and Security Hub).
 */
function floodDigest(records: readonly CentralFinding[], at: string): SlackPayload {
  const findings = records.map(asFindingRecord);
  const open = findings.filter((finding) => finding.state === 'open');
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  const resumes = new Date(Date.parse(`${at.slice(0, 13)}:00:00Z`) + 3_600_000).toISOString().slice(11, 16);
  return buildDigestMessage({
    counts,
    worst: open,
    sweptAt: at,
    regions: [...new Set(findings.flatMap((finding) => (finding.region ? [finding.region] : [])))],
    folded: foldAlerts(
      records.map((record, index) => ({
        reason: record.slackTransition ?? (record.state === 'open' ? 'opened' : 'resolved'),
        finding: findings[index] as FindingRecord,
      })),
    ),
    heading: `transit-guard organization digest · single messages resume ${resumes} UTC`,
  });
}

/**
 * The central-findings use case: applies each member event to the organization's table (the current state of
 * each finding; a duplicate or late event changes nothing), records in the same write what the transition owes
 * Slack (opened and resolved findings, to the routed channel) and Security Hub (opened, changed and resolved),
 * then delivers what the touched records owe, including debts an earlier failed invocation left. Plans and
 * actions only note the member's response on the finding. Whatever a channel refused stays owed and the
 * invocation throws CentralDeliveryError, so the event is delivered again (then dead-lettered).
 */
export async function centralFindings(
  ports: CentralPorts,
  events: readonly CentralEvent[],
): Promise<CentralSummary> {
  const summary: CentralSummary = { transitions: {}, slack: 0, securityHub: 0, securityLake: 0 };
  const count = (kind: keyof CentralSummary['transitions']) => {
    summary.transitions[kind] = (summary.transitions[kind] ?? 0) + 1;
  };
  const owesFor = (transition: CentralTransition): CentralChannel[] => [
    ...(ports.slack && (transition === 'opened' || transition === 'resolved') ? ['slack' as const] : []),
    ...(ports.securityHub && SECURITY_HUB_TRANSITIONS.has(transition) ? ['securityHub' as const] : []),
    // Security Lake keeps the history: every change Security Hub hears of is an OCSF event too.
    ...(ports.securityLake && SECURITY_HUB_TRANSITIONS.has(transition) ? ['securityLake' as const] : []),
  ];

  const owing = new Map<string, CentralFinding>();
  for (const event of events) {
    const { kind } = event.message;
    if (kind === 'plan' || kind === 'action') {
      if (await ports.table.noteResponse(event)) count('response');
      continue;
    }
    const outcome = await ports.table.record(event, owesFor);
    count(outcome.stale ? 'stale' : outcome.transition);
    if (outcome.stale) {
      ports.log.info('Event observed at or before the stored finding: changes nothing', {
        eventId: event.eventId,
        findingId: outcome.record?.findingId,
      });
    }
    if (outcome.record?.owes?.length) owing.set(keyText(outcome.record), outcome.record);
  }

  const delivered = new Map<string, CentralChannel[]>();
  const done = (record: CentralFinding, channel: CentralChannel) =>
    delivered.set(keyText(record), [...(delivered.get(keyText(record)) ?? []), channel]);
  const failures: string[] = [];
  const records = [...owing.values()];

  const toSlack = records.filter((record) => record.owes?.includes('slack'));
  if (ports.slack && toSlack.length > 0) {
    const { slack } = ports;
    try {
      const byChannel = new Map<string, { route: SlackRoute; records: CentralFinding[] }>();
      for (const record of toSlack) {
        const route = await routeFor(slack.routes, record, slack.ouPathOf);
        const where = { findingId: record.findingId, accountId: record.accountId, severity: record.severity };
        if (route === undefined) {
          ports.log.info('No Slack route matches the finding: not sent to Slack', where);
          done(record, 'slack');
          continue;
        }
        const minSeverity = route.minSeverity ?? ROUTE_SLACK_DEFAULTS.minSeverity;
        if (severityRank(record.severity) < severityRank(minSeverity)) {
          ports.log.info('Below the route minSeverity: recorded, not sent to Slack', {
            ...where,
            minSeverity,
          });
          done(record, 'slack');
          continue;
        }
        const group = byChannel.get(route.channel) ?? { route, records: [] };
        group.records.push(record);
        byChannel.set(route.channel, group);
      }
      const now = ports.now?.() ?? new Date().toISOString();
      const messages: RoutedSlackMessage[] = [];
      for (const [channel, { route, records: routed }] of byChannel) {
        const threshold = route.digestThreshold ?? ROUTE_SLACK_DEFAULTS.digestThreshold;
        const before = await ports.table.countSlack(channel, routed.length, now);
        if (before + routed.length <= threshold) {
          for (const record of routed) messages.push({ channel, payload: slackPayload(record) });
        } else if (before <= threshold) {
          // This invocation crosses the channel's hourly threshold: what still fits goes one by one (unless this
          // invocation alone is over it), the rest as one digest that also says the hour is paused.
          const single = routed.length > threshold ? [] : routed.slice(0, threshold - before);
          for (const record of single) messages.push({ channel, payload: slackPayload(record) });
          messages.push({ channel, payload: floodDigest(routed.slice(single.length), now) });
        } else {
          ports.log.info('Slack channel over its hourly threshold: folded into the digest already posted', {
            channel,
            findings: routed.length,
          });
        }
      }
      if (messages.length > 0) await slack.enqueue(messages);
      for (const { records: routed } of byChannel.values())
        for (const record of routed) done(record, 'slack');
      summary.slack = messages.length;
    } catch (error) {
      failures.push(`Slack: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const toHub = records.filter((record) => record.owes?.includes('securityHub'));
  if (ports.securityHub && toHub.length > 0) {
    const { securityHub } = ports;
    const byId = new Map(toHub.map((record) => [securityHubFinding(record, securityHub.central), record]));
    const result = await securityHub.export([...byId.keys()]);
    const exported = new Set(result.exported);
    for (const [finding, record] of byId) if (exported.has(finding.Id)) done(record, 'securityHub');
    summary.securityHub = exported.size;
    if (result.failed.length > 0) {
      ports.log.error('Security Hub refused findings: they stay owed and the event is retried', {
        failed: result.failed,
      });
      failures.push(
        `Security Hub refused ${result.failed.length} finding(s): ${[...new Set(result.failed.map((f) => f.errorCode))].join(', ')}`,
      );
    }
  }

  const toLake = records.filter((record) => record.owes?.includes('securityLake'));
  if (ports.securityLake && toLake.length > 0) {
    try {
      await ports.securityLake.write(toLake.map(ocsfOfCentralFinding));
      for (const record of toLake) done(record, 'securityLake');
      summary.securityLake = toLake.length;
    } catch (error) {
      failures.push(`Security Lake: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  for (const record of records) {
    const channels = delivered.get(keyText(record));
    if (channels) await ports.table.delivered(record, channels);
  }
  if (failures.length > 0) throw new CentralDeliveryError(failures.join('; '));
  return summary;
}

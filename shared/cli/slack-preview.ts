import { type Severity, severityRank } from '../model/evaluation.js';
import type { Report } from '../report/report.js';
import { buildDigestMessage } from '../report/slack/digest.js';
import { buildFindingMessage } from '../report/slack/message.js';
import type { SlackPayload } from '../report/slack/payload.js';
import { type FindingRecord, findingIdOf } from '../state/finding-store.js';

/**
 * The Block Kit messages transit-guard would send for a report, as a JSON array: one message per
 * NON_COMPLIANT evaluation (as it would be sent when the finding opens), then the digest a sweep posts.
 * Paste any one element into Slack's Block Kit Builder.
 */
export function renderSlackPreview(report: Report): string {
  const failing = report.evaluations
    .filter((evaluation) => evaluation.status === 'NON_COMPLIANT')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const messages: SlackPayload[] = failing.map((evaluation) =>
    buildFindingMessage({ evaluation, kind: 'opened' }),
  );
  const open: FindingRecord[] = failing.map((evaluation) => ({
    findingId: findingIdOf(evaluation.ruleId, evaluation.resourceId),
    ruleId: evaluation.ruleId,
    resourceId: evaluation.resourceId,
    resourceType: evaluation.resourceType,
    ...(evaluation.resourceName ? { resourceName: evaluation.resourceName } : {}),
    ...(evaluation.accountId ? { accountId: evaluation.accountId } : {}),
    ...(evaluation.region ? { region: evaluation.region } : {}),
    state: 'open',
    severity: evaluation.severity,
    reason: evaluation.reason,
    firstSeenAt: report.evaluatedAt,
    lastSeenAt: report.evaluatedAt,
    version: 1,
  }));
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  const regions = [
    ...new Set(report.evaluations.map((e) => e.region).filter((r): r is string => Boolean(r))),
  ];
  messages.push(
    buildDigestMessage({
      counts,
      kpis: report.summary.kpis,
      worst: open,
      sweptAt: report.evaluatedAt,
      regions,
    }),
  );
  return `${JSON.stringify(messages, null, 2)}\n`;
}

import { FAMILIES } from '../../families/index.js';
import { SEVERITIES, type Severity, severityRank } from '../../model/evaluation.js';
import { findRule } from '../../rules/index.js';
import type { FindingRecord } from '../../state/finding-store.js';
import { type Kpis, kpiDefinitions, type Share } from '../kpis.js';
import type { Alert } from './alerts.js';
import { consoleLink } from './console-link.js';
import { SEVERITY_EMOJI, slackDate } from './message.js';
import { awsText, type Block, enforceLimits, type SlackPayload } from './payload.js';

export interface DigestInput {
  /** Open findings by severity. */
  counts: Partial<Record<Severity, number>>;
  /** The SEC09 KPIs of the sweep (the JSON report's summary.kpis); absent outside a sweep ("As of", not "Swept"). */
  kpis?: Kpis;
  /** The worst open findings; the first five (after sorting worst first) are listed. */
  worst: readonly FindingRecord[];
  sweptAt: string;
  regions: readonly string[];
  /** The alerts this digest stands for (they get no message of their own), when it replaces them. */
  folded?: FoldedAlerts;
  /** What the message is about; default "transit-guard sweep". */
  heading?: string;
}

/** What a digest says of the alerts it replaces: how many of each kind, and the new ones by family. */
export interface FoldedAlerts {
  byReason: Partial<Record<Alert['reason'], number>>;
  /** Opened findings by family id (the resource type when no family has it). */
  openedByFamily: Record<string, number>;
}

/** Counts the alerts a digest replaces. */
export function foldAlerts(alerts: readonly Pick<Alert, 'reason' | 'finding'>[]): FoldedAlerts {
  const folded: FoldedAlerts = { byReason: {}, openedByFamily: {} };
  for (const { reason, finding } of alerts) {
    folded.byReason[reason] = (folded.byReason[reason] ?? 0) + 1;
    if (reason !== 'opened') continue;
    const family =
      FAMILIES.find((candidate) => candidate.resourceTypes.includes(finding.resourceType))?.id ??
      finding.resourceType;
    folded.openedByFamily[family] = (folded.openedByFamily[family] ?? 0) + 1;
  }
  return folded;
}

const REASON_LABEL: Record<Alert['reason'], string> = {
  opened: 'new',
  changed: 'changed',
  reminder: 'reminders',
  resolved: 'resolved',
};

function foldedText(folded: FoldedAlerts): string {
  const kinds = (['opened', 'changed', 'reminder', 'resolved'] as const)
    .filter((reason) => (folded.byReason[reason] ?? 0) > 0)
    .map((reason) => `${folded.byReason[reason]} ${REASON_LABEL[reason]}`);
  const families = Object.entries(folded.openedByFamily)
    .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
    .map(([family, count]) => `${awsText(family)} ${count}`);
  const lines = [`*In this digest instead of one message each*: ${kinds.join(' · ')}`];
  if (families.length > 0) lines.push(`New by family: ${families.join(' · ')}`);
  return lines.join('\n');
}

const WORST_SHOWN = 5;
const REGIONS_SHOWN = 20;

function shareText(label: string, share: Share): string {
  const value =
    share.percent === null ? 'n/a (none found)' : `${share.percent}% (${share.compliant}/${share.total})`;
  return `• ${label}: *${value}*`;
}

/** One line per KPI of the families, in their order. */
function kpiLines(kpis: Kpis | undefined): string[] {
  if (!kpis) return [];
  return kpiDefinitions().flatMap(({ kpi }) => {
    const value = kpis[kpi.key];
    if (kpi.kind === 'share' && value !== undefined && 'total' in value)
      return [shareText(kpi.digestLabel, value)];
    if (kpi.kind === 'expiring' && value !== undefined && 'count' in value)
      return [`• ${kpi.label(value.withinDays)}: *${value.count}*`];
    return [];
  });
}

function findingLine(finding: FindingRecord): string {
  const title = findRule(finding.ruleId)?.metadata.title ?? finding.ruleId;
  const name = finding.resourceName ?? finding.resourceId.slice(finding.resourceId.lastIndexOf('/') + 1);
  const url = consoleLink(finding.resourceType, finding.resourceId, finding.region, finding.accountId);
  const label = url ? `<${url}|${awsText(name)}>` : awsText(name);
  const where = [finding.accountId, finding.region].filter(Boolean).map((part) => awsText(part as string));
  const place = where.length > 0 ? ` (${where.join('/')})` : '';
  return `${SEVERITY_EMOJI[finding.severity]} *${finding.severity.toUpperCase()}* ${label}${place}: ${awsText(title)}, open since ${slackDate(finding.firstSeenAt, false)}`;
}

/**
 * The message the scheduled sweep posts: open findings by severity, the SEC09 KPIs and the five worst
 * open findings with console links. Within every Slack limit whatever the number of findings.
 */
export function buildDigestMessage(input: DigestInput): SlackPayload {
  const total = SEVERITIES.reduce((n, severity) => n + (input.counts[severity] ?? 0), 0);
  const worst = [...input.worst]
    .filter((finding) => finding.state === 'open')
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) || a.firstSeenAt.localeCompare(b.firstSeenAt),
    )
    .slice(0, WORST_SHOWN);
  const { kpis, heading = 'transit-guard sweep' } = input;
  const regions = input.regions.slice(0, REGIONS_SHOWN).map(awsText).join(', ');
  const moreRegions =
    input.regions.length > REGIONS_SHOWN ? ` (+${input.regions.length - REGIONS_SHOWN} more)` : '';

  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: `${total === 0 ? ':white_check_mark:' : ':bar_chart:'} ${heading} · ${total} open finding${total === 1 ? '' : 's'}`,
        emoji: true,
      },
    },
    {
      type: 'section',
      fields: [...SEVERITIES].reverse().map((severity) => ({
        type: 'mrkdwn' as const,
        text: `${SEVERITY_EMOJI[severity]} *${severity.toUpperCase()}*\n${input.counts[severity] ?? 0}`,
      })),
    },
  ];
  if (input.folded)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: foldedText(input.folded) } });
  if (kpis) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: ['*Encryption in transit (SEC09)*', ...kpiLines(kpis)].join('\n') },
    });
  }
  if (worst.length > 0) {
    const more = total > worst.length ? `\n_…and ${total - worst.length} more open finding(s)_` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Worst open findings*\n${worst.map(findingLine).join('\n')}${more}` },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `${kpis ? 'Swept' : 'As of'} ${slackDate(input.sweptAt)} · regions: ${regions || 'none'}${moreRegions}`,
      },
    ],
  });

  const summary = SEVERITIES.filter((severity) => (input.counts[severity] ?? 0) > 0)
    .reverse()
    .map((severity) => `${input.counts[severity]} ${severity}`)
    .join(', ');
  return enforceLimits({
    text: `${heading}: ${total} open finding(s)${summary ? ` (${summary})` : ''}.`,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

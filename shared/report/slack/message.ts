import { FAMILIES } from '../../families/index.js';
import type {
  Evaluation,
  RemediationCall,
  ResponseExemption,
  ResponsePlan,
  Severity,
} from '../../model/evaluation.js';
import type { Actor } from '../../model/ref.js';
import type { ActionRecord } from '../../response/types.js';
import { findRule } from '../../rules/index.js';
import type { Resolution } from '../../state/finding-store.js';
import { awsCliCommand } from './aws-cli.js';
import { consoleLink } from './console-link.js';
import {
  awsCode,
  awsCodeText,
  awsText,
  type Block,
  type ContextBlock,
  enforceLimits,
  type MrkdwnObject,
  type SectionBlock,
  type SlackPayload,
  scrubSecrets,
} from './payload.js';

export const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
  info: ':information_source:',
};

/**
 * What the executor did (shared/response ActionRecord): remediated / blocked (proved by reading the
 * resource again), failed, unchanged (already compliant on the fresh read), refused (unsafe on the fresh read).
 */
export type ActionOutcome = Pick<ActionRecord, 'status' | 'calls' | 'error' | 'note'>;

/** The exemption that applies (or applied until it expired) to the finding. */
type ExemptionNotice = Pick<ResponseExemption, 'reason' | 'expires' | 'expired'>;

/** The finding store's transition; `unchanged` is sent only as a reminder. */
type MessageKind = 'opened' | 'changed' | 'unchanged' | 'resolved';

export interface FindingMessageInput {
  evaluation: Evaluation;
  kind: MessageKind;
  /** Who made the change that triggered the inspection (absent for the sweep). */
  actor?: Actor;
  /** When that change happened (CloudTrail eventTime). */
  eventTime?: string;
  /** What was executed; absent for a dry run, notify mode, an exemption, or before the action ran. */
  action?: ActionOutcome;
  /** Defaults to the plan's exemption (evaluation.response.exemption). */
  exemption?: ExemptionNotice;
  /** For `resolved`: how the finding stopped being open. */
  resolution?: Resolution;
  /** When the finding was first seen (reminders and resolutions say how long it was open). */
  firstSeenAt?: string;
  /** The resource's tags; a few are shown to help find the owner. */
  tags?: Record<string, string>;
  /** A console URL to use instead of the computed one (another partition's console, a sign-in portal). */
  consoleUrl?: string;
}

const MAX_CALLS_SHOWN = 10;
const MAX_CALL_CHARS = 600;
const MAX_TAGS_SHOWN = 6;
// Keys that hold secrets in any family; each family adds its own (Family.report.secretKeys).
const SENSITIVE_KEY = /secret|password|passphrase|token|privatekey|credential|webhook/;
const SAFE_URL = /^https:\/\/[^\s<>|]+$/;

const mrkdwn = (text: string): MrkdwnObject => ({ type: 'mrkdwn', text });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });

function isSensitiveKey(key: string): boolean {
  const letters = key.toLowerCase().replace(/[^a-z]/g, '');
  return SENSITIVE_KEY.test(letters) || FAMILIES.some((family) => family.report.secretKeys?.test(letters));
}

/** A markup document (a VPN connection's customer gateway configuration is XML with the pre-shared keys in it). */
const MARKUP = /<([A-Za-z_][\w.-]*)[^>]*>[\s\S]*?<\/\1>/g;
/** `Field=`, `Field: `, `"Field":"`: a field name and the separator before its value. */
const FIELD = /\b([A-Za-z][A-Za-z0-9]*)("?\s*[:=]\s*"?)/g;
/** A value after its field's separator: up to a space, quote or closing bracket. */
const FIELD_VALUE = /^[^\s"',;)}\]]*/;
/** EC2's `Value (x) for parameter Name is invalid` (the value before the field's dotted name). */
const PARAMETER_VALUE = /\b(Value \()([^)]*)(\) for parameter (?:[\w-]+\.)*([\w-]+))/g;

/** The value after every secret-bearing field name blanked (a field found inside another's value counts too). */
function blankFieldValues(text: string): string {
  let out = '';
  let at = 0;
  for (const match of text.matchAll(FIELD)) {
    const [whole, key] = match;
    if (match.index < at || !key || !isSensitiveKey(key)) continue;
    const start = match.index + whole.length;
    out += `${text.slice(at, start)}[redacted]`;
    at = start + (FIELD_VALUE.exec(text.slice(start))?.[0].length ?? 0);
  }
  return out + text.slice(at);
}

/**
 * Free text from AWS (an error message) with the secrets it may quote blanked: webhook URLs, markup documents and
 * the value of a secret-bearing field (AWS error messages can quote a request's values back).
 * Tested through the remediate path (test/security/remediate-secrets.test.ts).
 */
export function redactSecretText(text: string): string {
  return blankFieldValues(scrubSecrets(text).replace(MARKUP, '[redacted]')).replace(
    PARAMETER_VALUE,
    (whole, open: string, _value: string, rest: string, key: string) =>
      isSensitiveKey(key) ? `${open}[redacted]${rest}` : whole,
  );
}

/**
 * A copy of an API input with secret-bearing keys (pre-shared keys, MACsec CAK/CKN, tokens) blanked.
 * Unit-tested directly: every secret shape kept out of Slack messages, Security Lake and the OCSF report.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSensitiveKey(key) ? '[redacted]' : redactSecrets(item, depth + 1),
    ]),
  );
}

/** A timestamp in the reader's own time zone, with the ISO time as the fallback Slack shows otherwise. */
export function slackDate(iso: string, withTime = true): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return awsText(iso);
  const format = withTime ? '{date_short_pretty} {time}' : '{date_short_pretty}';
  const fallback = withTime ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 10);
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

function actorText(actor: Actor): string {
  const who = actor.arn ?? actor.principalId ?? actor.roleArn;
  const parts = [
    actor.type ? awsText(actor.type) : undefined,
    who ? awsCode(who) : undefined,
    actor.invokedBy ? `via ${awsText(actor.invokedBy)}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : 'unknown';
}

function resourceLabel(evaluation: Evaluation, url: string | undefined): string {
  const id = evaluation.resourceId;
  const name = evaluation.resourceName ?? id.slice(id.lastIndexOf('/') + 1);
  return url ? `<${url}|${awsText(name)}>` : awsText(name);
}

function resourceBlock(input: FindingMessageInput, url: string | undefined): SectionBlock {
  const { evaluation, actor, eventTime } = input;
  const fields = [
    mrkdwn(`*Type*\n${awsText(evaluation.resourceType)}`),
    mrkdwn(`*Account*\n${awsText(evaluation.accountId ?? 'unknown')}`),
    mrkdwn(`*Region*\n${awsText(evaluation.region ?? 'unknown')}`),
  ];
  if (actor) fields.push(mrkdwn(`*Changed by*\n${actorText(actor)}`));
  if (eventTime) fields.push(mrkdwn(`*When*\n${slackDate(eventTime)}`));
  const link = url ? `\n<${url}|Open in the AWS console>` : '';
  return {
    type: 'section',
    text: mrkdwn(`*${resourceLabel(evaluation, url)}*\n${awsCode(evaluation.resourceId)}${link}`),
    fields,
  };
}

type ShownCall = RemediationCall & { outcome?: 'ok' | 'failed'; error?: string };

/**
 * The calls as runnable `aws ...` command lines (secrets redacted), one a line; a made call carries its
 * outcome and error as a trailing shell comment, so the line still runs when copied.
 */
function callsText(calls: readonly ShownCall[] | undefined, region: string | undefined): string {
  if (!calls || calls.length === 0) return '';
  const lines = calls.slice(0, MAX_CALLS_SHOWN).map((call) => {
    const mark = call.outcome === 'ok' ? '✓' : call.outcome === 'failed' ? '✗' : '';
    const error = call.error ? ` → ${call.error}` : '';
    const outcome = mark || error ? `  # ${mark}${error}` : '';
    const input = redactSecrets(call.input) as Record<string, unknown>;
    const line = `${awsCliCommand({ ...call, input }, region)}${outcome}`;
    return line.length > MAX_CALL_CHARS ? `${line.slice(0, MAX_CALL_CHARS)}…` : line;
  });
  if (calls.length > MAX_CALLS_SHOWN) lines.push(`… and ${calls.length - MAX_CALLS_SHOWN} more call(s)`);
  // One call a line: each line is made inert on its own, so a newline in AWS text cannot forge a call.
  return `\n\`\`\`${lines.map(awsCodeText).join('\n')}\`\`\``;
}

function planText(plan: ResponsePlan | undefined): string {
  if (!plan?.action) return '';
  const target = plan.target ? ` → ${awsCode(plan.target)}` : '';
  return ` ${awsCode(plan.action)}${target}`;
}

function exemptionOf(input: FindingMessageInput): ExemptionNotice | undefined {
  return input.exemption ?? input.evaluation.response?.exemption;
}

/** The plan's status, or what it must have been for a plan written before statuses existed. */
function planStatus(input: FindingMessageInput): NonNullable<ResponsePlan['status']> {
  const plan = input.evaluation.response;
  if (plan?.status) return plan.status;
  const exemption = exemptionOf(input);
  if (exemption && !exemption.expired) return 'exempt';
  return plan?.mode === 'remediate' || plan?.mode === 'block' ? 'skipped' : 'notify';
}

function executedText(action: ActionOutcome, plan: ResponsePlan | undefined, region?: string): string {
  const calls = callsText(action.calls, region);
  switch (action.status) {
    case 'remediated':
      return `:wrench: *Remediated and verified*:${planText(plan)}${calls}`;
    case 'blocked':
      return `:no_entry: *Blocked and verified*:${planText(plan)}${calls}`;
    case 'failed':
      return `:x: *Action failed*:${planText(plan)} ${awsText(action.error ?? 'unknown error')}${calls}`;
    case 'unchanged':
      return ':white_check_mark: *No change made*: the resource was already compliant when read again.';
    case 'refused':
      return `:pause_button: *Not acted on*: acting on the resource as it is now would be unsafe.${planText(plan)}`;
    case 'skipped':
      return `:memo: *Not carried out*: ${awsText(action.note ?? 'the queued action was skipped')}${planText(plan)}`;
  }
}

function plannedText(input: FindingMessageInput, plan: ResponsePlan | undefined): string {
  const exemption = exemptionOf(input);
  switch (planStatus(input)) {
    case 'dry-run':
      return `:memo: *Dry run*: nothing was changed. With \`dryRun: false\` transit-guard would${planText(plan) || ' make these calls'}:${callsText(plan?.calls, input.evaluation.region)}`;
    case 'planned':
      return `:hammer_and_wrench: *Action planned*:${planText(plan)}${callsText(plan?.calls, input.evaluation.region)}`;
    case 'exempt':
      return exemption
        ? `:shield: *Exempted* until ${slackDate(exemption.expires, false)}: ${awsText(exemption.reason)}`
        : ':shield: *Exempted* by the policy.';
    case 'notify':
      return plan?.mode === 'notify' || !plan
        ? ":bell: *Notify only*: the policy's mode for this rule is `notify`; nothing was changed."
        : ':bell: *Notified only*: nothing was changed.';
    case 'skipped':
      return `:pause_button: *No action taken*:${planText(plan) || ' nothing was changed.'}`;
  }
}

function actionText(input: FindingMessageInput): string {
  const { action, evaluation } = input;
  const plan = evaluation.response;
  const exemption = exemptionOf(input);
  const lines: string[] = [];
  if (exemption?.expired) {
    lines.push(
      `:hourglass: *Exemption expired* on ${slackDate(exemption.expires, false)} (${awsText(exemption.reason)}); this finding is no longer exempt.`,
    );
  }
  lines.push(action ? executedText(action, plan, evaluation.region) : plannedText(input, plan));
  const note = action?.note ?? plan?.note;
  if (note) lines.push(`_${awsText(note)}_`);
  return lines.join('\n');
}

function resolutionText(input: FindingMessageInput): string {
  const { resolution = 'fixed', actor, eventTime, evaluation, action } = input;
  const by = actor ? ` by ${actorText(actor)}` : '';
  const when = eventTime ? ` at ${slackDate(eventTime)}` : '';
  switch (resolution) {
    case 'remediated':
      return `:wrench: *Remediated by transit-guard* and verified.${callsText(action?.calls, evaluation.region)}\n${awsText(evaluation.reason)}`;
    case 'deleted':
      return `:wastebasket: *The resource was deleted*${by}${when}.`;
    case 'fixed':
      return `:white_check_mark: *Fixed*${by}${when}: ${awsText(evaluation.reason)}`;
  }
}

function tagsText(tags: Record<string, string> | undefined): string | undefined {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  const shown = entries
    .slice(0, MAX_TAGS_SHOWN)
    .map(([key, value]) => `${awsText(key)}=${isSensitiveKey(key) ? '[redacted]' : awsText(value)}`);
  const more = entries.length > MAX_TAGS_SHOWN ? ` (+${entries.length - MAX_TAGS_SHOWN} more)` : '';
  return `Tags: ${shown.join(', ')}${more}`;
}

function headerText(input: FindingMessageInput, title: string): string {
  if (input.kind === 'resolved') return `:white_check_mark: RESOLVED · ${title}`;
  const severity = input.evaluation.severity;
  return `${SEVERITY_EMOJI[severity]} ${severity.toUpperCase()} · ${title}`;
}

function kindNotice(input: FindingMessageInput): string | undefined {
  const since = input.firstSeenAt ? ` since ${slackDate(input.firstSeenAt)}` : '';
  switch (input.kind) {
    case 'changed':
      return ':arrows_counterclockwise: *Updated*: the severity or the response changed since the last alert.';
    case 'unchanged':
      return `:repeat: *Reminder*: still open${since}.`;
    default:
      return undefined;
  }
}

function fallbackText(input: FindingMessageInput, title: string): string {
  const { evaluation } = input;
  const name = evaluation.resourceName ?? evaluation.resourceId;
  const where = [evaluation.accountId, evaluation.region].filter(Boolean).join('/');
  const place = where ? ` (${awsText(where)})` : '';
  if (input.kind === 'resolved') {
    return `Resolved: ${awsText(title)}: ${awsText(name)}${place}, ${input.resolution ?? 'fixed'}.`;
  }
  const prefix = input.kind === 'unchanged' ? 'Reminder: ' : '';
  return `${prefix}${evaluation.severity.toUpperCase()}: ${awsText(title)}: ${awsText(name)}${place}. ${awsText(evaluation.reason)}`;
}

/**
 * The Slack message for one finding: header with severity and rule title, the resource with a console
 * link, account and region, who changed it and when, why it fails, and what transit-guard did about it;
 * or, for `resolved`, how it was resolved. All AWS text is escaped; the payload is within Slack's limits.
 */
export function buildFindingMessage(input: FindingMessageInput): SlackPayload {
  const { evaluation } = input;
  const rule = findRule(evaluation.ruleId)?.metadata;
  const title = rule?.title ?? evaluation.ruleId;
  const url =
    input.consoleUrl && SAFE_URL.test(input.consoleUrl)
      ? input.consoleUrl
      : consoleLink(evaluation.resourceType, evaluation.resourceId, evaluation.region, evaluation.accountId);

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: headerText(input, title), emoji: true } },
  ];
  const notice = kindNotice(input);
  if (notice) blocks.push(context(notice));
  blocks.push(resourceBlock(input, url));
  if (input.kind === 'resolved') {
    blocks.push(section(`*Resolved*\n${resolutionText(input)}`));
  } else {
    blocks.push(section(`*Why*\n${awsText(evaluation.reason)}`));
    blocks.push(section(`*What transit-guard did*\n${actionText(input)}`));
    if (rule?.remediation.guidance)
      blocks.push(section(`*How to fix*\n${awsText(rule.remediation.guidance)}`));
  }
  const footer = [`Rule ${awsCode(evaluation.ruleId)}`];
  if (input.firstSeenAt && input.kind !== 'unchanged')
    footer.push(`first seen ${slackDate(input.firstSeenAt)}`);
  const tags = tagsText(input.tags);
  if (tags) footer.push(tags);
  blocks.push(context(footer.join(' · ')));

  return enforceLimits({
    text: fallbackText(input, title),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/**
 * The Block Kit subset transit-guard sends, Slack's documented limits, and the text helpers that keep
 * every payload inside them: mrkdwn escaping, truncation with a visible marker, a final limits pass.
 */

import { extend } from '../../model/extend.js';

interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnObject {
  type: 'mrkdwn';
  text: string;
  /**
   * true: Slack still applies the formatting and the `<...>` links the text spells out, but does not turn bare
   * URLs, channel names or mentions in it into links (Block Kit text object reference). enforceLimits sets it on
   * every mrkdwn object, so a URL or `@channel` in a resource name stays text.
   */
  verbatim?: boolean;
}

type TextObject = PlainTextObject | MrkdwnObject;

interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
}

export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
}

interface DividerBlock {
  type: 'divider';
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock;

/** What an incoming webhook receives: Block Kit plus the plain `text` shown in notifications. */
export interface SlackPayload {
  text: string;
  blocks: Block[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

/**
 * Slack's documented limits (../shared/corpus/slack-limits.md §5), with budgets kept below them.
 * @internal Tests probe each documented Slack limit at its boundary.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** Slack advises keeping the top-level text under 4,000 characters; we stay well below. */
  topLevelText: 3000,
  /** Slack has refused payloads at about 13.2k characters of block text (msg_blocks_too_long). */
  totalBlockText: 12_000,
} as const;

/** @internal Tests check truncated text ends with it. */
export const TRUNCATION_MARKER = '… (truncated)';

/**
 * Escapes the three characters Slack's mrkdwn gives meaning to, so AWS text can never form a link or mention.
 * @internal Unit-tested directly: the mrkdwn escaping of untrusted text.
 */
export function escapeMrkdwn(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// A slash, colon or dot as text may spell it: as is, JSON-escaped, URL-encoded once or twice (any case).
const SLASH = String.raw`(?:\/|\\\/|%(?:25)?2F)`;
const COLON = '(?::|%(?:25)?3A)';
const DOT = String.raw`(?:\.|%(?:25)?2E)`;
/**
 * A Slack webhook URL in any spelling: with or without its scheme, any case, encoded. It needs a path that
 * starts with a letter or digit (`/services/T.../B.../secret`), so "https://hooks.slack.com/..." in a hint stays.
 */
const WEBHOOK_URL_PATTERN = new RegExp(
  String.raw`(?:https?${COLON}${SLASH}{2})?hooks${DOT}slack(?:-gov)?${DOT}com${SLASH}[a-z0-9][^\s<>"'|)\]]*`,
  'gi',
);

/** Removes anything that looks like a Slack webhook URL from text (the secret is the URL itself). */
export function scrubSecrets(value: string): string {
  return value.replace(WEBHOOK_URL_PATTERN, '[redacted webhook URL]');
}

/** Line breaks and other control characters (C0, DEL, C1, U+2028/U+2029): AWS text stays on its line. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
/**
 * Bidi controls (they reorder what follows them, so text can show other than it reads) and invisible spaces
 * (U+200B, U+2060, U+FEFF) that could split a webhook URL or a mention. The joiners U+200C/U+200D stay: scripts
 * and emoji need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
/** A colon that opens an emoji shortcode (`:name:`); Slack has no escape for it. */
const SHORTCODE = /:(?=[\p{L}\p{N}_+'-]+:)/gu;
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * AWS text with no line break, control, bidi or invisible character: a space for each control.
 * @internal Unit-tested directly: that untrusted text cannot mention, link or format.
 */
export function inertText(value: string): string {
  return value.replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/**
 * Text from AWS (names, tags, reasons, ARNs) made safe for a mrkdwn field: on one line without bidi controls
 * (inertText), no link or mention (`&`, `<`, `>` escaped), no emoji (a zero-width space after the colon that
 * opens a `:name:` shortcode), and no formatting. mrkdwn has no escape for its formatting characters, so `*` (bold), `~` (strike)
 * and `` ` `` (code) become look-alikes, and so does `_` (italic) where it can open or close italics: next to a
 * space, punctuation or the end. An underscore inside a word (`RSA_2048`, `my_load_balancer`) formats nothing
 * in Slack and stays as it is.
 */
export function awsText(value: string): string {
  return awsCodeText(value)
    .replaceAll('*', '∗')
    .replaceAll('~', '∼')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, 'ˍ')
    .replace(SHORTCODE, `:${ZERO_WIDTH_SPACE}`);
}

/**
 * AWS text for inside a code span or block: on one line, no bidi control, no webhook URL, no link or mention,
 * and no backtick to end the code early. Code shows `:name:` as it is, so ARNs are left whole for copying.
 */
export function awsCodeText(value: string): string {
  return escapeMrkdwn(scrubSecrets(inertText(value))).replaceAll('`', 'ˋ');
}

/** AWS text as inline code (shown as it is, formatting included). */
export function awsCode(value: string): string {
  return `\`${awsCodeText(value)}\``;
}

/** Cuts before a lone high surrogate so a truncated string never ends in half an emoji. */
function cutAt(value: string, length: number): string {
  let end = Math.max(0, length);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end);
}

/**
 * Shortens text to `max` characters, ending in the truncation marker. For mrkdwn it never leaves half
 * an entity (`&am`), an unclosed link (`<https://...`) or an unclosed code span behind.
 * @internal Unit-tested directly: truncation at the limits without splitting a character or an escape.
 */
export function truncateText(value: string, max: number, kind: 'mrkdwn' | 'plain_text' = 'mrkdwn'): string {
  if (value.length <= max) return value;
  let head = cutAt(value, max - TRUNCATION_MARKER.length - 1);
  if (kind === 'mrkdwn') {
    head = head.replace(/&[a-z#0-9]*$/i, '');
    if (head.lastIndexOf('<') > head.lastIndexOf('>')) head = head.slice(0, head.lastIndexOf('<'));
    if ((head.match(/```/g)?.length ?? 0) % 2 === 1) head += '```';
    else if ((head.replaceAll('```', '').match(/`/g)?.length ?? 0) % 2 === 1) head += '`';
    if (head.length + TRUNCATION_MARKER.length > max) return truncateText(head, max - 3, kind);
  }
  return `${head}${TRUNCATION_MARKER}`;
}

const nonEmpty = (text: string) => (text.trim().length === 0 ? '-' : text);

function limitText<T extends TextObject>(object: T, max: number): T {
  const text = truncateText(nonEmpty(object.text), max, object.type);
  return object.type === 'mrkdwn' ? extend(object, { text, verbatim: true }) : { ...object, text };
}

function blockTextLength(block: Block): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

function limitBlock(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { type: 'header', text: limitText(block.text, SLACK_LIMITS.headerText) };
    case 'section': {
      const fields = block.fields?.map((field) => limitText(field, SLACK_LIMITS.fieldText));
      if (fields && fields.length > SLACK_LIMITS.sectionFields) {
        const kept = fields.slice(0, SLACK_LIMITS.sectionFields - 1);
        kept.push({
          type: 'mrkdwn',
          text: `${TRUNCATION_MARKER}: ${fields.length - kept.length} more`,
          verbatim: true,
        });
        return { ...block, fields: kept };
      }
      return {
        type: 'section',
        ...(block.text ? { text: limitText(block.text, SLACK_LIMITS.sectionText) } : {}),
        ...(fields ? { fields } : {}),
      };
    }
    case 'context': {
      const elements = block.elements.map((element) => limitText(element, SLACK_LIMITS.contextText));
      return { type: 'context', elements: elements.slice(0, SLACK_LIMITS.contextElements) };
    }
    case 'divider':
      return block;
  }
}

const truncatedNotice = (dropped: number): ContextBlock => ({
  type: 'context',
  elements: [
    { type: 'mrkdwn', text: `${TRUNCATION_MARKER}: ${dropped} more block(s) not shown`, verbatim: true },
  ],
});

/**
 * The last step before a payload leaves: every block, field and text within Slack's limits, at most 50
 * blocks, and a total block text under the budget. Text that does not fit is cut with a visible
 * marker; nothing throws.
 */
export function enforceLimits(payload: SlackPayload): SlackPayload {
  const blocks: Block[] = [];
  let budget = SLACK_LIMITS.totalBlockText - TRUNCATION_MARKER.length - 40;
  const limited = payload.blocks.map(limitBlock);
  for (const [index, block] of limited.entries()) {
    const length = blockTextLength(block);
    const remaining = limited.length - index - 1;
    const roomForNotice = remaining > 0 ? 1 : 0;
    if (blocks.length + 1 + roomForNotice > SLACK_LIMITS.blocks) {
      blocks.push(truncatedNotice(remaining + 1));
      break;
    }
    if (length > budget) {
      if (block.type === 'section' && block.text && !block.fields && budget > 200) {
        blocks.push({ type: 'section', text: limitText(block.text, budget) });
        if (remaining > 0) blocks.push(truncatedNotice(remaining));
      } else {
        blocks.push(truncatedNotice(remaining + 1));
      }
      break;
    }
    blocks.push(block);
    budget -= length;
  }
  return {
    ...payload,
    text: truncateText(nonEmpty(payload.text), SLACK_LIMITS.topLevelText),
    blocks,
  };
}

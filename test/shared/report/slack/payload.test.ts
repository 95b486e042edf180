import { describe, expect, it } from 'vitest';
import {
  awsCode,
  awsText,
  type Block,
  enforceLimits,
  escapeMrkdwn,
  SLACK_LIMITS,
  type SlackPayload,
  scrubSecrets,
  TRUNCATION_MARKER,
  truncateText,
} from '../../../../shared/report/slack/payload.js';

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

function blockTexts(payload: SlackPayload): string[] {
  return payload.blocks.flatMap((block) => {
    switch (block.type) {
      case 'header':
        return [block.text.text];
      case 'section':
        return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
      case 'context':
        return block.elements.map((element) => element.text);
      default:
        return [];
    }
  });
}

describe('escapeMrkdwn', () => {
  it('turns a hostile link into inert text', () => {
    // Act
    const escaped = escapeMrkdwn('<https://evil|click> & <!channel>');

    // Assess
    expect(escaped).toBe('&lt;https://evil|click&gt; &amp; &lt;!channel&gt;');
  });
});

describe('scrubSecrets', () => {
  it('removes a Slack webhook URL wherever it appears', () => {
    // Act
    const text = scrubSecrets('posted to https://hooks.slack.com/services/T1/B2/abcdef and done');

    // Assess
    expect(text).toBe('posted to [redacted webhook URL] and done');
  });
});

describe('awsText', () => {
  it.each([
    ['*URGENT* pay here', '∗URGENT∗ pay here'],
    ['~resolved~ by security', '∼resolved∼ by security'],
    ['_ignore_ this', 'ˍignoreˍ this'],
    ['`code` span', 'ˋcodeˋ span'],
  ])('turns the formatting in %j into look-alikes: %j', (value, expected) => {
    expect(awsText(value)).toBe(expected);
  });

  it('keeps underscores inside words, where Slack formats nothing', () => {
    expect(awsText('RSA_2048 my_load_balancer')).toBe('RSA_2048 my_load_balancer');
  });
});

describe('awsCode', () => {
  it('keeps a backtick in AWS text from closing the code span', () => {
    // Act
    const code = awsCode('name`<b>');

    // Assess
    expect(code).toBe('`nameˋ&lt;b&gt;`');
  });
});

describe('truncateText', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateText('short', 10)).toBe('short');
  });

  it('cuts long text to the limit and ends it with the visible marker', () => {
    // Act
    const text = truncateText('x'.repeat(5000), 3000);

    // Assess
    expect(text).toHaveLength(3000 - 1);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('never leaves half an entity, an open link or an open code span behind', () => {
    // Prepare
    const entity = `${'a'.repeat(30)}&amp;${'b'.repeat(30)}`;
    const link = `${'a'.repeat(20)}<https://example.com/${'p'.repeat(40)}|label>`;
    const code = `${'a'.repeat(20)}\`${'c'.repeat(40)}\``;

    // Act
    const cut = [truncateText(entity, 47), truncateText(link, 50), truncateText(code, 40)];

    // Assess
    expect(cut[0]).toBe(`${'a'.repeat(30)}${TRUNCATION_MARKER}`);
    expect(cut[1]).toBe(`${'a'.repeat(20)}${TRUNCATION_MARKER}`);
    expect(cut[2]?.match(/`/g)).toHaveLength(2);
    for (const text of cut) expect(text.length).toBeLessThanOrEqual(50);
  });

  it('does not split an emoji in two', () => {
    // Act
    const text = truncateText(`${'a'.repeat(5)}${'😀'.repeat(20)}`, 24, 'plain_text');

    // Assess
    expect(text).toBe(`aaaaa😀😀${TRUNCATION_MARKER}`);
  });
});

describe('enforceLimits', () => {
  it('keeps 80 blocks of long text within 50 blocks, 3,000 per section and the total budget', () => {
    // Prepare
    const payload: SlackPayload = {
      text: 't'.repeat(10_000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(400) } },
        ...Array.from({ length: 80 }, () => section('s'.repeat(4000))),
      ],
    };

    // Act
    const limited = enforceLimits(payload);

    // Assess
    expect(limited.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(limited.text.length).toBeLessThanOrEqual(SLACK_LIMITS.topLevelText);
    const header = limited.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    const texts = blockTexts(limited);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(texts.reduce((n, text) => n + text.length, 0)).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockText);
    expect(texts.at(-1)).toContain(TRUNCATION_MARKER);
  });

  it('keeps at most 10 fields in a section and says how many were left out', () => {
    // Prepare
    const fields = Array.from({ length: 14 }, (_, i) => ({ type: 'mrkdwn' as const, text: `field ${i}` }));

    // Act
    const limited = enforceLimits({ text: 'x', blocks: [{ type: 'section', fields }] });

    // Assess
    const block = limited.blocks[0];
    expect(block?.type === 'section' && block.fields).toHaveLength(10);
    expect(blockTexts(limited)).toContain(`${TRUNCATION_MARKER}: 5 more`);
  });

  it('keeps 51 small blocks within 50 with a notice in the last one', () => {
    // Act
    const limited = enforceLimits({
      text: 'x',
      blocks: Array.from({ length: 51 }, (_, i) => section(`b${i}`)),
    });

    // Assess
    expect(limited.blocks).toHaveLength(50);
    expect(blockTexts(limited).at(-1)).toBe(`${TRUNCATION_MARKER}: 2 more block(s) not shown`);
  });

  it('replaces empty text, which Slack refuses, with a dash', () => {
    // Act
    const limited = enforceLimits({ text: '', blocks: [section('  ')] });

    // Assess
    expect(limited.text).toBe('-');
    expect(blockTexts(limited)).toEqual(['-']);
  });

  it('leaves the text of a payload that is already within the limits as it was, and marks its mrkdwn verbatim', () => {
    // Prepare
    const payload: SlackPayload = {
      text: 'fine',
      blocks: [
        section(awsText('a < b')),
        { type: 'header', text: { type: 'plain_text', text: 'Title' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'seen at 10:00' }] },
      ],
    };

    // Act
    const limited = enforceLimits(structuredClone(payload));

    // Assess
    expect(limited).toEqual({
      text: 'fine',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b', verbatim: true } },
        { type: 'header', text: { type: 'plain_text', text: 'Title' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'seen at 10:00', verbatim: true }] },
      ],
    });
  });
});

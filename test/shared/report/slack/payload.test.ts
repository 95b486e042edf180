import { describe, expect, it } from 'vitest';
import {
  awsCode,
  awsText,
  type Block,
  enforceLimits,
  escapeMrkdwn,
  inertText,
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

describe('scrubSecrets, every spelling of a webhook URL', () => {
  const TOKEN = 'xoxWebhookToken0123';
  it.each([
    ['with the https scheme', `https://hooks.slack.com/services/T0A/B0B/${TOKEN}`],
    ['with the http scheme', `http://hooks.slack.com/services/T0A/B0B/${TOKEN}`],
    ['without a scheme', `hooks.slack.com/services/T0A/B0B/${TOKEN}`],
    ['with a mixed-case host and scheme', `HTTPS://Hooks.Slack.COM/services/T0A/B0B/${TOKEN}`],
    ['URL-encoded', `https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0A%2FB0B%2F${TOKEN}`],
    ['URL-encoded in lower case, without a scheme', `hooks.slack.com%2fservices%2fT0A%2fB0B%2f${TOKEN}`],
    ['URL-encoded twice', `https%253A%252F%252Fhooks.slack.com%252Fservices%252FT0A%252FB0B%252F${TOKEN}`],
    ['with its dots encoded', `https://hooks%2Eslack%2Ecom/services/T0A/B0B/${TOKEN}`],
    ['with JSON-escaped slashes', `https:\\/\\/hooks.slack.com\\/services\\/T0A\\/B0B\\/${TOKEN}`],
    ['on the GovSlack host', `https://hooks.slack-gov.com/services/T0A/B0B/${TOKEN}`],
    ['as a workflow trigger', `https://hooks.slack.com/triggers/T0A/123/${TOKEN}`],
  ])('removes a webhook URL %s', (_spelling, url) => {
    // Act
    const text = scrubSecrets(`before ${url} after`);

    // Assess
    expect(text).toBe('before [redacted webhook URL] after');
  });

  it('keeps a mention of the host without a path, as in an error that says what is expected', () => {
    // Act
    const text = scrubSecrets('expected https://hooks.slack.com/... or hooks.slack.com');

    // Assess
    expect(text).toBe('expected https://hooks.slack.com/... or hooks.slack.com');
  });

  it('removes a webhook URL hidden by bidi or zero-width characters once they are removed', () => {
    // Act
    const text = awsText(`x https://hooks.sl\u202Eack.com/services/T0A/B0B/${TOKEN}\u200B y`);

    // Assess
    expect(text).toBe('x [redacted webhook URL] y');
  });
});

describe('inertText', () => {
  it.each([
    ['a newline', 'line one\nline two', 'line one line two'],
    ['a carriage return and a tab', 'a\r\nb\tc', 'a  b c'],
    [
      'other C0 controls, DEL and C1 controls',
      'a\u0000b\u0007c\u001bd\u007fe\u0085f\u009bg',
      'a b c d e f g',
    ],
    ['the Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
  ])('turns %s into spaces', (_case, value, expected) => {
    expect(inertText(value)).toBe(expected);
  });

  it.each([
    ['U+202A to U+202E', '\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee'],
    ['U+2066 to U+2069', '\u2066a\u2067b\u2068c\u2069d'],
    ['U+200E, U+200F and U+061C', 'a\u200Eb\u200Fc\u061Cd'],
    ['zero-width spaces, word joiners and byte order marks', 'a\u200Bb\u2060c\uFEFFd'],
  ])('removes the bidi and invisible characters %s', (_case, value) => {
    expect(inertText(value)).toBe(value.replace(/[^a-e]/g, ''));
  });

  it('keeps letters of every script, emoji and the joiners they need', () => {
    const text = 'Zürich 東京 مرحبا 👩\u200D💻 a\u200Cb';
    expect(inertText(text)).toBe(text);
  });
});

describe('awsText', () => {
  it.each([
    [':white_check_mark: resolved', ':\u200Bwhite_check_mark: resolved'],
    ['prod:rotating_light:now', 'prod:\u200Brotating_light:now'],
    [':+1: :thumbsup::skin-tone-2:', ':\u200B+1: :\u200Bthumbsup::\u200Bskin-tone-2:'],
    ["it's :o'clock:", "it's :\u200Bo'clock:"],
    ['arn:aws:iam::111122223333:role/x', 'arn:\u200Baws:\u200Biam::\u200B111122223333:role/x'],
  ])('breaks the emoji shortcodes in %j with a zero-width space', (value, expected) => {
    expect(awsText(value)).toBe(expected);
  });

  it.each([
    ['a colon and a space', 'note: done: ok'],
    ['a time', '12: 30'],
    ['a lone colon', 'a:b'],
  ])('leaves colons that form no shortcode alone: %s', (_case, value) => {
    expect(awsText(value)).toBe(value);
  });

  it('puts AWS text on one line, without bidi controls', () => {
    expect(awsText('name\n*Resolved*\u202Eevil')).toBe('name ∗Resolved∗evil');
  });

  it.each([
    ['*URGENT* pay here', '∗URGENT∗ pay here'],
    ['~resolved~ by security', '∼resolved∼ by security'],
    ['_ignore_ this', 'ˍignoreˍ this'],
    ['`code` span', 'ˋcodeˋ span'],
  ])('turns the formatting in %j into look-alikes: %j', (value, expected) => {
    expect(awsText(value)).toBe(expected);
  });

  it('keeps underscores inside words, where Slack formats nothing', () => {
    expect(awsText('RSA_2048 my_load_balancer 2048_bits')).toBe('RSA_2048 my_load_balancer 2048_bits');
  });
});

describe('awsCode', () => {
  it('keeps AWS text in code on one line, without bidi controls, and leaves shortcodes (code shows no emoji)', () => {
    expect(awsCode('arn:aws:iam::1:role/a\nb\u2066c')).toBe('`arn:aws:iam::1:role/a bc`');
  });

  it('scrubs a webhook URL in code', () => {
    expect(awsCode('hooks.slack.com/services/T/B/secret1')).toBe('`[redacted webhook URL]`');
  });

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

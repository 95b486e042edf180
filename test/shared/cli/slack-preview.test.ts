import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSlackPreview } from '../../../shared/cli/slack-preview.js';
import { parsePolicy } from '../../../shared/policy/load.js';
import { albHttpListener } from '../../helpers/elb-fixtures.js';

type Message = { text: string; blocks: { type: string; text?: { text: string } }[] };

/** The mrkdwn text of every block of a message, joined. */
const textOf = (message: Message) => message.blocks.map((block) => block.text?.text ?? '').join('\n');

async function preview(args: string[]): Promise<{ code: number; messages: Message[] }> {
  const { runCli } = await import('../../../shared/cli/main.js');
  let stdout = '';
  const io = {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        return true;
      },
    },
    stderr: { write: () => true },
  };
  const code = await runCli(
    ['evaluate', 'examples/account', '--slack-preview', '--now', '2026-11-22T00:00:00Z', ...args],
    io as never,
  );
  return { code, messages: JSON.parse(stdout) as Message[] };
}

describe('transit-guard evaluate --slack-preview', () => {
  it('prints the one digest a first sweep of the example account posts, not a message per finding', async () => {
    // Act
    const { code, messages } = await preview([]);

    // Assess
    expect(code).toBe(1);
    expect(messages).toHaveLength(1);
    const [digest] = messages as [Message];
    expect(digest.text).toMatch(/^transit-guard sweep: \d+ open finding/);
    expect(textOf(digest)).toMatch(/In this digest instead of one message each\*: \d+ new/);
    expect(textOf(digest)).toContain('Encryption in transit (SEC09)');
  });

  it('follows slack.minSeverity: counts keep every severity, only findings at the minimum are told', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'tg-slack-preview-'));
    const policy = join(dir, 'policy.yml');
    await writeFile(policy, 'slack:\n  minSeverity: critical\n');

    // Act
    const all = await preview([]);
    const quiet = await preview(['--policy', policy]);

    // Assess
    const [digest] = quiet.messages as [Message];
    expect(quiet.messages).toHaveLength(1);
    expect(digest.text).toBe((all.messages[0] as Message).text);
    const worst = textOf(digest).split('*Worst open findings*')[1] ?? '';
    expect(worst).toMatch(/CRITICAL/);
    expect(worst).not.toMatch(/\*(HIGH|MEDIUM|LOW|INFO)\*/);
    const critical = Number(/(\d+) critical/.exec(digest.text)?.[1]);
    expect(textOf(digest)).toContain(`one message each*: ${critical} new`);
  });
});

describe('renderSlackPreview', () => {
  it('escapes hostile names so a preview cannot carry a link', async () => {
    const text = await renderSlackPreview({
      inventory: {
        resources: [albHttpListener({ name: '<https://evil.example|click>' })],
        errors: [],
        tlsPolicies: [],
      },
      policy: parsePolicy('{}', 'policy.yml'),
      now: new Date('2026-11-22T00:00:00Z'),
    });
    expect(text).toContain('evil.example');
    expect(text).not.toContain('<https://evil.example|click>');
  });
});

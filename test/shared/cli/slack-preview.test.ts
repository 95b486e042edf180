import { describe, expect, it } from 'vitest';
import { renderSlackPreview } from '../../../shared/cli/slack-preview.js';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { buildReport } from '../../../shared/report/report.js';

const listener =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';

function evaluation(overrides: Partial<Evaluation>): Evaluation {
  return {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listener,
    resourceName: 'shop',
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    ...overrides,
  };
}

describe('renderSlackPreview', () => {
  it('prints one Block Kit message per NON_COMPLIANT evaluation, worst first, then the digest', () => {
    // Prepare
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00.000Z',
      resources: 2,
      evaluations: [
        evaluation({ ruleId: 'elbv2-listener-weak-ciphers', severity: 'medium', reason: 'CBC suites.' }),
        evaluation({}),
        evaluation({ ruleId: 'elbv2-listener-plaintext', status: 'COMPLIANT', reason: 'fine' }),
      ],
      errors: [],
    });

    // Act
    const messages = JSON.parse(renderSlackPreview(report)) as { text: string; blocks: { type: string }[] }[];

    // Assess
    expect(messages).toHaveLength(3);
    expect(messages[0]?.text).toMatch(/HIGH/);
    expect(messages[1]?.text).toMatch(/MEDIUM/);
    expect(
      messages.every((m) => Array.isArray(m.blocks) && m.blocks.length > 0 && m.blocks.length <= 50),
    ).toBe(true);
    expect(JSON.stringify(messages[2])).toContain('shop');
  });

  it('escapes hostile names so a preview cannot carry a link', () => {
    const report = buildReport({
      evaluatedAt: '2026-11-22T00:00:00.000Z',
      resources: 1,
      evaluations: [evaluation({ resourceName: '<https://evil.example|click>' })],
      errors: [],
    });
    const text = renderSlackPreview(report);
    expect(text).not.toContain('<https://evil.example|click>');
    expect(text).toContain('&lt;https://evil.example|click&gt;');
  });
});

describe('transit-guard evaluate --slack-preview', () => {
  it('prints the Block Kit JSON for the example account instead of the report', async () => {
    // Prepare
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

    // Act
    const code = await runCli(
      ['evaluate', 'examples/account', '--slack-preview', '--now', '2026-11-22T00:00:00Z'],
      io as never,
    );

    // Assess
    const messages = JSON.parse(stdout) as { blocks: unknown[] }[];
    expect(code).toBe(1);
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.every((m) => m.blocks.length > 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Evaluation, RemediationCall } from '../../../../shared/model/evaluation.js';
import type { Actor } from '../../../../shared/model/ref.js';
import {
  type ActionOutcome,
  buildFindingMessage,
  type FindingMessageInput,
  redactSecrets,
} from '../../../../shared/report/slack/message.js';
import {
  SLACK_LIMITS,
  type SlackPayload,
  TRUNCATION_MARKER,
} from '../../../../shared/report/slack/payload.js';

const ACCOUNT = '111122223333';
const LISTENER = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`;
/** The planned ModifyListener call as the message shows it: the runnable AWS CLI command line. */
const CLI = `aws elbv2 modify-listener --listener-arn ${LISTENER} --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 --region eu-west-1`;
const LOAD_BALANCER_PAGE = `https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188;tab=listeners`;
const PLANTED_WEBHOOK = 'https://hooks.slack.com/services/T0PLANTED/B0PLANTED/plantedSecretValue42';
const PLANTED_PSK = 'Pl4ntedPreSharedKey_9f8e7d';
const HOSTILE = '<https://evil|click>';

const MODIFY_LISTENER: RemediationCall = {
  service: 'elbv2',
  command: 'ModifyListener',
  input: { ListenerArn: LISTENER, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' },
};

const evaluation: Evaluation = {
  ruleId: 'elbv2-listener-tls-policy',
  status: 'NON_COMPLIANT',
  severity: 'high',
  resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
  resourceId: LISTENER,
  resourceName: 'shop',
  accountId: ACCOUNT,
  region: 'eu-west-1',
  reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
  response: {
    mode: 'remediate',
    status: 'dry-run',
    action: 'set-ssl-policy',
    target: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    calls: [MODIFY_LISTENER],
    note: 'dry run: planned, not executed',
  },
};

const actor: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PlatformAdmin/alice@example.com`,
  principalId: 'AROAEXAMPLEID:alice@example.com',
  accountId: ACCOUNT,
};

const opened: FindingMessageInput = {
  evaluation,
  kind: 'opened',
  actor,
  eventTime: '2026-11-22T09:58:12Z',
};

const executed = (outcome: 'ok' | 'failed', error?: string) => ({
  ...MODIFY_LISTENER,
  outcome,
  at: '2026-11-22T09:58:20.000Z',
  ...(error ? { error } : {}),
});

const all = (payload: SlackPayload) => JSON.stringify(payload);
const epoch = (iso: string) => Date.parse(iso) / 1000;

function sectionText(payload: SlackPayload, heading: string): string {
  for (const block of payload.blocks) {
    if (block.type === 'section' && block.text?.text.startsWith(`*${heading}*`)) return block.text.text;
  }
  throw new Error(`no section "${heading}"`);
}

describe('buildFindingMessage', () => {
  it('heads the message with severity, rule title and the resource with a console link', () => {
    // Act
    const payload = buildFindingMessage(opened);

    // Assess
    const [header] = payload.blocks;
    expect(header).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: ':red_circle: HIGH · Listener security policy accepts old TLS versions',
        emoji: true,
      },
    });
    expect(all(payload)).toContain(`<${LOAD_BALANCER_PAGE}|shop>`);
    expect(all(payload)).toContain(`\`${LISTENER}\``);
    expect(all(payload)).toContain(`*Account*\\n${ACCOUNT}`);
    expect(all(payload)).toContain('*Region*\\neu-west-1');
    expect(payload.text).toContain('HIGH: Listener security policy accepts old TLS versions: shop');
  });

  it('says who made the change, when, and why the resource fails', () => {
    // Act
    const payload = buildFindingMessage(opened);

    // Assess
    expect(all(payload)).toContain(`*Changed by*\\nAssumedRole \`${actor.arn}\``);
    expect(all(payload)).toContain(
      `*When*\\n<!date^${epoch('2026-11-22T09:58:12Z')}^{date_short_pretty} {time}|2026-11-22T09:58:12.000Z>`,
    );
    expect(sectionText(payload, 'Why')).toContain('ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1');
  });

  it('shows the dry-run plan with the calls transit-guard would make', () => {
    // Act
    const payload = buildFindingMessage(opened);

    // Assess
    const did = sectionText(payload, 'What transit-guard did');
    expect(did).toContain('*Dry run*: nothing was changed');
    expect(did).toContain('`set-ssl-policy` → `ELBSecurityPolicy-TLS13-1-2-Res-2021-06`');
    expect(did).toContain(`\`\`\`${CLI}\`\`\``);
    expect(did).not.toContain('"ListenerArn"');
    expect(did).toContain('_dry run: planned, not executed_');
  });

  it.each<[ActionOutcome, string]>([
    [
      { status: 'remediated', calls: [executed('ok')] },
      `*Remediated and verified*: \`set-ssl-policy\` → \`ELBSecurityPolicy-TLS13-1-2-Res-2021-06\`\n\`\`\`${CLI}  # ✓\`\`\``,
    ],
    [{ status: 'blocked', calls: [executed('ok')] }, '*Blocked and verified*'],
    [
      {
        status: 'failed',
        error: 'AccessDenied: not authorized to perform ModifyListener',
        calls: [executed('failed', 'AccessDenied')],
      },
      `*Action failed*: \`set-ssl-policy\` → \`ELBSecurityPolicy-TLS13-1-2-Res-2021-06\` AccessDenied: not authorized to perform ModifyListener\n\`\`\`${CLI}  # ✗ → AccessDenied\`\`\``,
    ],
    [{ status: 'unchanged', calls: [] }, '*No change made*: the resource was already compliant'],
    [
      { status: 'refused', calls: [], note: 'the load balancer has no HTTPS listener any more' },
      '*Not acted on*',
    ],
  ])('reports what the executor did (%o)', (action, expected) => {
    // Act
    const payload = buildFindingMessage({ ...opened, action });

    // Assess
    expect(sectionText(payload, 'What transit-guard did')).toContain(expected);
  });

  it('shows calls that are planned but not yet made', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.response = {
      ...structuredClone(evaluation.response),
      mode: 'remediate',
      status: 'planned',
    };
    delete input.evaluation.response.note;

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    expect(sectionText(payload, 'What transit-guard did')).toContain(
      `*Action planned*: \`set-ssl-policy\` → \`ELBSecurityPolicy-TLS13-1-2-Res-2021-06\`\n\`\`\`${CLI}\`\`\``,
    );
  });

  it('says why nothing was done when the loop guard skipped the action', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.response = {
      mode: 'remediate',
      status: 'skipped',
      note: 'loop guard: the change was made by transit-guard itself; no further action',
    };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    const did = sectionText(payload, 'What transit-guard did');
    expect(did).toContain('*No action taken*: nothing was changed.');
    expect(did).toContain('_loop guard: the change was made by transit-guard itself; no further action_');
  });

  it('says a finding is only notified when the policy mode is notify', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.response = { mode: 'notify', status: 'notify' };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    expect(sectionText(payload, 'What transit-guard did')).toContain(
      "*Notify only*: the policy's mode for this rule is `notify`; nothing was changed.",
    );
  });

  it('says until when an exempted finding is exempt, and why', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.response = {
      mode: 'remediate',
      status: 'exempt',
      exemption: {
        source: 'policy',
        rules: 'all',
        reason: 'Partner device only speaks TLS 1.0 until the Q1 upgrade',
        expires: '2027-03-31',
        expired: false,
      },
    };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    const did = sectionText(payload, 'What transit-guard did');
    expect(did).toContain(`*Exempted* until <!date^${epoch('2027-03-31')}^{date_short_pretty}|2027-03-31>`);
    expect(did).toContain('Partner device only speaks TLS 1.0 until the Q1 upgrade');
  });

  it('says when an exemption has expired and no longer applies', () => {
    // Act
    const payload = buildFindingMessage({
      ...opened,
      exemption: { reason: 'Migration window', expires: '2026-11-01', expired: true },
    });

    // Assess
    expect(sectionText(payload, 'What transit-guard did')).toContain('*Dry run*');
    expect(sectionText(payload, 'What transit-guard did')).toContain(
      `*Exemption expired* on <!date^${epoch('2026-11-01')}^{date_short_pretty}|2026-11-01> (Migration window); this finding is no longer exempt.`,
    );
  });

  it('tells the reader how to fix it', () => {
    // Act
    const payload = buildFindingMessage(opened);

    // Assess
    expect(sectionText(payload, 'How to fix').length).toBeGreaterThan('*How to fix*\n'.length);
  });

  it.each([
    ['fixed', '*Fixed* by AssumedRole'],
    ['remediated', `*Remediated by transit-guard* and verified.\n\`\`\`${CLI}  # ✓\`\`\``],
    ['deleted', '*The resource was deleted* by AssumedRole'],
  ] as const)('announces a resolution (%s)', (resolution, expected) => {
    // Prepare
    const compliant: Evaluation = {
      ...evaluation,
      status: 'COMPLIANT',
      reason: 'Policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 accepts TLSv1.2 and TLSv1.3 only.',
    };

    // Act
    const payload = buildFindingMessage({
      ...opened,
      evaluation: compliant,
      kind: 'resolved',
      resolution,
      ...(resolution === 'remediated' ? { action: { status: 'remediated', calls: [executed('ok')] } } : {}),
    });

    // Assess
    const header = payload.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(
      ':white_check_mark: RESOLVED · Listener security policy accepts old TLS versions',
    );
    expect(sectionText(payload, 'Resolved')).toContain(expected);
    expect(all(payload)).not.toContain('What transit-guard did');
    expect(payload.text).toContain(`Resolved: Listener security policy accepts old TLS versions: shop`);
  });

  it('marks a reminder and a changed finding as such', () => {
    // Act
    const reminder = buildFindingMessage({
      ...opened,
      kind: 'unchanged',
      firstSeenAt: '2026-11-20T08:00:00Z',
    });
    const changed = buildFindingMessage({ ...opened, kind: 'changed' });

    // Assess
    expect(all(reminder)).toContain(`*Reminder*: still open since <!date^${epoch('2026-11-20T08:00:00Z')}^`);
    expect(reminder.text.startsWith('Reminder: HIGH')).toBe(true);
    expect(all(changed)).toContain('*Updated*');
  });

  it('escapes a hostile resource name, tag and reason so they show as text, never as a link', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.resourceName = HOSTILE;
    input.evaluation.reason = `Name tag ${HOSTILE} & <!channel>`;
    input.tags = { Name: HOSTILE, [HOSTILE]: 'x' };
    input.actor = { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/${HOSTILE}` };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    const text = all(payload);
    expect(text).not.toContain('<https://evil');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;https://evil|click&gt;');
    expect(text).toContain(`<${LOAD_BALANCER_PAGE}|&lt;https://evil|click&gt;>`);
    expect(payload.text).toContain('&lt;https://evil|click&gt;');
  });

  it('keeps AWS text on its line: no newline, bidi control or emoji shortcode reaches the message', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.resourceName = 'shop\u202E\n*RESOLVED* :white_check_mark:';
    input.evaluation.reason = 'weak policy\n\n:white_check_mark: *Fixed* by security\r\n\u2066ok\u2069';
    input.evaluation.region = 'eu-west-1\n<!channel>';
    input.tags = { 'team\nowner': 'web\u200F:fire:' };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    expect(sectionText(payload, 'Why')).toBe(
      '*Why*\nweak policy  :\u200Bwhite_check_mark: ∗Fixed∗ by security  ok',
    );
    expect(payload.text).toBe(
      'HIGH: Listener security policy accepts old TLS versions: shop ∗RESOLVED∗ :\u200Bwhite_check_mark: (111122223333/eu-west-1 &lt;!channel&gt;). weak policy  :\u200Bwhite_check_mark: ∗Fixed∗ by security  ok',
    );
    const text = all(payload);
    expect(text).toContain('"*shop ∗RESOLVED∗ :\u200Bwhite_check_mark:*\\n`arn:aws:');
    expect(text).toContain('Tags: team owner=web:\u200Bfire:');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
  });

  it('leaves the place out of the notification text when neither account nor region is known', () => {
    // Prepare
    const input = structuredClone(opened);
    delete input.evaluation.accountId;
    delete input.evaluation.region;
    input.evaluation.reason = 'weak';

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    expect(payload.text).toBe('HIGH: Listener security policy accepts old TLS versions: shop. weak');
  });

  it('keeps one call a line in the calls block, each call on its own line whatever its error says', () => {
    // Prepare
    const action: ActionOutcome = {
      status: 'failed',
      error: 'AccessDenied\nforged line',
      calls: [executed('failed', 'AccessDenied\n:white_check_mark: fine'), executed('ok')],
    };

    // Act
    const did = sectionText(buildFindingMessage({ ...opened, action }), 'What transit-guard did');

    // Assess
    const block = did.slice(did.indexOf('```') + 3, did.lastIndexOf('```'));
    expect(block.split('\n')).toEqual([`${CLI}  # ✗ → AccessDenied :white_check_mark: fine`, `${CLI}  # ✓`]);
    expect(did).toContain('AccessDenied forged line');
  });

  it('never carries a planted webhook URL or VPN pre-shared key into the payload', () => {
    // Prepare
    const vpn: FindingMessageInput = {
      evaluation: {
        ruleId: 'vpn-tunnel-weak-crypto',
        status: 'NON_COMPLIANT',
        severity: 'high',
        resourceType: 'AWS::EC2::VPNConnection',
        resourceId: 'vpn-0123456789abcdef0',
        resourceName: `branch-office ${PLANTED_WEBHOOK}`,
        accountId: ACCOUNT,
        region: 'eu-west-1',
        reason: `Tunnel 1 permits SHA1 (notify ${PLANTED_WEBHOOK}).`,
        details: { preSharedKey: PLANTED_PSK, webhook: PLANTED_WEBHOOK },
        response: {
          mode: 'remediate',
          status: 'planned',
          action: 'modify-vpn-tunnel-options',
          note: `see ${PLANTED_WEBHOOK}`,
          calls: [
            {
              service: 'ec2',
              command: 'ModifyVpnTunnelOptions',
              input: {
                VpnConnectionId: 'vpn-0123456789abcdef0',
                TunnelOptions: { PreSharedKey: PLANTED_PSK },
              },
            },
          ],
        },
      },
      kind: 'opened',
      tags: { 'slack-webhook': PLANTED_WEBHOOK, PreSharedKey: PLANTED_PSK },
      action: {
        status: 'failed',
        error: `InvalidParameterValue: posting to ${PLANTED_WEBHOOK} failed`,
        calls: [
          {
            service: 'ec2',
            command: 'ModifyVpnTunnelOptions',
            input: {
              VpnConnectionId: 'vpn-0123456789abcdef0',
              VpnTunnelOutsideIpAddress: '203.0.113.17',
              TunnelOptions: {
                PreSharedKey: PLANTED_PSK,
                Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
              },
            },
            outcome: 'failed',
            error: `ValidationError: PreSharedKey rejected; see ${PLANTED_WEBHOOK}`,
            at: '2026-11-22T09:58:20.000Z',
          },
        ],
      },
    };

    // Act
    const payload = buildFindingMessage(vpn);

    // Assess
    const text = all(payload);
    expect(text).not.toContain(PLANTED_PSK);
    expect(text).not.toContain('plantedSecretValue42');
    expect(text).not.toContain('hooks.slack.com');
    expect(sectionText(payload, 'What transit-guard did')).toContain('"PreSharedKey":"[redacted]"');
    expect(sectionText(payload, 'Why')).toBe('*Why*\nTunnel 1 permits SHA1 (notify [redacted webhook URL]).');
    expect(text).toContain('SHA2-256');
  });

  it('stays within every Slack limit for a 10,000-character reason, name and calls', () => {
    // Prepare
    const input = structuredClone(opened);
    input.evaluation.reason = 'r'.repeat(10_000);
    input.evaluation.resourceName = 'n'.repeat(5000);
    input.evaluation.response = {
      mode: 'remediate',
      status: 'dry-run',
      calls: Array.from({ length: 40 }, (_, i) => ({
        service: 'ec2' as const,
        command: `Call${i}`,
        input: { Value: 'v'.repeat(2000) },
      })),
    };

    // Act
    const payload = buildFindingMessage(input);

    // Assess
    expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(payload.text.length).toBeLessThanOrEqual(SLACK_LIMITS.topLevelText);
    let total = 0;
    for (const block of payload.blocks) {
      if (block.type === 'header')
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section') {
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
        for (const field of block.fields ?? [])
          expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
        total += (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
      }
    }
    expect(total).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockText);
    expect(all(payload)).toContain(TRUNCATION_MARKER);
  });

  it('falls back to the rule id as the title for a rule it does not know', () => {
    // Act
    const payload = buildFindingMessage({ ...opened, evaluation: { ...evaluation, ruleId: 'custom-rule' } });

    // Assess
    const header = payload.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(':red_circle: HIGH · custom-rule');
  });
});

describe('redactSecrets', () => {
  it('blanks pre-shared keys, MACsec CAK/CKN and tokens at any depth and keeps the rest', () => {
    // Act
    const redacted = redactSecrets({
      Ckn: 'abc',
      Cak: 'def',
      ConnectionId: 'dxcon-1',
      Tunnels: [{ PreSharedKey: 'x', pre_shared_key: 'y', Phase1DHGroupNumbers: [{ Value: 14 }] }],
    });

    // Assess
    expect(redacted).toEqual({
      Ckn: '[redacted]',
      Cak: '[redacted]',
      ConnectionId: 'dxcon-1',
      Tunnels: [
        { PreSharedKey: '[redacted]', pre_shared_key: '[redacted]', Phase1DHGroupNumbers: [{ Value: 14 }] },
      ],
    });
  });
});

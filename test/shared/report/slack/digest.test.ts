import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../../../shared/model/evaluation.js';
import type { Kpis } from '../../../../shared/report/kpis.js';
import { buildDigestMessage, type DigestInput, foldAlerts } from '../../../../shared/report/slack/digest.js';
import { SLACK_LIMITS, type SlackPayload } from '../../../../shared/report/slack/payload.js';
import type { FindingRecord } from '../../../../shared/state/finding-store.js';

const ACCOUNT = '111122223333';

const kpis: Kpis = {
  listenersEncrypted: { compliant: 19, total: 20, percent: 95 },
  tlsEndpointsTls12Plus: { compliant: 12, total: 16, percent: 75 },
  tlsEndpointsStrongCiphers: { compliant: 10, total: 16, percent: 62.5 },
  tlsEndpointsPostQuantum: { compliant: 4, total: 16, percent: 25 },
  vpnConnectionsStrongCrypto: { compliant: 0, total: 2, percent: 0 },
  dxMacsecEnforced: { compliant: 0, total: 0, percent: null },
  certificatesExpiring: { count: 3, withinDays: 30 },
};

function finding(index: number, overrides: Partial<FindingRecord> = {}): FindingRecord {
  const severity = SEVERITIES[index % SEVERITIES.length] ?? 'low';
  const resourceId = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/web-${index}/50dc6c495c0c9188/${index.toString(16).padStart(16, '0')}`;
  return {
    findingId: `elbv2-listener-tls-policy|${resourceId}`,
    ruleId: 'elbv2-listener-tls-policy',
    resourceId,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceName: `web-${index}-${'x'.repeat(200)}`,
    accountId: ACCOUNT,
    region: 'eu-west-1',
    state: 'open',
    severity,
    reason: `Policy ELBSecurityPolicy-2016-08 accepts TLSv1 (${'r'.repeat(500)}).`,
    firstSeenAt: new Date(Date.UTC(2026, 9, 1) + index * 3_600_000).toISOString(),
    lastSeenAt: '2026-11-22T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function texts(payload: SlackPayload): string[] {
  return payload.blocks.flatMap((block) => {
    switch (block.type) {
      case 'header':
        return [block.text.text];
      case 'section':
        return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)].filter(Boolean);
      case 'context':
        return block.elements.map((element) => element.text);
      default:
        return [];
    }
  });
}

function input(findings: FindingRecord[]): DigestInput {
  const counts: DigestInput['counts'] = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return {
    counts,
    kpis,
    worst: findings,
    sweptAt: '2026-11-22T06:00:00.000Z',
    regions: ['eu-west-1', 'us-east-1'],
  };
}

describe('buildDigestMessage', () => {
  it('stays within every Slack limit for 200 findings in 40 regions', () => {
    // Prepare
    const findings = Array.from({ length: 200 }, (_, i) => finding(i));
    const digest = { ...input(findings), regions: Array.from({ length: 40 }, (_, i) => `eu-west-${i}`) };

    // Act
    const payload = buildDigestMessage(digest);

    // Assess
    expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(payload.text.length).toBeLessThanOrEqual(SLACK_LIMITS.topLevelText);
    for (const block of payload.blocks) {
      if (block.type === 'header')
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section') {
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
      }
    }
    expect(texts(payload).join('').length).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockText);
    expect(texts(payload)[0]).toBe(':bar_chart: transit-guard sweep · 200 open findings');
    expect(payload.text).toBe(
      'transit-guard sweep: 200 open finding(s) (40 critical, 40 high, 40 medium, 40 low, 40 info).',
    );
  });

  it('lists the five worst open findings, worst first, with console links, and how many more there are', () => {
    // Prepare
    const findings = Array.from({ length: 200 }, (_, i) => finding(i));

    // Act
    const payload = buildDigestMessage(input(findings));

    // Assess
    const worst = texts(payload).find((text) => text.startsWith('*Worst open findings*')) ?? '';
    const lines = worst.split('\n').slice(1);
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).every((line) => line.startsWith(':rotating_light: *CRITICAL*'))).toBe(true);
    expect(lines[0]).toContain(
      `<https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web-4/50dc6c495c0c9188;tab=listeners|web-4-`,
    );
    expect(lines[0]).toContain('Listener security policy accepts old TLS versions');
    expect(lines[5]).toBe('_…and 195 more open finding(s)_');
  });

  it('shows the SEC09 KPIs, with n/a where nothing was judged', () => {
    // Act
    const payload = buildDigestMessage(input([finding(1)]));

    // Assess
    const kpiText = texts(payload).find((text) => text.startsWith('*Encryption in transit (SEC09)*')) ?? '';
    expect(kpiText).toContain('• Listeners that encrypt: *95% (19/20)*');
    expect(kpiText).toContain('• TLS endpoints with strong ciphers only: *62.5% (10/16)*');
    expect(kpiText).toContain('• TLS endpoints with post-quantum key exchange: *25% (4/16)*');
    expect(kpiText).toContain('• Direct Connect links with MACsec enforced: *n/a (none found)*');
    expect(kpiText).toContain('• Certificates expiring within 30 days: *3*');
  });

  it('counts findings by severity, including the empty ones', () => {
    // Act
    const payload = buildDigestMessage(input([finding(3), finding(8)]));

    // Assess
    const fields = payload.blocks[1]?.type === 'section' ? payload.blocks[1].fields?.map((f) => f.text) : [];
    expect(fields).toEqual([
      ':rotating_light: *CRITICAL*\n0',
      ':red_circle: *HIGH*\n2',
      ':large_orange_circle: *MEDIUM*\n0',
      ':large_yellow_circle: *LOW*\n0',
      ':information_source: *INFO*\n0',
    ]);
  });

  it('says all is well when nothing is open', () => {
    // Act
    const payload = buildDigestMessage(input([]));

    // Assess
    expect(texts(payload)[0]).toBe(':white_check_mark: transit-guard sweep · 0 open findings');
    expect(texts(payload).some((text) => text.startsWith('*Worst open findings*'))).toBe(false);
  });

  it('keeps a hostile name on its line, without bidi controls or emoji shortcodes', () => {
    // Prepare
    const hostile = finding(4, {
      resourceName: 'web\u202E\n:white_check_mark: *all clear*',
      region: 'eu-west-1\u2066',
    });

    // Act
    const payload = buildDigestMessage({ ...input([hostile]), regions: ['eu-west-1\n:fire:'] });

    // Assess
    const worst = texts(payload).find((text) => text.startsWith('*Worst open findings*')) ?? '';
    expect(worst.split('\n')).toHaveLength(2);
    expect(worst).toContain('*CRITICAL* web :\u200Bwhite_check_mark: ∗all clear∗ (111122223333/eu-west-1): ');
    expect(texts(payload).at(-1)).toMatch(/ · regions: eu-west-1 :\u200Bfire:$/);
  });

  it('escapes a hostile resource name', () => {
    // Act
    const payload = buildDigestMessage(input([finding(4, { resourceName: '<https://evil|click>' })]));

    // Assess
    const all = JSON.stringify(payload);
    expect(all).not.toContain('<https://evil');
    expect(all).toContain('&lt;https://evil|click&gt;');
  });
});

describe('a digest standing for the alerts of a run', () => {
  it('counts them by kind and the new ones by family, most first, escaping a resource type no family has', () => {
    // Prepare
    const vpn = finding(1, { resourceType: 'AWS::EC2::VPNConnection' });
    const unknown = finding(2, { resourceType: 'Custom::<!here>' as FindingRecord['resourceType'] });
    const folded = foldAlerts([
      { reason: 'opened', finding: finding(3) },
      { reason: 'opened', finding: finding(4) },
      { reason: 'opened', finding: vpn },
      { reason: 'opened', finding: unknown },
      { reason: 'reminder', finding: finding(5) },
      { reason: 'resolved', finding: finding(6, { state: 'resolved' }) },
    ]);

    // Act
    const payload = buildDigestMessage({ ...input([finding(3), finding(4), vpn, unknown]), folded });

    // Assess
    expect(folded).toEqual({
      byReason: { opened: 4, reminder: 1, resolved: 1 },
      openedByFamily: { elbv2: 2, 'Custom::<!here>': 1, vpn: 1 },
    });
    expect(texts(payload)).toContain(
      '*In this digest instead of one message each*: 4 new · 1 reminders · 1 resolved\nNew by family: elbv2 2 · Custom::&lt;!here&gt; 1 · vpn 1',
    );
  });
});

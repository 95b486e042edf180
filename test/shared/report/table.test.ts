import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../shared/report/report.js';
import { describeResponse, renderTable } from '../../../shared/report/table.js';
import { accountEvaluations } from './evaluations.js';

/** The start of every ANSI escape sequence (colors). */
const ANSI = '\u001b[';

function accountReport() {
  return buildReport({
    evaluatedAt: new Date('2026-11-22T00:00:00Z'),
    resources: 11,
    evaluations: accountEvaluations(),
    errors: [{ source: 'notes.json', message: 'not a recognized AWS Config or describe-* document' }],
  });
}

describe('describeResponse', () => {
  it('spells out a dry-run remediation with its action and target', () => {
    // Assess
    expect(
      describeResponse({
        mode: 'remediate',
        status: 'dry-run',
        action: 'set-ssl-policy',
        target: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        note: 'dry run: planned, not executed',
      }),
    ).toBe('remediate set-ssl-policy -> ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (dry run)');
  });

  it('says notify when a remediate or block mode falls back to notifying, and why', () => {
    // Assess
    expect(
      describeResponse({ mode: 'block', status: 'notify', note: 'rule has no block action; notifying only' }),
    ).toBe('notify (rule has no block action; notifying only)');
    expect(describeResponse({ mode: 'notify', status: 'notify' })).toBe('notify');
  });

  it('says none when an exemption covers the resource', () => {
    // Assess
    expect(
      describeResponse({
        mode: 'remediate',
        status: 'exempt',
        note: 'exempt until 2026-09-30 (policy exemption): mainframe client',
      }),
    ).toBe('none (exempt until 2026-09-30 (policy exemption): mainframe client)');
  });
});

describe('renderTable', () => {
  it('prints one line per NON_COMPLIANT evaluation with severity, rule, resource, reason and plan', () => {
    // Act
    const lines = renderTable(accountReport(), { color: false }).split('\n');

    // Assess
    const tls = lines.find((line) => line.includes('elbv2-listener-weak-ciphers'));
    expect(tls).toMatch(
      /^MEDIUM\s+elbv2-listener-weak-ciphers\s+shop\s+Policy ELBSecurityPolicy-TLS13-1-2-2021-06/,
    );
    expect(tls).toContain(
      'plan: remediate set-ssl-policy -> ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (dry run)',
    );
    expect(lines.find((line) => line.includes('vpn-tunnel-ike-version'))).toContain(
      'branch-office (vpn-0a1b2c3d4e5f60718)  Tunnels 203.0.113.10 and 203.0.113.20 permit IKEv1.  plan: notify',
    );
    expect(lines.filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line))).toHaveLength(6);
  });

  it('sorts findings by severity, worst first, then by rule id', () => {
    // Act
    const findings = renderTable(accountReport(), { color: false })
      .split('\n')
      .filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line))
      .map((line) => line.split(/\s+/).slice(0, 2).join(' '));

    // Assess
    expect(findings).toEqual([
      'CRITICAL acm-certificate-expiry',
      'HIGH elb-listener-tls-policy',
      'HIGH elbv2-listener-plaintext',
      'HIGH vpn-tunnel-ike-version',
      'MEDIUM elb-listener-weak-ciphers',
      'MEDIUM elbv2-listener-weak-ciphers',
    ]);
  });

  it('follows the findings with the counts, the KPIs and the inputs that could not be read', () => {
    // Act
    const text = renderTable(accountReport(), { color: false });

    // Assess
    expect(text).toContain(
      '11 resources evaluated at 2026-11-22T00:00:00.000Z: 6 non-compliant, 11 compliant, 15 not applicable',
    );
    expect(text).toContain('Non-compliant by severity: critical 1, high 3, medium 2, low 0, info 0');
    expect(text).toMatch(/Listeners encrypted\s+3\/4 \(75%\)/);
    expect(text).toMatch(/DX connections and LAGs with MACsec enforced\s+1\/1 \(100%\)/);
    // No evaluation of the account says details.postQuantum: the line shows there is nothing to count.
    expect(text).toMatch(
      /TLS endpoints with allowed ciphers only\s+.*\n\s+TLS endpoints offering post-quantum key exchange\s+\S/,
    );
    expect(text).toMatch(/Certificates expiring within 30 days\s+1/);
    expect(text).toContain(
      'Errors in the inputs (1): each says what was left out, if anything\n  notes.json: not a recognized',
    );
    expect(text.indexOf('SEC09 KPIs')).toBeLessThan(text.indexOf('Errors in the inputs (1)'));
  });

  it('says so when nothing is non-compliant and marks KPIs with nothing to judge', () => {
    // Prepare
    const report = buildReport({ evaluatedAt: new Date(0), resources: 0, evaluations: [], errors: [] });

    // Act
    const text = renderTable(report, { color: false });

    // Assess
    expect(text.startsWith('No non-compliant evaluations.\n')).toBe(true);
    expect(text).toMatch(/Listeners encrypted\s+n\/a \(none evaluated\)/);
    expect(text).not.toContain('Errors');
  });

  it('writes no ANSI codes when color is off', () => {
    // Assess
    expect(renderTable(accountReport(), { color: false })).not.toContain(ANSI);
  });

  it('colors severities when color is on: critical and high red, medium yellow', () => {
    // Act
    const text = renderTable(accountReport(), { color: true });

    // Assess
    expect(text).toContain('\x1b[31mCRITICAL\x1b[39m');
    expect(text).toContain('\x1b[31mHIGH    \x1b[39m');
    expect(text).toContain('\x1b[33mMEDIUM  \x1b[39m');
  });
});

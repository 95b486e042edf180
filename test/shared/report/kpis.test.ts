import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { computeKpis, share } from '../../../shared/report/kpis.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

describe('share', () => {
  it('gives the percent with one decimal place', () => {
    // Assess
    expect(share(1, 3)).toEqual({ compliant: 1, total: 3, percent: 33.3 });
    expect(share(2, 3)).toEqual({ compliant: 2, total: 3, percent: 66.7 });
  });

  it('gives a null percent when nothing was judged', () => {
    // Assess
    expect(share(0, 0)).toEqual({ compliant: 0, total: 0, percent: null });
  });
});

describe('computeKpis', () => {
  it('computes every SEC09 KPI of an account', () => {
    // Act
    const kpis = computeKpis(accountEvaluations(), 30);

    // Assess
    expect(kpis).toEqual({
      // HTTPS listener, redirecting HTTP listener and the classic LB encrypt; the forwarding one does not
      listenersEncrypted: { compliant: 3, total: 4, percent: 75 },
      tlsEndpointsTls12Plus: { compliant: 1, total: 2, percent: 50 },
      tlsEndpointsStrongCiphers: { compliant: 0, total: 2, percent: 0 },
      vpnConnectionsStrongCrypto: { compliant: 1, total: 2, percent: 50 },
      dxMacsecEnforced: { compliant: 1, total: 1, percent: 100 },
      certificatesExpiring: { count: 1, withinDays: 30 },
    });
  });

  it('counts an HTTPS listener as encrypted although the plaintext rules do not apply to it', () => {
    // Prepare
    const evaluations = accountEvaluations().filter((e) => e.resourceId === RESOURCE_IDS.httpsListener);

    // Act
    const kpis = computeKpis(evaluations, 30);

    // Assess
    expect(kpis.listenersEncrypted).toEqual({ compliant: 1, total: 1, percent: 100 });
  });

  it('leaves a Gateway Load Balancer listener out of the listener share', () => {
    // Prepare
    const evaluations = accountEvaluations().filter((e) => e.resourceId === RESOURCE_IDS.gatewayListener);

    // Act
    const kpis = computeKpis(evaluations, 30);

    // Assess
    expect(kpis.listenersEncrypted).toEqual({ compliant: 0, total: 0, percent: null });
  });

  it('fails a VPN connection when either crypto rule fails, not only when both do', () => {
    // Prepare
    const evaluations = accountEvaluations().map(
      (e): Evaluation =>
        e.resourceId === RESOURCE_IDS.strongVpn && e.ruleId === 'vpn-tunnel-weak-crypto'
          ? { ...e, status: 'NON_COMPLIANT' }
          : e,
    );

    // Act
    const kpis = computeKpis(evaluations, 30);

    // Assess
    expect(kpis.vpnConnectionsStrongCrypto).toEqual({ compliant: 0, total: 2, percent: 0 });
  });

  it('fails a DX connection that fails open even when MACsec is on', () => {
    // Prepare
    const evaluations = accountEvaluations().map(
      (e): Evaluation =>
        e.resourceId === RESOURCE_IDS.dedicatedDx && e.ruleId === 'dx-connection-macsec-fail-open'
          ? { ...e, status: 'NON_COMPLIANT' }
          : e,
    );

    // Act
    const kpis = computeKpis(evaluations, 30);

    // Assess
    expect(kpis.dxMacsecEnforced).toEqual({ compliant: 0, total: 1, percent: 0 });
  });

  it("reports the certificate window the policy's expiryDays sets", () => {
    // Act
    const kpis = computeKpis(accountEvaluations(), 45);

    // Assess
    expect(kpis.certificatesExpiring).toEqual({ count: 1, withinDays: 45 });
  });
});

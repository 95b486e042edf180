import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { computeKpis, KpiCounter, share } from '../../../shared/report/kpis.js';
import { accountEvaluations, RESOURCE_IDS } from './evaluations.js';

/** The default policy with the certificates' expiry window set. */
const withExpiry = (expiryDays: number) => policySchema.parse({ certificates: { expiryDays } });

// The rules each KPI counts, as first specified (the families' report facets list them).
const PLAINTEXT_RULES = [
  'elbv2-listener-plaintext',
  'elbv2-listener-tcp-plaintext',
  'elb-listener-plaintext',
];
const TLS_VERSION_RULES = ['elbv2-listener-tls-policy', 'elb-listener-tls-policy'];
const CIPHER_RULES = ['elbv2-listener-weak-ciphers', 'elb-listener-weak-ciphers'];
// The hop from an ELBv2 load balancer to its targets (added with target groups).
const TARGET_HOP_RULES = ['elbv2-target-group-plaintext'];
const VPN_CRYPTO_RULES = ['vpn-tunnel-ike-version', 'vpn-tunnel-weak-crypto'];
const DX_MACSEC_RULES = [
  'dx-connection-macsec',
  'dx-connection-macsec-fail-open',
  'dx-connection-macsec-down',
];
const VPC_CONTROL_RULES = ['vpc-encryption-control'];
const CERTIFICATE_EXPIRY_RULE = 'acm-certificate-expiry';
/** The expiring-certificates KPI of each other source (shared/certificates/kpi.ts), its rule and its window. */
const SOURCE_EXPIRY = [
  ['iamServerCertificatesExpiring', 'iam-server-certificate-expiry', 'expiryDays'],
  ['privateCaCertificatesExpiring', 'pca-authority-expiry', 'authorityExpiryDays'],
  ['iotCertificatesExpiring', 'iot-certificate-expiry', 'expiryDays'],
  ['rdsCaCertificatesExpiring', 'rds-ca-certificate-expiry', 'expiryDays'],
] as const;
/** The default certificates.authorityExpiryDays. */
const AUTHORITY_DAYS = 365;

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
    const kpis = computeKpis(accountEvaluations(), withExpiry(30));

    // Assess
    expect(kpis).toEqual({
      // HTTPS listener, redirecting HTTP listener and the classic LB encrypt; the forwarding one does not
      listenersEncrypted: { compliant: 3, total: 4, percent: 75 },
      tlsEndpointsTls12Plus: { compliant: 1, total: 2, percent: 50 },
      tlsEndpointsStrongCiphers: { compliant: 0, total: 2, percent: 0 },
      // The account's evaluations carry no details.postQuantum: nothing to count
      tlsEndpointsPostQuantum: { compliant: 0, total: 0, percent: null },
      // The account has no target group
      targetHopsEncrypted: { compliant: 0, total: 0, percent: null },
      vpnConnectionsStrongCrypto: { compliant: 1, total: 2, percent: 50 },
      dxMacsecEnforced: { compliant: 1, total: 1, percent: 100 },
      datasyncLocationsEncrypted: { compliant: 0, total: 0, percent: null },
      s3DenyPlaintext: { compliant: 0, total: 0, percent: null },
      certificatesExpiring: { count: 1, withinDays: 30 },
      // The account has no IAM server certificate and no Private CA
      iamServerCertificatesExpiring: { count: 0, withinDays: 30 },
      privateCaCertificatesExpiring: { count: 0, withinDays: AUTHORITY_DAYS },
      // Nor any IoT device certificate or RDS database
      iotCertificatesExpiring: { count: 0, withinDays: 30 },
      rdsCaCertificatesExpiring: { count: 0, withinDays: 30 },
      // The account has no VPC
      vpcEncryptionControl: { compliant: 0, total: 0, percent: null },
      vpcEncryptionEnforced: { compliant: 0, total: 0, percent: null },
      // The account has no RDS database
      databasesRequiringTls: { compliant: 0, total: 0, percent: null },
    });
  });

  it('counts an HTTPS listener as encrypted although the plaintext rules do not apply to it', () => {
    // Prepare
    const evaluations = accountEvaluations().filter((e) => e.resourceId === RESOURCE_IDS.httpsListener);

    // Act
    const kpis = computeKpis(evaluations, withExpiry(30));

    // Assess
    expect(kpis.listenersEncrypted).toEqual({ compliant: 1, total: 1, percent: 100 });
  });

  it('leaves a Gateway Load Balancer listener out of the listener share', () => {
    // Prepare
    const evaluations = accountEvaluations().filter((e) => e.resourceId === RESOURCE_IDS.gatewayListener);

    // Act
    const kpis = computeKpis(evaluations, withExpiry(30));

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
    const kpis = computeKpis(evaluations, withExpiry(30));

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
    const kpis = computeKpis(evaluations, withExpiry(30));

    // Assess
    expect(kpis.dxMacsecEnforced).toEqual({ compliant: 0, total: 1, percent: 0 });
  });

  it("reports the certificate window the policy's expiryDays sets", () => {
    // Act
    const kpis = computeKpis(accountEvaluations(), withExpiry(45));

    // Assess
    expect(kpis.certificatesExpiring).toEqual({ count: 1, withinDays: 45 });
  });
});

/** A deterministic pseudo-random generator (mulberry32), for reproducible cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The KPIs as first specified: evaluations grouped by a "type|id" key, then each share filtered per group. */
function referenceKpis(evaluations: readonly Evaluation[], certificateExpiryDays: number) {
  const groups = new Map<string, Evaluation[]>();
  for (const e of evaluations) {
    const key = `${e.resourceType}|${e.resourceId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const judged = (e: Evaluation) => e.status !== 'NOT_APPLICABLE';
  const shareOf = (ruleIds: readonly string[], anyRule = false) => {
    let total = 0;
    let compliantCount = 0;
    for (const all of groups.values()) {
      const relevant = all.filter((e) => ruleIds.includes(e.ruleId));
      if (relevant.length === 0 || !(anyRule ? all : relevant).some(judged)) continue;
      total++;
      if (!relevant.some((e) => e.status === 'NON_COMPLIANT')) compliantCount++;
    }
    return share(compliantCount, total);
  };
  // Resources with a boolean details[detail] in any evaluation; compliant when none says false.
  const detailShare = (detail: string) => {
    const known = [...groups.values()]
      .map((all) => all.map((e) => e.details?.[detail]).filter((v) => typeof v === 'boolean'))
      .filter((values) => values.length > 0);
    return share(known.filter((values) => !values.includes(false)).length, known.length);
  };
  return {
    listenersEncrypted: shareOf(PLAINTEXT_RULES, true),
    tlsEndpointsTls12Plus: shareOf(TLS_VERSION_RULES),
    tlsEndpointsStrongCiphers: shareOf(CIPHER_RULES),
    tlsEndpointsPostQuantum: detailShare('postQuantum'),
    targetHopsEncrypted: shareOf(TARGET_HOP_RULES),
    vpnConnectionsStrongCrypto: shareOf(VPN_CRYPTO_RULES),
    dxMacsecEnforced: shareOf(DX_MACSEC_RULES),
    datasyncLocationsEncrypted: shareOf(['datasync-location-plaintext']),
    s3DenyPlaintext: shareOf(['s3-bucket-secure-transport']),
    databasesRequiringTls: shareOf(['rds-transport-not-enforced']),
    certificatesExpiring: {
      count: evaluations.filter((e) => e.ruleId === CERTIFICATE_EXPIRY_RULE && e.status === 'NON_COMPLIANT')
        .length,
      withinDays: certificateExpiryDays,
    },
    // Counted from vpc-encryption-control's details, not its verdict (a monitor VPC fails under enforce).
    vpcEncryptionControl: detailShare('hasEncryptionControl'),
    vpcEncryptionEnforced: detailShare('enforcesEncryption'),
    ...Object.fromEntries(
      SOURCE_EXPIRY.map(([key, ruleId, window]) => [
        key,
        {
          count: evaluations.filter((e) => e.ruleId === ruleId && e.status === 'NON_COMPLIANT').length,
          withinDays: window === 'expiryDays' ? certificateExpiryDays : AUTHORITY_DAYS,
        },
      ]),
    ),
  };
}

/** Random evaluations of a few resources (some ids shared by two resource types), by every KPI rule and others. */
function randomEvaluations(seed: number, count: number, ids = 12): Evaluation[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const ruleIds = [
    ...PLAINTEXT_RULES,
    ...TLS_VERSION_RULES,
    ...CIPHER_RULES,
    ...TARGET_HOP_RULES,
    ...VPN_CRYPTO_RULES,
    ...DX_MACSEC_RULES,
    ...VPC_CONTROL_RULES,
    CERTIFICATE_EXPIRY_RULE,
    ...SOURCE_EXPIRY.map(([, ruleId]) => ruleId),
    'acm-certificate-key-strength',
    'elbv2-listener-certificate-expiry',
  ];
  const template = accountEvaluations()[0] as Evaluation;
  return Array.from({ length: count }, () => ({
    ...template,
    resourceType: pick(['AWS::ElasticLoadBalancingV2::Listener', 'AWS::EC2::VPNConnection'] as const),
    resourceId: `r-${Math.floor(next() * ids)}`,
    ruleId: pick(ruleIds),
    status: pick(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] as const),
    // Any rule may say them (no family lists rules for a detail KPI); absent, true, false or not a boolean.
    details: {
      postQuantum: pick([undefined, true, false, 'yes']),
      hasEncryptionControl: pick([undefined, true, false, 'monitor']),
      enforcesEncryption: pick([undefined, true, false, 1]),
    },
  }));
}

describe('the post-quantum KPI', () => {
  const template = accountEvaluations()[0] as Evaluation;
  const tlsEvaluation = (
    resourceId: string,
    ruleId: string,
    details: Record<string, unknown>,
  ): Evaluation => ({
    ...template,
    resourceId,
    ruleId,
    status: 'COMPLIANT',
    details,
  });

  it('counts every resource whose evaluation says details.postQuantum, of any rule, and no other', () => {
    // Prepare: one PQ listener, one classical one (said by two rules), one the data could not tell, one of a rule no KPI lists
    const evaluations = [
      tlsEvaluation('pq', 'elbv2-listener-tls-policy', { postQuantum: true }),
      tlsEvaluation('classical', 'elbv2-listener-tls-policy', { postQuantum: false }),
      tlsEvaluation('classical', 'elbv2-listener-weak-ciphers', {}),
      tlsEvaluation('unknown', 'elbv2-listener-tls-policy', {}),
      tlsEvaluation('elsewhere', 'some-future-tls-policy', { postQuantum: true }),
    ];

    // Act
    const kpis = computeKpis(evaluations, withExpiry(30));

    // Assess
    expect(kpis.tlsEndpointsPostQuantum).toEqual({ compliant: 2, total: 3, percent: 66.7 });
  });

  it('is left out under tls.postQuantum: ignore', () => {
    // Act
    const kpis = computeKpis(
      [tlsEvaluation('pq', 'elbv2-listener-tls-policy', { postQuantum: true })],
      policySchema.parse({ tls: { postQuantum: 'ignore' } }),
    );

    // Assess
    expect(kpis).not.toHaveProperty('tlsEndpointsPostQuantum');
  });
});

describe('the VPC encryption-control KPIs', () => {
  const template = accountEvaluations()[0] as Evaluation;
  const vpc = (
    resourceId: string,
    status: Evaluation['status'],
    details: Record<string, unknown>,
  ): Evaluation => ({
    ...template,
    resourceType: 'AWS::EC2::VPC',
    resourceId,
    ruleId: 'vpc-encryption-control',
    status,
    details,
  });

  it('count the modes from the details whatever the verdict: a monitor VPC failing vpc.encryptionMode enforce still has a control', () => {
    // Prepare: under vpc.encryptionMode enforce, a monitor VPC fails; an enforced one with a refused exclusion fails
    const evaluations = [
      vpc('monitor', 'NON_COMPLIANT', { hasEncryptionControl: true, enforcesEncryption: false }),
      vpc('enforce', 'NON_COMPLIANT', { hasEncryptionControl: true, enforcesEncryption: true }),
      vpc('none', 'NON_COMPLIANT', { hasEncryptionControl: false, enforcesEncryption: false }),
      vpc('unknown', 'NON_COMPLIANT', { hasEncryptionControl: false, enforcesEncryption: false }),
    ];

    // Act
    const kpis = computeKpis(evaluations, policySchema.parse({ vpc: { encryptionMode: 'enforce' } }));

    // Assess
    expect(kpis.vpcEncryptionControl).toEqual({ compliant: 2, total: 4, percent: 50 });
    expect(kpis.vpcEncryptionEnforced).toEqual({ compliant: 1, total: 4, percent: 25 });
  });
});

describe('KpiCounter', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('counts random evaluations (seed %i) as the reference does', (seed) => {
    // Prepare
    const evaluations = randomEvaluations(seed, 60);
    const runs = new KpiCounter(withExpiry(30));
    // Consecutive evaluations of one resource, as addResource takes them; the same resource comes again later.
    let run: Evaluation[] = [];
    for (const evaluation of evaluations) {
      const last = run[0];
      if (
        last &&
        (last.resourceId !== evaluation.resourceId || last.resourceType !== evaluation.resourceType)
      ) {
        runs.addResource(run);
        run = [];
      }
      run.push(evaluation);
    }
    runs.addResource(run);

    // Act
    const one = computeKpis(evaluations, withExpiry(30));

    // Assess
    expect(one).toEqual(referenceKpis(evaluations, 30));
    expect(runs.kpis()).toEqual(referenceKpis(evaluations, 30));
  });

  it('keeps every resource apart when there are more than its first buffer holds', () => {
    // Prepare: 800 resources, their flags far past the counter's first 1,024 bytes, each met several times.
    const evaluations = randomEvaluations(9, 4_000, 400);

    // Act
    const kpis = computeKpis(evaluations, withExpiry(30));

    // Assess
    expect(kpis).toEqual(referenceKpis(evaluations, 30));
  });

  it.each([1, 2, 3])(
    'counts random evaluations (seed %i) given by position, some without, as the reference does',
    (seed) => {
      // Prepare: a position per type and id, given again whenever the resource comes again; a third of the
      // resources given without one (not in the resource list).
      const evaluations = randomEvaluations(seed, 300, 40);
      const positions = new Map<string, number>();
      for (const e of evaluations) {
        const key = `${e.resourceType} ${e.resourceId}`;
        if (!positions.has(key)) positions.set(key, positions.size);
      }
      const counter = new KpiCounter(withExpiry(30), positions.size);

      // Act
      for (const evaluation of evaluations) {
        const position = positions.get(`${evaluation.resourceType} ${evaluation.resourceId}`) as number;
        counter.addResource([evaluation], position % 3 === 0 ? undefined : position);
      }

      // Assess
      expect(counter.kpis()).toEqual(referenceKpis(evaluations, 30));
    },
  );

  it('refuses a position outside the resource list it was sized for', () => {
    const counter = new KpiCounter(withExpiry(30), 2);
    const [evaluation] = accountEvaluations() as [Evaluation];

    expect(() => counter.addResource([evaluation], 2)).toThrow('resource position 2');
    expect(() => counter.addResource([evaluation], -1)).toThrow(RangeError);
  });

  it('counts the account one resource at a time as computeKpis counts its whole list', () => {
    // Prepare
    const evaluations = accountEvaluations();
    const counter = new KpiCounter(withExpiry(45));

    // Act
    for (const id of Object.values(RESOURCE_IDS))
      counter.addResource(evaluations.filter((e) => e.resourceId === id));
    counter.addResource([]);

    // Assess
    expect(counter.kpis()).toEqual(computeKpis(evaluations, withExpiry(45)));
    expect(counter.kpis()).toEqual(referenceKpis(evaluations, 45));
  });
});

import { describe, expect, it } from 'vitest';
import type { ScpStatement } from '../../../shared/infra/family-deployment.js';
import {
  buildServiceControlPolicy,
  DEFAULT_PLAINTEXT_EXCEPTION_TAG,
  DEFAULT_PRINCIPAL_EXCEPTION_TAG,
  SCP_MAX_CHARACTERS,
  type ServiceControlPolicy,
  serializeServiceControlPolicy,
  serviceControlPolicyLimits,
  splitServiceControlPolicy,
} from '../../../shared/infra/scp.js';
import { CIPHER_CLASSES, type PolicyInput, policySchema } from '../../../shared/policy/schema.js';

/**
 * Condition keys as the Service Authorization Reference names them (Elastic Load Balancing V2 and Amazon EC2
 * pages; ELB user guide "How Elastic Load Balancing works with IAM"; Amazon VPC Lattice page for
 * vpc-lattice:Protocol), plus the global keys used.
 */
const DOCUMENTED_KEYS = new Set([
  'elasticloadbalancing:ListenerProtocol',
  'elasticloadbalancing:SecurityPolicy',
  'ec2:IKEVersions',
  'ec2:Phase1EncryptionAlgorithms',
  'ec2:Phase2EncryptionAlgorithms',
  'ec2:Phase1IntegrityAlgorithms',
  'ec2:Phase2IntegrityAlgorithms',
  'ec2:Phase1DHGroup',
  'ec2:Phase2DHGroup',
  'vpc-lattice:Protocol',
  'aws:TagKeys',
  'aws:PrincipalArn',
  `aws:PrincipalTag/${DEFAULT_PRINCIPAL_EXCEPTION_TAG}`,
  `aws:ResourceTag/${DEFAULT_PLAINTEXT_EXCEPTION_TAG}`,
]);

function scpFor(input: PolicyInput = {}): ServiceControlPolicy {
  return buildServiceControlPolicy(policySchema.parse(input));
}

function statement(scp: ServiceControlPolicy, sid: string): ScpStatement {
  const found = scp.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${scp.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

function deniedSecurityPolicies(scp: ServiceControlPolicy): string[] {
  return statement(scp, 'WeakSecurityPolicies').Condition['ForAnyValue:StringEquals']?.[
    'elasticloadbalancing:SecurityPolicy'
  ] as string[];
}

describe('buildServiceControlPolicy', () => {
  it('denies plaintext ELBv2 listeners unless the principal or the resource carries the exception tag', () => {
    // Act
    const scp = scpFor();

    // Assess
    expect(statement(scp, 'PlaintextListeners')).toEqual({
      Sid: 'PlaintextListeners',
      Effect: 'Deny',
      Action: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:ModifyListener'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': {
          'elasticloadbalancing:ListenerProtocol': ['HTTP', 'TCP', 'UDP', 'TCP_UDP'],
        },
        StringNotEquals: {
          'aws:PrincipalTag/transit-guard:scp-exempt': 'true',
          'aws:ResourceTag/transit-guard:allow-plaintext': 'true',
        },
      },
    });
  });

  it('denies plaintext classic listeners whatever the case of the protocol', () => {
    // Act
    const classic = statement(scpFor(), 'PlaintextClassicListeners');

    // Assess
    expect(classic.Action).toEqual([
      'elasticloadbalancing:CreateLoadBalancer',
      'elasticloadbalancing:CreateLoadBalancerListeners',
    ]);
    expect(classic.Condition['ForAnyValue:StringEqualsIgnoreCase']).toEqual({
      'elasticloadbalancing:ListenerProtocol': ['HTTP', 'TCP'],
    });
  });

  it('denies every catalog security policy the default policy rejects, and none it accepts', () => {
    // Act
    const denied = deniedSecurityPolicies(scpFor());

    // Assess
    expect(denied).toEqual(
      expect.arrayContaining(['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-2021-06']),
    );
    expect(denied).not.toContain('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    expect(denied).not.toContain('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(denied).not.toContain('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  it('denies creating a TLS listener, or switching one to HTTPS/TLS, that leaves the security policy to AWS', () => {
    // Act
    const withoutPolicy = statement(scpFor(), 'TlsListenerWithoutPolicy');

    // Assess
    expect(withoutPolicy.Action).toEqual([
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:ModifyListener',
    ]);
    expect(withoutPolicy.Condition).toEqual({
      'ForAnyValue:StringEquals': { 'elasticloadbalancing:ListenerProtocol': ['HTTPS', 'TLS'] },
      Null: { 'elasticloadbalancing:SecurityPolicy': 'true' },
    });
  });

  it('denies IKEv1, default tunnel options, SHA1 and weak DH groups on VPN tunnels', () => {
    // Act
    const scp = scpFor();

    // Assess
    expect(statement(scp, 'VpnIkeVersions').Condition).toEqual({
      'ForAnyValue:StringEquals': { 'ec2:IKEVersions': ['ikev1'] },
    });
    expect(statement(scp, 'VpnIkeVersions').Action).toEqual([
      'ec2:CreateVpnConnection',
      'ec2:ModifyVpnTunnelOptions',
    ]);
    expect(statement(scp, 'VpnDefaultTunnelOptions').Condition).toEqual({
      Null: { 'ec2:IKEVersions': 'true' },
    });
    expect(statement(scp, 'VpnPhase1Integrity').Condition).toEqual({
      'ForAnyValue:StringEquals': { 'ec2:Phase1IntegrityAlgorithms': ['SHA1'] },
    });
    expect(statement(scp, 'VpnPhase2DHGroups').Condition).toEqual({
      'ForAnyValue:StringEquals': { 'ec2:Phase2DHGroup': ['2', '5', '22'] },
    });
    // Phase 1 does not take DH group 5 at all.
    expect(statement(scp, 'VpnPhase1DHGroups').Condition).toEqual({
      'ForAnyValue:StringEquals': { 'ec2:Phase1DHGroup': ['2', '22'] },
    });
    // Every AES variant is allowed by default: nothing to deny.
    expect(scp.Statement.map((s) => s.Sid)).not.toContain('VpnPhase1Encryption');
  });

  it('denies a VPN connection created without an option list whose AWS default is weak, one statement per list', () => {
    // Act
    const scp = scpFor();
    const defaults = scp.Statement.filter((s) => s.Sid.startsWith('VpnDefaultPhase'));

    // Assess
    expect(defaults).toEqual(
      [
        ['VpnDefaultPhase1Integrity', 'ec2:Phase1IntegrityAlgorithms'],
        ['VpnDefaultPhase2Integrity', 'ec2:Phase2IntegrityAlgorithms'],
        ['VpnDefaultPhase1DHGroups', 'ec2:Phase1DHGroup'],
        ['VpnDefaultPhase2DHGroups', 'ec2:Phase2DHGroup'],
      ].map(([Sid, key]) => ({
        Sid,
        Effect: 'Deny',
        Action: ['ec2:CreateVpnConnection'],
        Resource: '*',
        Condition: { Null: { [key as string]: 'true' } },
      })),
    );
  });

  it('denies weak and default encryption algorithms when the policy narrows them', () => {
    // Act
    const scp = scpFor({ vpn: { allowedEncryptionAlgorithms: ['AES256-GCM-16'] } });

    // Assess
    for (const phase of [1, 2]) {
      expect(statement(scp, `VpnPhase${phase}Encryption`)).toEqual({
        Sid: `VpnPhase${phase}Encryption`,
        Effect: 'Deny',
        Action: ['ec2:CreateVpnConnection', 'ec2:ModifyVpnTunnelOptions'],
        Resource: '*',
        Condition: {
          'ForAnyValue:StringEquals': {
            [`ec2:Phase${phase}EncryptionAlgorithms`]: ['AES128', 'AES256', 'AES128-GCM-16'],
          },
        },
      });
      expect(statement(scp, `VpnDefaultPhase${phase}Encryption`).Condition).toEqual({
        Null: { [`ec2:Phase${phase}EncryptionAlgorithms`]: 'true' },
      });
    }
  });

  it('uses only documented condition keys and fits the SCP size limit when minified, split in documents', () => {
    // Act
    const scp = scpFor();
    const keys = scp.Statement.flatMap((s) =>
      Object.values(s.Condition).flatMap((block) => Object.keys(block)),
    );

    // Assess
    expect(keys.filter((key) => !DOCUMENTED_KEYS.has(key))).toEqual([]);
    for (const document of splitServiceControlPolicy(scp)) {
      expect(serializeServiceControlPolicy(document).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    }
    expect(serializeServiceControlPolicy(scp)).not.toMatch(/\s/);
  });

  it('denies fewer security policies when the policy allows more ciphers', () => {
    // Prepare
    const wider: PolicyInput = { tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2'] } };

    // Act
    const strict = deniedSecurityPolicies(scpFor());
    const widened = deniedSecurityPolicies(scpFor(wider));

    // Assess
    expect(widened).not.toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(widened).toContain('ELBSecurityPolicy-2016-08');
    expect(widened.length).toBeLessThan(strict.length);
    expect(widened.every((name) => strict.includes(name))).toBe(true);
  });

  it('denies more security policies when the minimum protocol rises', () => {
    // Act
    const tls13Only = deniedSecurityPolicies(scpFor({ tls: { minimumVersion: 'TLSv1.3' } }));

    // Assess
    expect(tls13Only).toContain('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    expect(tls13Only).not.toContain('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  it('leaves out the statements of rules that are off', () => {
    // Prepare
    const input: PolicyInput = {
      rules: {
        'elbv2-listener-tcp-plaintext': { mode: 'off' },
        'elb-listener-plaintext': { mode: 'off' },
        'vpn-tunnel-weak-crypto': { mode: 'off' },
      },
    };

    // Act
    const scp = scpFor(input);
    const sids = scp.Statement.map((s) => s.Sid);

    // Assess
    expect(statement(scp, 'PlaintextListeners').Condition['ForAnyValue:StringEquals']).toEqual({
      'elasticloadbalancing:ListenerProtocol': ['HTTP'],
    });
    expect(sids).not.toContain('PlaintextClassicListeners');
    expect(sids.filter((sid) => sid.startsWith('VpnPhase') || sid.startsWith('VpnDefaultPhase'))).toEqual([]);
    expect(sids).toContain('VpnIkeVersions');
  });

  it('denies no IKE version when the policy allows both, and no security policy when every one passes', () => {
    // Prepare
    const permissive: PolicyInput = {
      tls: { minimumVersion: 'SSLv2', allowedCipherClasses: [...CIPHER_CLASSES] },
      vpn: { allowedIkeVersions: ['ikev1', 'ikev2'] },
    };

    // Act
    const sids = scpFor(permissive).Statement.map((s) => s.Sid);

    // Assess
    expect(sids).not.toContain('VpnIkeVersions');
    expect(sids).not.toContain('VpnDefaultTunnelOptions');
    expect(sids).not.toContain('WeakSecurityPolicies');
    expect(sids).not.toContain('TlsListenerWithoutPolicy');
  });

  it('uses the exception tags it is given, and guards the resource tag', () => {
    // Act
    const scp = buildServiceControlPolicy(policySchema.parse({}), {
      principalExceptionTag: 'ci:pipeline',
      plaintextExceptionTag: 'web:redirect-only',
    });

    // Assess
    expect(statement(scp, 'PlaintextListeners').Condition.StringNotEquals).toEqual({
      'aws:PrincipalTag/ci:pipeline': 'true',
      'aws:ResourceTag/web:redirect-only': 'true',
    });
    expect(statement(scp, 'ExceptionTagGuard')).toEqual({
      Sid: 'ExceptionTagGuard',
      Effect: 'Deny',
      Action: ['elasticloadbalancing:*', 'vpc-lattice:*'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': ['web:redirect-only'] },
        StringNotEquals: { 'aws:PrincipalTag/ci:pipeline': 'true' },
      },
    });
  });
});

/** A request as an SCP sees it: the action and the condition keys it carries (absent keys left out). */
interface ScpRequest {
  action: string;
  context: Record<string, string | string[]>;
}

function requestValues(request: ScpRequest, key: string): string[] | undefined {
  const value = request.context[key];
  return value === undefined ? undefined : [value].flat();
}

/** ArnLike: `*` matches any run of characters, `?` one character, everything else itself. */
function arnLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}

/** The condition operators the SCP uses, as IAM evaluates them (an absent key fails ForAnyValue, passes negations). */
function conditionHolds(
  operator: string,
  block: Record<string, string | string[]>,
  request: ScpRequest,
): boolean {
  return Object.entries(block).every(([key, expected]) => {
    const wanted = [expected].flat();
    const actual = requestValues(request, key);
    switch (operator) {
      case 'ForAnyValue:StringEquals':
        return actual?.some((value) => wanted.includes(value)) ?? false;
      case 'ForAnyValue:StringEqualsIgnoreCase':
        return actual?.some((value) => wanted.some((w) => w.toLowerCase() === value.toLowerCase())) ?? false;
      case 'StringNotEquals':
        return actual === undefined || !actual.some((value) => wanted.includes(value));
      case 'Null':
        return (actual === undefined) === (expected === 'true');
      case 'ArnNotLike':
        return actual === undefined || !actual.some((value) => wanted.some((w) => arnLike(w, value)));
      default:
        throw new Error(`operator ${operator} is not modelled`);
    }
  });
}

/** Deny statements only: a request is denied when one statement's action and all its conditions match. */
function deniedBy(scp: ServiceControlPolicy, request: ScpRequest): string[] {
  return scp.Statement.filter(
    (s) =>
      s.Action.some((action) => arnLike(action, request.action)) &&
      Object.entries(s.Condition).every(([operator, block]) => conditionHolds(operator, block, request)),
  ).map((s) => s.Sid);
}

const STRONG_TUNNEL = {
  'ec2:IKEVersions': ['ikev2'],
  'ec2:Phase1EncryptionAlgorithms': ['AES256-GCM-16'],
  'ec2:Phase2EncryptionAlgorithms': ['AES256-GCM-16'],
  'ec2:Phase1IntegrityAlgorithms': ['SHA2-256'],
  'ec2:Phase2IntegrityAlgorithms': ['SHA2-256'],
  'ec2:Phase1DHGroup': ['20'],
  'ec2:Phase2DHGroup': ['20'],
};

describe('the default SCP against request shapes', () => {
  const scp = scpFor();

  it.each<[string, ScpRequest, string[]]>([
    [
      'a VPN connection that sets only IKE versions (AWS fills in SHA1 and DH group 2)',
      { action: 'ec2:CreateVpnConnection', context: { 'ec2:IKEVersions': ['ikev2'] } },
      [
        'VpnDefaultPhase1Integrity',
        'VpnDefaultPhase2Integrity',
        'VpnDefaultPhase1DHGroups',
        'VpnDefaultPhase2DHGroups',
      ],
    ],
    [
      'a VPN connection with every option list strong',
      { action: 'ec2:CreateVpnConnection', context: STRONG_TUNNEL },
      [],
    ],
    [
      'a VPN connection that leaves out only the phase 2 DH groups',
      {
        action: 'ec2:CreateVpnConnection',
        context: Object.fromEntries(
          Object.entries(STRONG_TUNNEL).filter(([key]) => key !== 'ec2:Phase2DHGroup'),
        ),
      },
      ['VpnDefaultPhase2DHGroups'],
    ],
    [
      'a VPN connection that leaves out only the encryption algorithms (every AES variant is allowed)',
      {
        action: 'ec2:CreateVpnConnection',
        context: Object.fromEntries(
          Object.entries(STRONG_TUNNEL).filter(([key]) => !key.includes('Encryption')),
        ),
      },
      [],
    ],
    [
      'a tunnel modified to permit SHA1 next to SHA2',
      {
        action: 'ec2:ModifyVpnTunnelOptions',
        context: { 'ec2:Phase1IntegrityAlgorithms': ['SHA2-256', 'SHA1'] },
      },
      ['VpnPhase1Integrity'],
    ],
    [
      'a tunnel modification that changes one list and leaves the others as they are',
      { action: 'ec2:ModifyVpnTunnelOptions', context: { 'ec2:Phase1IntegrityAlgorithms': ['SHA2-256'] } },
      [],
    ],
    [
      'a listener switched to HTTPS without a security policy',
      {
        action: 'elasticloadbalancing:ModifyListener',
        context: { 'elasticloadbalancing:ListenerProtocol': 'HTTPS' },
      },
      ['TlsListenerWithoutPolicy'],
    ],
    [
      'a listener switched to TLS with a strong security policy',
      {
        action: 'elasticloadbalancing:ModifyListener',
        context: {
          'elasticloadbalancing:ListenerProtocol': 'TLS',
          'elasticloadbalancing:SecurityPolicy': 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        },
      },
      [],
    ],
    [
      'a listener modification that changes only the default action',
      { action: 'elasticloadbalancing:ModifyListener', context: {} },
      [],
    ],
    [
      'an HTTP listener on an untagged load balancer',
      {
        action: 'elasticloadbalancing:CreateListener',
        context: { 'elasticloadbalancing:ListenerProtocol': 'HTTP' },
      },
      ['PlaintextListeners'],
    ],
    [
      'an HTTP listener on a load balancer tagged for plaintext',
      {
        action: 'elasticloadbalancing:CreateListener',
        context: {
          'elasticloadbalancing:ListenerProtocol': 'HTTP',
          [`aws:ResourceTag/${DEFAULT_PLAINTEXT_EXCEPTION_TAG}`]: 'true',
        },
      },
      [],
    ],
  ])('%s', (_shape, request, expected) => {
    // Act
    const denied = deniedBy(scp, request);

    // Assess
    expect(denied).toEqual(expected);
  });
});

describe('splitServiceControlPolicy', () => {
  // The default policy outgrew one document when the sixth family (VPC Lattice) joined the tag guards.
  it('keeps the default policy in few enough documents for one target (5 SCPs, FullAWSAccess included)', () => {
    // Act
    const documents = splitServiceControlPolicy(scpFor());

    // Assess
    expect(documents.length).toBeLessThanOrEqual(4);
    expect(documents.flatMap((document) => document.Statement)).toEqual(scpFor().Statement);
  });

  it('spreads a long SCP over documents that each fit, statements in order', () => {
    // Prepare
    const strict = buildServiceControlPolicy(
      policySchema.parse({
        tls: { minimumVersion: 'TLSv1.3', allowedCipherClasses: ['tls13'] },
        vpn: {
          allowedEncryptionAlgorithms: ['AES256-GCM-16'],
          allowedIntegrityAlgorithms: ['SHA2-512'],
          allowedDHGroups: [21],
        },
      }),
      { principalExceptionTag: `org:${'p'.repeat(120)}`, plaintextExceptionTag: `org:${'r'.repeat(120)}` },
    );

    // Act
    const documents = splitServiceControlPolicy(strict);

    // Assess
    expect(serializeServiceControlPolicy(strict).length).toBeGreaterThan(SCP_MAX_CHARACTERS);
    expect(documents.length).toBeGreaterThan(1);
    for (const document of documents) {
      expect(serializeServiceControlPolicy(document).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
      expect(document.Version).toBe('2012-10-17');
    }
    expect(documents.flatMap((document) => document.Statement)).toEqual(strict.Statement);
  });

  it('refuses a statement that alone is longer than the limit', () => {
    // Act & Assess
    expect(() => splitServiceControlPolicy(scpFor(), 1000)).toThrow(
      /WeakSecurityPolicies alone is longer than 1000/,
    );
  });
});

describe('the weak ELBv2 security policies', () => {
  it('judges by the rules that are on: protocols only when the cipher rule is off', () => {
    // Prepare
    const policy = policySchema.parse({ rules: { 'elbv2-listener-weak-ciphers': { mode: 'off' } } });

    // Act
    const weak = deniedSecurityPolicies(buildServiceControlPolicy(policy));

    // Assess
    expect(weak).toContain('ELBSecurityPolicy-2016-08');
    expect(weak).not.toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });
});

describe('serviceControlPolicyLimits', () => {
  it('names the policy settings an SCP cannot carry', () => {
    // Prepare
    const policy = policySchema.parse({
      tls: { tlsPassthroughPorts: [8443] },
      exemptions: [
        { resource: 'vpn-0a1b2c3d4e5f60718', rules: 'all', reason: 'carrier test', expires: '2030-01-01' },
      ],
    });

    // Act
    const limits = serviceControlPolicyLimits(policy);

    // Assess
    expect(limits).toHaveLength(2);
    expect(limits[0]).toContain('8443');
    expect(limits[1]).toContain('exemptions (1)');
    expect(serviceControlPolicyLimits(policySchema.parse({}))).toEqual([]);
  });
});

describe('the exempt tag guard', () => {
  const APPROVERS = 'arn:aws:iam::*:role/exemption-approvers';
  const scp = scpFor({ exemptions: { tagPrincipals: [APPROVERS, 'arn:aws:iam::111122223333:role/ci-?'] } });
  const OWNER = 'arn:aws:iam::111122223333:role/app-owner';

  it('denies setting or removing the transit-guard:exempt tag, tag-on-create included, but to the named principals', () => {
    // Assess
    expect(statement(scp, 'ExemptTagGuard')).toEqual({
      Sid: 'ExemptTagGuard',
      Effect: 'Deny',
      Action: ['*'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': ['transit-guard:exempt'] },
        ArnNotLike: { 'aws:PrincipalArn': [APPROVERS, 'arn:aws:iam::111122223333:role/ci-?'] },
      },
    });
  });

  it('denies the tag to every principal when the policy names none', () => {
    // Act
    const guard = statement(scpFor(), 'ExemptTagGuard');

    // Assess
    expect(guard.Condition).toEqual({
      'ForAnyValue:StringEquals': { 'aws:TagKeys': ['transit-guard:exempt'] },
    });
    expect(deniedBy(scpFor(), tagging('ec2:CreateTags', OWNER, ['transit-guard:exempt']))).toEqual([
      'ExemptTagGuard',
    ]);
  });

  it('is there even when every rule is off: an exemption is about the resource, not one rule', () => {
    // Prepare
    const off = Object.fromEntries(
      [
        'elbv2-listener-plaintext',
        'elbv2-listener-tcp-plaintext',
        'elb-listener-plaintext',
        'vpc-lattice-listener-plaintext',
      ].map((id) => [id, { mode: 'off' as const }]),
    );

    // Act
    const sids = scpFor({ rules: off }).Statement.map((s) => s.Sid);

    // Assess
    expect(sids).toContain('ExemptTagGuard');
    expect(sids).not.toContain('ExceptionTagGuard');
  });

  function tagging(action: string, principal: string, keys: string[]): ScpRequest {
    return { action, context: { 'aws:PrincipalArn': principal, 'aws:TagKeys': keys } };
  }

  it.each<[string, ScpRequest, string[]]>([
    [
      'a resource owner tagging their listener exempt',
      tagging('elasticloadbalancing:AddTags', OWNER, ['Name', 'transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a resource owner removing the tag from a VPN connection',
      tagging('ec2:DeleteTags', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a resource owner tagging a Direct Connect link exempt',
      tagging('directconnect:TagResource', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a LAG created with the tag',
      tagging('directconnect:CreateLag', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a VPN connection created with the tag (EC2 authorizes it as CreateTags)',
      tagging('ec2:CreateTags', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a load balancer created with the tag (ELB authorizes it as AddTags)',
      tagging('elasticloadbalancing:AddTags', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a VPN tunnel modified, no tags in the request',
      { action: 'ec2:ModifyVpnTunnelOptions', context: { 'aws:PrincipalArn': OWNER } },
      [],
    ],
    [
      'a certificate requested with the tag',
      tagging('acm:RequestCertificate', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'a resource owner removing the tag from a certificate',
      tagging('acm:RemoveTagsFromCertificate', OWNER, ['transit-guard:exempt']),
      ['ExemptTagGuard'],
    ],
    [
      'an approver (any account) tagging a listener exempt',
      tagging('elasticloadbalancing:AddTags', 'arn:aws:iam::444455556666:role/exemption-approvers', [
        'transit-guard:exempt',
      ]),
      [],
    ],
    [
      'the CI role matched by a one-character wildcard',
      tagging('elasticloadbalancing:RemoveTags', 'arn:aws:iam::111122223333:role/ci-7', [
        'transit-guard:exempt',
      ]),
      [],
    ],
    [
      'a role whose name only starts like the CI pattern',
      tagging('elasticloadbalancing:RemoveTags', 'arn:aws:iam::111122223333:role/ci-77', [
        'transit-guard:exempt',
      ]),
      ['ExemptTagGuard'],
    ],
    [
      'a resource owner setting other tags',
      tagging('ec2:CreateTags', OWNER, ['Name', 'transit-guard:exempt-note']),
      [],
    ],
  ])('%s', (_shape, request, expected) => {
    // Act
    const denied = deniedBy(scp, request);

    // Assess
    expect(denied).toEqual(expected);
  });

  it('keeps a long list of principals within the size limit by splitting the documents', () => {
    // Prepare
    const principals = Array.from(
      { length: 40 },
      (_, i) => `arn:aws:iam::${String(i).padStart(12, '0')}:role/approver`,
    );
    const long = scpFor({ exemptions: { tagPrincipals: principals } });

    // Act
    const documents = splitServiceControlPolicy(long);

    // Assess
    expect(documents.length).toBeGreaterThan(1);
    for (const document of documents)
      expect(serializeServiceControlPolicy(document).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    expect(documents.flatMap((document) => document.Statement)).toEqual(long.Statement);
  });
});

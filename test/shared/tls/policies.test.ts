import { describe, expect, it } from 'vitest';
import { policySchema } from '../../../shared/policy/schema.js';
import { assessTlsPolicy } from '../../../shared/tls/assess.js';
import elbv2Data from '../../../shared/tls/data/elbv2-ssl-policies.json' with { type: 'json' };
import { isFipsPolicyName } from '../../../shared/tls/names.js';
import { createTlsCatalog, parseDescribeSslPolicies } from '../../../shared/tls/policies.js';

const tls = policySchema.parse({}).tls;
const catalog = createTlsCatalog();

function assess(name: string) {
  const policy = catalog.elbv2Policy(name);
  if (!policy) throw new Error(`test setup: ${name} not in catalog`);
  return assessTlsPolicy(policy, tls, catalog);
}

const describeSslPoliciesOutput = {
  SslPolicies: [
    {
      Name: 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
      SslProtocols: ['TLSv1.3', 'TLSv1.2'],
      Ciphers: [
        { Name: 'ECDHE-RSA-AES256-GCM-SHA384', Priority: 3 },
        { Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 },
        { Name: 'ECDHE-RSA-AES128-GCM-SHA256', Priority: 2 },
      ],
      SupportedLoadBalancerTypes: ['application', 'network'],
    },
  ],
};

describe('bundled ELBv2 security policies', () => {
  it('are the bundled file read as DescribeSSLPolicies output (checked here, not at every start)', () => {
    // Prepare
    const catalog = createTlsCatalog();

    // Act
    const parsed = parseDescribeSslPolicies(
      elbv2Data,
      'shared/tls/data/elbv2-ssl-policies.json',
      'predefined',
    );

    // Assess
    expect(catalog.elbv2PolicyNames()).toEqual(parsed.map((policy) => policy.name).sort());
    for (const policy of parsed) expect(catalog.elbv2Policy(policy.name)).toStrictEqual(policy);
  });

  it('covers every documented family: TLS13, FIPS-2023-04, RFC9151 and PQ-2025-09', () => {
    const names = catalog.elbv2PolicyNames();
    expect(names).toHaveLength(46);
    expect(names).toEqual(
      expect.arrayContaining([
        'ELBSecurityPolicy-2016-08',
        'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
        'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07',
        'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
        'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
      ]),
    );
  });

  it('resolves ELBSecurityPolicy-2016-08 to TLSv1 through TLSv1.2 with SHA1 CBC and static RSA suites', () => {
    // Act
    const result = assess('ELBSecurityPolicy-2016-08');

    // Assess
    expect(result.protocolsBelowMinimum).toEqual(['TLSv1', 'TLSv1.1']);
    expect(new Set(result.disallowedCiphers.map((c) => c.cipherClass))).toEqual(
      new Set(['ecdhe-cbc-sha2', 'ecdhe-cbc-sha1', 'rsa-aead', 'rsa-cbc']),
    );
  });

  it('finds the CBC suites of ELBSecurityPolicy-TLS13-1-2-2021-06 although it is TLS 1.2+', () => {
    const result = assess('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(result.protocolsBelowMinimum).toEqual([]);
    expect(result.disallowedCiphers.map((c) => c.name)).toEqual([
      'ECDHE-ECDSA-AES128-SHA256',
      'ECDHE-RSA-AES128-SHA256',
      'ECDHE-ECDSA-AES256-SHA384',
      'ECDHE-RSA-AES256-SHA384',
    ]);
  });

  it.each([
    'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07',
    'ELBSecurityPolicy-TLS13-1-3-2021-06',
    'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  ])('passes %s under the strict defaults', (name) => {
    expect(assess(name)).toEqual({ protocolsBelowMinimum: [], disallowedCiphers: [] });
  });

  it('flags the static-RSA suite of the otherwise AEAD-only Ext0-RFC9151 policy', () => {
    const result = assess('ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07');
    expect(result.disallowedCiphers.map((c) => `${c.name}:${c.cipherClass}`)).toEqual([
      'AES256-GCM-SHA384:rsa-aead',
    ]);
  });

  it('sees TLSv1 in every TLS13-1-0 policy whatever its name suggests', () => {
    for (const name of catalog.elbv2PolicyNames().filter((n) => n.includes('TLS13-1-0'))) {
      expect(assess(name).protocolsBelowMinimum, name).toContain('TLSv1');
    }
  });

  it.each([
    ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', ['application', 'network']],
    ['ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07', ['application']],
    ['ELBSecurityPolicy-2015-05', ['network']],
  ])('knows the load balancer types %s supports (SupportedLoadBalancerTypes)', (name, types) => {
    // Act
    const policy = catalog.elbv2Policy(name);

    // Assess
    expect(policy?.supportedLoadBalancerTypes).toEqual(types);
  });

  it('gives every bundled policy at least one supported load balancer type', () => {
    // Act
    const missing = catalog
      .elbv2PolicyNames()
      .filter((name) => (catalog.elbv2Policy(name)?.supportedLoadBalancerTypes ?? []).length === 0);

    // Assess
    expect(missing).toEqual([]);
  });

  it('returns undefined for a name it does not know, so callers report it instead of passing it', () => {
    expect(catalog.elbv2Policy('ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09')).toBeUndefined();
    expect(catalog.elbv2Policy('ELBSecurityPolicy-Made-Up')).toBeUndefined();
  });
});

describe('bundled classic security policies', () => {
  it('keeps 3DES and TLSv1 in classic ELBSecurityPolicy-2015-05, unlike its ELBv2 namesake', () => {
    // Act
    const classic = catalog.classicPolicy('ELBSecurityPolicy-2015-05');
    const elbv2 = catalog.elbv2Policy('ELBSecurityPolicy-2015-05');

    // Assess
    expect(classic?.ciphers).toContain('DES-CBC3-SHA');
    expect(classic?.protocols).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
    expect(elbv2?.ciphers).not.toContain('DES-CBC3-SHA');
  });

  it('has no data for policies AWS publishes no matrix for', () => {
    expect(catalog.classicPolicy('ELBSecurityPolicy-2014-10')).toBeUndefined();
    expect(catalog.classicPolicy('ELBSample-OpenSSLDefaultNegotiationPolicy')).toBeUndefined();
  });
});

describe('parseDescribeSslPolicies', () => {
  it('reads DescribeSSLPolicies output in priority order with ascending protocols', () => {
    // Act
    const [policy] = parseDescribeSslPolicies(structuredClone(describeSslPoliciesOutput), 'ssl.json');

    // Assess
    expect(policy).toEqual({
      name: 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
      protocols: ['TLSv1.2', 'TLSv1.3'],
      ciphers: ['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384'],
      fips: false,
      origin: 'live',
      supportedLoadBalancerTypes: ['application', 'network'],
    });
  });

  it('reads the supported load balancer types in lower case, as AWS spells them', () => {
    // Prepare
    const output = structuredClone(describeSslPoliciesOutput);
    const [entry] = output.SslPolicies;
    if (!entry) throw new Error('fixture');
    entry.SupportedLoadBalancerTypes = ['Application', ' NETWORK '];

    // Act
    const [policy] = parseDescribeSslPolicies(output, 'ssl.json');

    // Assess
    expect(policy?.supportedLoadBalancerTypes).toEqual(['application', 'network']);
  });

  it('leaves the supported load balancer types unknown when the output does not list them', () => {
    // Prepare
    const { SupportedLoadBalancerTypes: _types, ...entry } = describeSslPoliciesOutput.SslPolicies[0] ?? {};

    // Act
    const [policy] = parseDescribeSslPolicies({ SslPolicies: [entry] }, 'ssl.json');

    // Assess
    expect(policy).not.toHaveProperty('supportedLoadBalancerTypes');
  });

  it('lets live data define a policy the bundled data does not know', () => {
    // Prepare
    const live = parseDescribeSslPolicies(structuredClone(describeSslPoliciesOutput), 'ssl.json');

    // Act
    const withLive = createTlsCatalog({ tlsPolicies: live });

    // Assess
    expect(catalog.elbv2Policy('ELBSecurityPolicy-TLS13-1-2-Res-2099-01')).toBeUndefined();
    expect(withLive.elbv2Policy('ELBSecurityPolicy-TLS13-1-2-Res-2099-01')?.origin).toBe('live');
  });

  it('lets live data override a bundled policy of the same name', () => {
    // Prepare
    const output = structuredClone(describeSslPoliciesOutput);
    const [entry] = output.SslPolicies;
    if (!entry) throw new Error('fixture');
    entry.Name = 'ELBSecurityPolicy-2016-08';

    // Act
    const withLive = createTlsCatalog({ tlsPolicies: parseDescribeSslPolicies(output, 'ssl.json') });

    // Assess
    expect(withLive.elbv2Policy('ELBSecurityPolicy-2016-08')?.protocols).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(catalog.elbv2Policy('ELBSecurityPolicy-2016-08')?.protocols).toContain('TLSv1');
  });

  it.each(['TLSv9', 'TLS 1.2', ''])(
    'refuses a policy enabling the protocol %j it does not know, naming the field, never dropping it',
    (protocol) => {
      // Prepare
      const output = structuredClone(describeSslPoliciesOutput);
      output.SslPolicies[0]?.SslProtocols.push(protocol);

      // Act
      const parse = () => parseDescribeSslPolicies(output, 'ssl.json');

      // Assess
      expect(parse).toThrow(
        `ssl.json: not DescribeSSLPolicies output (SslPolicies.0.SslProtocols.2: ${JSON.stringify(protocol)} is not a TLS protocol version)`,
      );
    },
  );

  it('names the source and the field when the output is malformed', () => {
    expect(() =>
      parseDescribeSslPolicies({ SslPolicies: [{ Name: 'x', SslProtocols: 'TLSv1.2' }] }, 'bad.json'),
    ).toThrow(/bad\.json: .*SslPolicies\.0\.SslProtocols/);
  });
});

describe('assessTlsPolicy with a wider policy', () => {
  it('accepts CBC suites when the policy allows their class', () => {
    // Prepare
    const wider = policySchema.parse({
      tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2'] },
    }).tls;
    const policy = catalog.elbv2Policy('ELBSecurityPolicy-TLS13-1-2-2021-06');
    if (!policy) throw new Error('fixture');

    // Act
    const result = assessTlsPolicy(policy, wider, catalog);

    // Assess
    expect(result.disallowedCiphers).toEqual([]);
  });

  it('flags TLSv1.2 when the minimum is TLSv1.3', () => {
    const strict = policySchema.parse({ tls: { minimumVersion: 'TLSv1.3' } }).tls;
    const policy = catalog.elbv2Policy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    if (!policy) throw new Error('fixture');
    expect(assessTlsPolicy(policy, strict, catalog).protocolsBelowMinimum).toEqual(['TLSv1.2']);
  });
});

describe('isFipsPolicyName', () => {
  it.each([
    ['ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', true],
    ['ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09', true],
    ['ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07', true],
    ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', false],
    ['ELBSecurityPolicy-2016-08', false],
    ['FIPS-custom-negotiation', true],
    ['custom-negotiation-FIPS', true],
    ['ELBSecurityPolicy-NONFIPS-2016-08', false],
    ['FIPSY-negotiation', false],
  ])('%s -> %s', (name, expected) => {
    expect(isFipsPolicyName(name)).toBe(expected);
  });
});

describe('parseDescribeSslPolicies input checks', () => {
  it('says (root) when the output is not an object at all', () => {
    expect(() => parseDescribeSslPolicies('TLSv1.2', 'bad.json')).toThrow(
      /^bad\.json: not DescribeSSLPolicies output \(\(root\): /,
    );
  });

  it.each([
    [{ SslPolicies: [{ Name: '', SslProtocols: [], Ciphers: [] }] }, 'SslPolicies.0.Name'],
    [
      { SslPolicies: [{ Name: 'p', SslProtocols: [], Ciphers: [{ Name: '' }] }] },
      'SslPolicies.0.Ciphers.0.Name',
    ],
  ])('rejects an empty name (%j) naming the field', (output, field) => {
    expect(() => parseDescribeSslPolicies(output, 'bad.json')).toThrow(
      `bad.json: not DescribeSSLPolicies output (${field}: `,
    );
  });

  it('refuses protocols it cannot read instead of dropping them or inventing a version', () => {
    // Act
    const parse = () =>
      parseDescribeSslPolicies(
        { SslPolicies: [{ Name: 'p', SslProtocols: ['QUICv1', 'TLSv1.2'], Ciphers: [] }] },
        'ssl.json',
      );

    // Assess
    expect(parse).toThrow('SslPolicies.0.SslProtocols.0: "QUICv1" is not a TLS protocol version');
  });
});

describe('createTlsCatalog', () => {
  it('lists bundled and live ELBv2 policy names in sorted order', () => {
    // Prepare
    const live = parseDescribeSslPolicies(
      { SslPolicies: [{ Name: 'AAA-Custom-Policy', SslProtocols: ['TLSv1.2'], Ciphers: [] }] },
      'ssl.json',
    );

    // Act
    const names = createTlsCatalog({ tlsPolicies: live }).elbv2PolicyNames();

    // Assess
    expect(names[0]).toBe('AAA-Custom-Policy');
    expect(names).toEqual([...names].sort());
  });

  it('marks bundled policies as predefined, ELBv2 and classic alike', () => {
    expect(catalog.elbv2Policy('ELBSecurityPolicy-2016-08')?.origin).toBe('predefined');
    expect(catalog.classicPolicy('ELBSecurityPolicy-2016-08')).toMatchObject({
      origin: 'predefined',
      protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
    });
  });
});

describe('post-quantum key exchange of ELBv2 policies', () => {
  it('is known for every bundled policy: true exactly for the 13 -PQ-2025-09 ones', () => {
    // Act
    const pq = catalog.elbv2PolicyNames().filter((name) => catalog.elbv2Policy(name)?.postQuantum === true);
    const unknown = catalog
      .elbv2PolicyNames()
      .filter((name) => catalog.elbv2Policy(name)?.postQuantum === undefined);

    // Assess
    expect(unknown).toEqual([]);
    expect(pq).toHaveLength(13);
    expect(pq.every((name) => name.endsWith('-PQ-2025-09'))).toBe(true);
  });

  it('comes from the bundled facts for a live policy of a known name, else from its protocols, else unknown', () => {
    // Prepare
    const policy = (name: string, SslProtocols: string[]) => ({
      Name: name,
      SslProtocols,
      Ciphers: [{ Name: 'ECDHE-RSA-AES128-GCM-SHA256', Priority: 1 }],
    });

    // Act
    const [known, noTls13, unknown] = parseDescribeSslPolicies(
      {
        SslPolicies: [
          policy('ELBSecurityPolicy-TLS13-1-3-PQ-2025-09', ['TLSv1.3']),
          policy('Custom-TLS12-Only', ['TLSv1.2']),
          policy('ELBSecurityPolicy-TLS13-1-2-Res-2099-01', ['TLSv1.2', 'TLSv1.3']),
        ],
      },
      'describe-ssl-policies.json',
    );

    // Assess
    expect(known?.postQuantum).toBe(true);
    expect(noTls13?.postQuantum).toBe(false);
    expect(unknown).not.toHaveProperty('postQuantum');
  });

  it('is false for classic policies, which have no TLS 1.3', () => {
    // Assess
    expect(catalog.classicPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')?.postQuantum).toBe(false);
  });
});

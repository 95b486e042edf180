import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAMILIES, type Family } from '../../../shared/families/index.js';
import { eventPatterns, familyIamStatements, parseRegions } from '../../../shared/infra/deployment.js';
import { remediator, testFamily } from '../../helpers/families.js';

// The real registry, plus the families a test adds (read at call time, as the generators read FAMILIES).
const added = vi.hoisted(() => ({ families: [] as Family[] }));
vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  return {
    ...original,
    get FAMILIES() {
      return [...original.FAMILIES, ...added.families];
    },
  };
});

afterEach(() => {
  added.families = [];
});

function family(overrides: Partial<Family>): Family {
  return testFamily({ id: 'extra', label: 'Extra', ...overrides });
}

interface Branch {
  eventSource: string[];
  apiVersion?: unknown[];
  eventName: string[];
}

describe('eventPatterns', () => {
  it('splits a source two families share by apiVersion, and names both without it', () => {
    // Act
    const branches = (eventPatterns().apiCalls.detail as { $or: Branch[] }).$or.filter(
      (branch) => branch.eventSource[0] === 'elasticloadbalancing.amazonaws.com',
    );

    // Assess
    expect(branches.map((branch) => branch.apiVersion)).toEqual([
      ['2015-12-01'],
      ['2012-06-01'],
      [{ exists: false }],
    ]);
    const [v2, classic, either] = branches.map((branch) => branch.eventName);
    expect(v2).toContain('CreateListener');
    expect(classic).toContain('CreateLoadBalancerListeners');
    expect(classic).not.toContain('CreateListener');
    expect(new Set(either)).toEqual(new Set([...(v2 ?? []), ...(classic ?? [])]));
    expect(either?.filter((name) => name === 'DeleteLoadBalancer')).toHaveLength(1);
  });

  it('receives the calls a family acknowledges without routing them', () => {
    // Prepare
    added.families = [
      family({
        events: {
          apiCalls: [
            {
              source: 'aws.extra',
              label: 'Extra',
              routes: new Map(),
              ignored: new Map([['CreateGadget', 'a new gadget serves nothing yet']]),
              acknowledged: ['CreateGadget'],
            },
          ],
        },
      }),
    ];

    // Act
    const branches = (eventPatterns().apiCalls.detail as { $or: Branch[] }).$or;

    // Assess
    expect(branches.find((branch) => branch.eventSource[0] === 'extra.amazonaws.com')).toEqual({
      eventSource: ['extra.amazonaws.com'],
      eventName: ['CreateGadget'],
    });
  });

  it("receives IAM's server certificate calls, which IAM delivers in us-east-1 only", () => {
    // Act
    const branches = (eventPatterns().apiCalls.detail as { $or: Branch[] }).$or;

    // Assess
    expect(branches.find((branch) => branch.eventSource[0] === 'iam.amazonaws.com')).toEqual({
      eventSource: ['iam.amazonaws.com'],
      eventName: ['UploadServerCertificate', 'UpdateServerCertificate', 'DeleteServerCertificate'],
    });
  });

  it('refuses a family that shares a source without naming its apiVersion', () => {
    // Prepare
    added.families = [
      family({
        events: {
          apiCalls: [{ source: 'aws.elasticloadbalancing', label: 'Unversioned', routes: new Map() }],
        },
      }),
    ];

    // Act
    const act = () => eventPatterns();

    // Assess
    expect(act).toThrow('aws.elasticloadbalancing: "Unversioned" shares the source with another API');
  });
});

describe('familyIamStatements', () => {
  it('merges the statements two families share, in registry order', () => {
    // Act
    const sweep = familyIamStatements(['eu-west-1']).sweep;

    // Assess
    expect(sweep.map((statement) => statement.Sid)).toEqual([
      'ReadLoadBalancers',
      'ReadVpnConnections',
      'ReadDirectConnect',
      'ReadCertificates',
      'ListCertificates',
      'ListCloudFrontDistributions',
      'ReadCloudFrontDistributions',
      'ListLatticeServices',
      'ReadLatticeListeners',
      'GetLatticeListeners',
      'ReadApiGatewayRestApis',
      'ReadApiGatewayDomainNames',
      'ReadApiGatewayHttpApis',
      'ReadApiGatewayPrivateDomains',
      'ReadVpcEncryptionControls',
      'ListDataSyncLocations',
      'DescribeDataSyncLocations',
      'ListS3Buckets',
      'ReadS3Buckets',
      'ReadRdsInstances',
      'ReadRdsClusters',
      'ReadRdsParameters',
      'ReadRdsClusterParameters',
      'ReadRdsCertificates',
      'ListCertificateAuthorities',
      'DescribeCertificateAuthorities',
      'ListServerCertificates',
      'GetServerCertificates',
      'ReadIotCertificates',
      'ReadIotCaCertificates',
      'ReadIotDomainConfigurations',
      'ListIotCertificates',
    ]);
    expect(sweep[0]?.Action).toEqual([
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeRules',
      'elasticloadbalancing:DescribeSSLPolicies',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeLoadBalancerPolicies',
    ]);
  });

  it('gives each inspector the reads of the families its trigger names, and remediate no region-wide listing', () => {
    // Act
    const statements = familyIamStatements(['eu-west-1']);
    const sids = (role: keyof typeof statements) => statements[role].map((statement) => statement.Sid);

    // Assess
    expect(sids('configChanges')).not.toContain('ReadDirectConnect');
    expect(sids('nativeEvents')).toEqual(['ReadCertificates']);
    expect(sids('remediate')).toContain('ReadCertificates');
    expect(sids('remediate')).not.toContain('ListCertificates');
  });

  it('lists a region only for the whole-region reads: the sweep and config-rule, never an event inspector', () => {
    // Prepare: every family's region-wide listings (ReadStatement.remediate false).
    const listings = FAMILIES.flatMap((family) => family.deployment?.reads ?? [])
      .filter((statement) => statement.remediate === false)
      .map((statement) => statement.sid);
    const recorded = FAMILIES.filter((family) => family.events?.config)
      .flatMap((family) => family.deployment?.reads ?? [])
      .filter((statement) => statement.remediate === false)
      .map((statement) => statement.sid);

    // Act
    const statements = familyIamStatements(['eu-west-1']);
    const sids = (role: keyof typeof statements) => statements[role].map((statement) => statement.Sid);

    // Assess: an event names its resources, which each family reads by id (LiveReaders.read).
    expect(listings).toEqual(
      expect.arrayContaining(['ListCertificates', 'ListS3Buckets', 'ListIotCertificates']),
    );
    for (const role of ['apiCalls', 'configChanges', 'nativeEvents', 'remediate'] as const)
      expect(
        sids(role).filter((sid) => listings.includes(sid)),
        role,
      ).toEqual([]);
    expect(sids('sweep')).toEqual(expect.arrayContaining(listings));
    expect(recorded.length).toBeGreaterThan(0);
    expect(sids('configRule')).toEqual(expect.arrayContaining(recorded));
    expect(sids('configRule')).toEqual(expect.arrayContaining(sids('configChanges')));
  });

  it("refuses a family whose writes do not grant exactly its remediators' IAM actions", () => {
    // Prepare
    added.families = [
      family({
        remediators: [remediator('extra-fix', ['extra:Fix', 'extra:Check'])],
        deployment: {
          services: ['extra'],
          reads: [],
          writes: [{ sid: 'Fix', actions: ['extra:Fix', 'extra:Delete'], resource: '*' }],
        },
      }),
    ];

    // Act
    const act = () => familyIamStatements(['eu-west-1']);

    // Assess
    expect(act).toThrow(
      "family extra: its deployment writes must grant exactly its remediators' IAM actions (missing: extra:Check; extra: extra:Delete)",
    );
  });

  it('refuses two families that give one statement different resources', () => {
    // Prepare
    added.families = [
      family({
        deployment: {
          services: ['elasticloadbalancing'],
          reads: [
            {
              sid: 'ReadLoadBalancers',
              actions: ['elasticloadbalancing:DescribeTags'],
              resource: { service: 'elasticloadbalancing', resource: 'loadbalancer/*' },
            },
          ],
          writes: [],
        },
      }),
    ];

    // Act
    const act = () => familyIamStatements(['eu-west-1']);

    // Assess
    expect(act).toThrow('IAM statement ReadLoadBalancers: two families give it different resources');
  });
});

describe('parseRegions', () => {
  it('reads a comma-separated list, each region once', () => {
    // Act
    const regions = parseRegions(' eu-west-1,us-east-1, eu-west-1 ');

    // Assess
    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it.each(['', undefined, 'eu-west-1,*', 'eu-west'])('refuses %j', (value) => {
    // Act
    const act = () => parseRegions(value);

    // Assess
    expect(act).toThrow(`param "regions" must be a comma-separated list of AWS regions, got "${value}"`);
  });
});

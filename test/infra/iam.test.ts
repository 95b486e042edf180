import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../shared/families/index.js';
import { REMEDIATION_IAM_ACTIONS } from '../../shared/response/remediators/index.js';
import { CERTIFICATE_USERS_PARTITION } from '../../shared/state/certificate-users.js';
import { SWEEP_RUN_PARTITION } from '../../shared/state/sweep-runs.js';
import {
  type CfnTemplate,
  ensurePackaged,
  FUNCTION_NAMES,
  type FunctionName,
  functionLogicalId,
  loadTemplate,
  logGroupLogicalId,
  PACKAGE_TIMEOUT_MS,
  ROOT,
  referencedId,
  resourcesOfType,
} from './template.js';

let template: CfnTemplate;

beforeAll(() => {
  ensurePackaged();
  template = loadTemplate();
}, PACKAGE_TIMEOUT_MS);

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: unknown;
  NotResource?: unknown;
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A conditional statement (`Fn::If`) counts with its "true" branch: the most it can grant. */
function unwrap(statement: unknown): Statement | undefined {
  const condition = (statement as Record<string, unknown>)['Fn::If'];
  if (Array.isArray(condition)) return unwrap(condition[1]);
  return (statement as Record<string, unknown>).Effect ? (statement as Statement) : undefined;
}

function documentStatements(document: unknown): Statement[] {
  return asList((document as { Statement: unknown }).Statement).flatMap((s) => unwrap(s) ?? []);
}

function roleStatements(roleId: string): Statement[] {
  const role = template.Resources[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role`);
  const policies = (role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[];
  return policies.flatMap((policy) => documentStatements(policy.PolicyDocument));
}

function roleOf(name: FunctionName): string {
  const id = referencedId(template.Resources[functionLogicalId(name)]?.Properties?.Role);
  if (!id) throw new Error(`${name} has no role of its own`);
  return id;
}

function allowedActions(roleId: string): Set<string> {
  return new Set(
    roleStatements(roleId)
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => asList(s.Action)),
  );
}

/** Every policy statement of the template: roles and resource policies. */
function allStatements(): { where: string; statement: Statement }[] {
  return Object.entries(template.Resources).flatMap(([id, resource]) => {
    const properties = resource.Properties ?? {};
    const documents = [
      ...((properties.Policies ?? []) as { PolicyDocument: unknown }[]).map((p) => p.PolicyDocument),
      ...(properties.PolicyDocument ? [properties.PolicyDocument] : []),
      ...(properties.AssumeRolePolicyDocument ? [properties.AssumeRolePolicyDocument] : []),
    ];
    return documents.flatMap((document) =>
      documentStatements(document).map((statement) => ({ where: id, statement })),
    );
  });
}

const SERVICE_OF_CLIENT: Record<string, string> = {
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-elastic-load-balancing': 'elasticloadbalancing',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-direct-connect': 'directconnect',
  '@aws-sdk/client-acm': 'acm',
  '@aws-sdk/client-api-gateway': 'apigateway',
  '@aws-sdk/client-apigatewayv2': 'apigateway',
  '@aws-sdk/client-config-service': 'config',
};

const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);

/**
 * API Gateway authorizes its control plane by HTTP method (apigateway:GET, apigateway:PATCH, ...), not by operation
 * (Service Authorization Reference, Amazon API Gateway Management); the others by operation name.
 */
function iamActionOf(service: string, command: string): string {
  if (service !== 'apigateway') return `${service}:${command}`;
  const verb = /^(Get|Update|Create|Delete|Put|Import)/.exec(command)?.[1];
  const method = {
    Get: 'GET',
    Update: 'PATCH',
    Create: 'POST',
    Delete: 'DELETE',
    Put: 'PUT',
    Import: 'POST',
  };
  return `apigateway:${verb ? method[verb as keyof typeof method] : command}`;
}

/** The IAM actions of the AWS SDK commands a folder's sources send (`new XCommand(` of a monitored client). */
function commandActions(folder: string, only = ''): Set<string> {
  const actions = new Set<string>();
  const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && `/${f}`.includes(only),
  );
  for (const file of files) {
    const source = readFileSync(join(ROOT, folder, file), 'utf8');
    for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[^']+)'/g)) {
      const service = SERVICE_OF_CLIENT[match[2] ?? ''];
      if (!service) continue;
      for (const specifier of (match[1] ?? '').split(',')) {
        const command = /^\s*(\w+)Command\s*$/.exec(specifier)?.[1];
        if (command && source.includes(`new ${command}Command(`)) actions.add(iamActionOf(service, command));
      }
    }
  }
  return actions;
}

/** Actions AWS authorizes only on Resource "*" (each statement in infra/iam.yml says so). */
const STAR_RESOURCE_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:DescribeSSLPolicies',
  'elasticloadbalancing:DescribeLoadBalancerPolicies',
  'elasticloadbalancing:DescribeTargetGroups',
  'vpc-lattice:ListServices',
  'ec2:DescribeVpnConnections',
  'ec2:GetActiveVpnTunnelStatus',
  // List actions with no resource type (Service Authorization Reference via iam-floyd's generated ec2.ts).
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcEncryptionControls',
  // Newer than the generated list: its resource type is unconfirmed (shared/families/vpc/deployment.ts).
  'ec2:GetVpcResourcesBlockingEncryptionEnforcement',
  'directconnect:DescribeConnections',
  'directconnect:DescribeLags',
  'acm:ListCertificates',
  // ListDistributions lists the account's distributions: the Service Authorization Reference names no resource.
  'cloudfront:ListDistributions',
  // ListLocations lists the region's locations: no resource (list_awsdatasync.html).
  'datasync:ListLocations',
  // ListBuckets (s3:ListAllMyBuckets) lists the account's buckets: no resource (list_amazons3.html).
  's3:ListAllMyBuckets',
  // DescribeCertificates lists the RDS CAs of the region: no resource type (list_amazonrds.html).
  'rds:DescribeCertificates',
  // ListCertificateAuthorities lists the region's CAs: no resource (list_awsprivatecertificateauthority.html).
  'acm-pca:ListCertificateAuthorities',
  // ListServerCertificates lists the account's server certificates: no resource
  // (list_awsidentityandaccessmanagementiam.html).
  'iam:ListServerCertificates',
  // AWS IoT and Greengrass v2 list actions name no resource type (list_awsiot.html, list_awsiotgreengrassv2.html).
  'iot:ListCertificates',
  'iot:ListCACertificates',
  'iot:ListDomainConfigurations',
  'greengrass:ListCoreDevices',
  'config:GetResourceConfigHistory',
  'config:SelectResourceConfig',
  'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatus',
  'config:PutEvaluations',
]);

const MONITORED_SERVICES = [
  'elasticloadbalancing',
  'ec2',
  'directconnect',
  'acm',
  'cloudfront',
  'vpc-lattice',
  'apigateway',
  'datasync',
  's3',
  'rds',
  'iot',
  'greengrass',
];
const isRead = (action: string) => /^[a-z0-9-]+:(Describe|Get|List|Select)|^apigateway:GET$/.test(action);
const isResourceWrite = (action: string) =>
  MONITORED_SERVICES.includes(action.split(':')[0] ?? '') && !isRead(action);

describe('execution roles', () => {
  it('give every function a role of its own that only Lambda can assume', () => {
    // Act
    const roles = FUNCTION_NAMES.map(roleOf);

    // Assess
    expect(new Set(roles).size).toBe(FUNCTION_NAMES.length);
    for (const role of roles) {
      const trust = documentStatements(template.Resources[role]?.Properties?.AssumeRolePolicyDocument);
      expect(trust).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
    }
    expect(resourcesOfType(template, 'AWS::IAM::Role')).toHaveLength(FUNCTION_NAMES.length);
  });

  it('let each function write logs to its own log group only', () => {
    for (const name of FUNCTION_NAMES) {
      // Act
      const logStatements = roleStatements(roleOf(name)).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('logs:')),
      );

      // Assess
      expect(logStatements, name).toHaveLength(1);
      expect(asList(logStatements[0]?.Action).sort(), name).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]);
      expect(logStatements[0]?.Resource, name).toEqual({ 'Fn::GetAtt': [logGroupLogicalId(name), 'Arn'] });
    }
  });
});

describe('least privilege', () => {
  it('grants no wildcard action, no NotAction/NotResource and no iam:PassRole anywhere', () => {
    // Act
    const statements = allStatements();
    const offending = statements.filter(({ statement }) => {
      const actions = asList(statement.Action);
      const wildcard = actions.some((a) => a === '*' || (statement.Effect === 'Allow' && a.includes('*')));
      return (
        wildcard ||
        actions.some((a) => a.toLowerCase() === 'iam:passrole') ||
        statement.NotAction !== undefined ||
        statement.NotResource !== undefined
      );
    });

    // Assess
    expect(statements.length).toBeGreaterThan(50);
    expect(offending).toEqual([]);
  });

  it('grants Resource "*" only for actions AWS authorizes on nothing narrower', () => {
    // Act
    const starred = allStatements()
      .filter(({ statement }) => statement.Effect === 'Allow' && asList(statement.Resource).includes('*'))
      .flatMap(({ where, statement }) => asList(statement.Action).map((action) => `${where} ${action}`));

    // Assess
    expect(starred.length).toBeGreaterThan(0);
    expect(starred.filter((entry) => !STAR_RESOURCE_ACTIONS.has(entry.split(' ')[1] ?? ''))).toEqual([]);
  });

  it('grants the remediation actions, exactly REMEDIATION_IAM_ACTIONS, to the remediate role only', () => {
    // Act
    const writesByRole = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [name, [...allowedActions(roleOf(name))].filter(isResourceWrite).sort()]),
    );

    // Assess
    expect(writesByRole).toEqual({
      'on-api-call': [],
      'on-config-change': [],
      'on-certificate-event': [],
      'config-rule': [],
      sweep: [],
      'sweep-worker': [],
      remediate: [...REMEDIATION_IAM_ACTIONS].sort(),
      'notify-slack': [],
    });
  });

  it('lets only the whole-region reads (sweep, sweep-worker, config-rule) list a region: an event names its resources', () => {
    // Prepare: the families' region-wide listing actions (ReadStatement.remediate false), which no family's
    // one-resource read (LiveReaders.read) sends.
    const listings = new Set(
      FAMILIES.flatMap((family) => family.deployment?.reads ?? [])
        .filter((statement) => statement.remediate === false)
        .flatMap((statement) => statement.actions),
    );

    // Act
    const listingByRole = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        [...allowedActions(roleOf(name))].filter((a) => listings.has(a)).length,
      ]),
    );

    // Assess
    expect(listings.has('acm:ListCertificates')).toBe(true);
    expect(listingByRole).toMatchObject({
      'on-api-call': 0,
      'on-config-change': 0,
      'on-certificate-event': 0,
      remediate: 0,
      'notify-slack': 0,
    });
    expect(listingByRole.sweep).toBe(listings.size);
    expect(listingByRole['sweep-worker']).toBe(listings.size);
    expect(listingByRole['config-rule']).toBeGreaterThan(0);
  });

  it('scopes remediation to this account and the configured regions (a global service: no region)', () => {
    // Act
    const writes = roleStatements(roleOf('remediate')).filter((s) => asList(s.Action).some(isResourceWrite));
    const resources = writes.flatMap((s) => asList(s.Resource));

    // Assess
    expect(writes.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).toEqual({
        'Fn::Sub': expect.stringMatching(
          // API Gateway ARNs name no account for public domain names and REST APIs (/restapis/*); CloudFront's no
          // region; S3 bucket ARNs neither (arn:aws:s3:::<bucket>: buckets are granted by type, s3:::*); RDS ARNs end
          // in <type>:* (pg:*, cluster-pg:*).
          /^arn:\$\{AWS::Partition\}:(?:(?:[a-z0-9-]+:us-east-1|cloudfront:):(\$\{AWS::AccountId\})?:(?:\/?[a-z-]+\/\*(\/[a-z-]+\/\*)?|[a-z-]+:\*)|s3:::\*)$/,
        ),
      });
    }
  });

  it('lets the sweep call every read API the live inventory sends, and remediate every API the remediators send', () => {
    // Act
    const inventoryCalls = union(
      commandActions('shared/inventory/live'),
      commandActions('shared/families', '/live.ts'),
    );
    const remediationCalls = union(
      commandActions('shared/response'),
      commandActions('shared/families', '/remediators/'),
    );
    const sweep = allowedActions(roleOf('sweep'));
    const worker = allowedActions(roleOf('sweep-worker'));
    const remediate = allowedActions(roleOf('remediate'));
    // Only the worker queries the organization aggregator (a work item of the security account's sweep).
    const workerOnly = new Set(['config:SelectAggregateResourceConfig']);

    // Assess
    expect(inventoryCalls.size).toBeGreaterThan(5);
    expect(inventoryCalls.has('config:SelectAggregateResourceConfig')).toBe(true);
    expect([...inventoryCalls].filter((action) => !sweep.has(action) && !workerOnly.has(action))).toEqual([]);
    expect([...inventoryCalls].filter((action) => !worker.has(action))).toEqual([]);
    expect([...workerOnly].filter((action) => sweep.has(action))).toEqual([]);
    expect([...remediationCalls].filter((action) => !remediate.has(action))).toEqual([]);
  });

  it('lets only config-rule report evaluations to AWS Config', () => {
    // Act
    const reporters = FUNCTION_NAMES.filter((name) =>
      allowedActions(roleOf(name)).has('config:PutEvaluations'),
    );

    // Assess
    expect(reporters).toEqual(['config-rule']);
  });

  it("lets sweep and sweep-worker update only the sweep run records (the fan-in), beside remediate's idempotency records", () => {
    // Act
    const updaters = FUNCTION_NAMES.filter((name) => allowedActions(roleOf(name)).has('dynamodb:UpdateItem'));
    const statements = (['sweep', 'sweep-worker'] as const).map((name) =>
      roleStatements(roleOf(name)).filter((s) => asList(s.Action).includes('dynamodb:UpdateItem')),
    );

    // Assess
    expect(updaters.sort()).toEqual(['remediate', 'sweep', 'sweep-worker']);
    for (const statement of statements) {
      expect(statement).toEqual([
        expect.objectContaining({
          Action: 'dynamodb:UpdateItem',
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SWEEP_RUN_PARTITION] } },
        }),
      ]);
    }
  });

  it('lets only sweep-worker batch-write, and only the certificate users partition', () => {
    // Act
    const writers = FUNCTION_NAMES.filter((name) =>
      allowedActions(roleOf(name)).has('dynamodb:BatchWriteItem'),
    );
    const statements = roleStatements(roleOf('sweep-worker')).filter((s) =>
      asList(s.Action).includes('dynamodb:BatchWriteItem'),
    );

    // Assess
    expect(writers).toEqual(['sweep-worker']);
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:BatchWriteItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [CERTIFICATE_USERS_PARTITION] } },
      }),
    ]);
  });

  it('lets only remediate read the emergency switch: its own parameter, or only the central one when configured', () => {
    // Act
    const switchStatements = (name: FunctionName) =>
      roleStatements(roleOf(name)).filter((s) => s.Sid === 'ReadRemediationSwitch');
    const readers = FUNCTION_NAMES.filter((name) => switchStatements(name).length > 0);

    // Assess
    expect(readers).toEqual(['remediate']);
    expect(switchStatements('remediate')).toEqual([
      {
        Sid: 'ReadRemediationSwitch',
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: {
          'Fn::If': ['HasCentralRemediationSwitch', '', { 'Fn::Sub': SWITCH_ARN }],
        },
      },
    ]);
  });

  it('lets the functions that load the policy read the policy parameter, only that one ARN and only when configured', () => {
    // Act
    const conditional = (name: FunctionName) =>
      (
        (template.Resources[roleOf(name)]?.Properties?.Policies ?? []) as {
          PolicyDocument: { Statement: unknown[] };
        }[]
      ).flatMap((policy) =>
        policy.PolicyDocument.Statement.filter(
          (s) => (s as { 'Fn::If'?: unknown[] })['Fn::If']?.[0] === 'HasPolicyParameter',
        ),
      );
    const ssmReaders = FUNCTION_NAMES.filter((name) =>
      [...allowedActions(roleOf(name))].some((action) => action.startsWith('ssm:')),
    );

    // Assess: no other SSM action anywhere; the packaged default (no parameter) grants nothing.
    expect(FUNCTION_NAMES.filter((name) => conditional(name).length > 0)).toEqual(
      ssmReaders.filter((name) => name !== 'notify-slack'),
    );
    for (const name of ssmReaders) {
      for (const s of roleStatements(roleOf(name)).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('ssm:')),
      )) {
        expect(s.Action).toBe('ssm:GetParameter');
      }
    }
    expect(conditional('on-api-call')).toEqual([
      {
        'Fn::If': [
          'HasPolicyParameter',
          { Sid: 'ReadPolicyParameter', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '' },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
  });

  it('lets notify-slack read the webhook secret only when one is configured', () => {
    // Act
    const policies = template.Resources[roleOf('notify-slack')]?.Properties?.Policies as {
      PolicyDocument: { Statement: unknown[] };
    }[];
    const conditional = policies[0]?.PolicyDocument.Statement.find(
      (s) => (s as Record<string, unknown>)['Fn::If'],
    );

    // Assess
    expect((conditional as { 'Fn::If': unknown[] })['Fn::If'][0]).toBe('HasSlackWebhook');
    expect(allowedActions(roleOf('notify-slack')).has('secretsmanager:GetSecretValue')).toBe(true);
  });
});

/** CloudFormation's Fn::Sub placeholders, spelled once. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
const PARTITION = '${AWS::Partition}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
const ACCOUNT = '${AWS::AccountId}';
/** The emergency switch parameter of the stack's region (Ref of an SSM parameter is its name, "/..."). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
const SWITCH_ARN = 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${RemediationSwitch}';

describe('infra/family-iam.cjs', () => {
  type Resolver = (context: {
    resolveVariable: (name: string) => Promise<unknown>;
  }) => Promise<Record<string, { Statement: { Sid: string; Resource: unknown }[] }>>;
  const resolveStatements = createRequire(import.meta.url)('../../infra/family-iam.cjs') as Resolver;

  const resourceOf = (
    document: { Statement: { Sid: string; Resource: unknown }[] } | undefined,
    sid: string,
  ) => document?.Statement.find((statement) => statement.Sid === sid)?.Resource;

  it('lists one ARN per configured region', async () => {
    // Act
    const documents = await resolveStatements({
      resolveVariable: async () => 'eu-west-1, us-east-1,eu-west-1',
    });

    // Assess
    expect(resourceOf(documents.remediate, 'RemediateListeners')).toEqual([
      { 'Fn::Sub': `arn:${PARTITION}:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/*` },
      { 'Fn::Sub': `arn:${PARTITION}:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/*` },
    ]);
    expect((resourceOf(documents.remediate, 'RemediateVpnTunnels') as unknown[])[1]).toEqual({
      'Fn::Sub': `arn:${PARTITION}:ec2:us-east-1:${ACCOUNT}:vpn-connection/*`,
    });
  });

  it('refuses a regions param that is empty or not a list of regions', async () => {
    // Act & Assess
    await expect(resolveStatements({ resolveVariable: async () => '' })).rejects.toThrow(/param "regions"/);
    await expect(resolveStatements({ resolveVariable: async () => 'eu-west-1,*' })).rejects.toThrow(
      /param "regions"/,
    );
  });
});

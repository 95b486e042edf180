/**
 * The organization templates `npm run package` writes (scripts/org-templates.mjs): the StackSets member template,
 * the central (security account) template and the artifacts bucket. cfn-guard runs on them in guard.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../shared/families/index.js';
import { CENTRAL_READER_ROLE } from '../../shared/inventory/live/central-reader.js';
import { centralTableDefinition } from '../../shared/org/central-table.js';
import { CENTRAL_VARIABLES, loadCentralConfig } from '../../shared/org/config.js';
import { type FindingMessage, publishFindings } from '../../shared/report/findings-bus.js';
import { type EventFixture, loadEvent } from '../fixtures/events/load.js';
import { type EventPattern, matchesEventPattern } from '../helpers/event-pattern.js';
import {
  type CfnResource,
  type CfnTemplate,
  ensurePackaged,
  FUNCTION_NAMES,
  type FunctionName,
  functionLogicalId,
  loadOrgTemplate,
  loadTemplate,
  ORG_ARTIFACTS_DIR,
  PACKAGE_TIMEOUT_MS,
  ROOT,
  referencedId,
  resourcesOfType,
  SERVERLESS_DIR,
} from './template.js';
import { readZip } from './zip.js';

let standalone: CfnTemplate;
let member: CfnTemplate;
let central: CfnTemplate;
let artifacts: CfnTemplate;

beforeAll(() => {
  ensurePackaged();
  standalone = loadTemplate();
  member = loadOrgTemplate('member');
  central = loadOrgTemplate('central');
  artifacts = loadOrgTemplate('artifacts');
}, PACKAGE_TIMEOUT_MS);

const patterns = createRequire(import.meta.url)('../../infra/event-patterns.cjs') as Record<
  string,
  EventPattern
>;

function resource(template: CfnTemplate, id: string): CfnResource {
  const found = template.Resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

function props(template: CfnTemplate, id: string): Record<string, unknown> {
  return resource(template, id).Properties ?? {};
}

interface Parameter {
  Type: string;
  Default?: string | number;
  AllowedPattern?: string;
  AllowedValues?: unknown[];
  Description?: string;
}

function parameters(template: CfnTemplate): Record<string, Parameter> {
  return (template.Parameters ?? {}) as Record<string, Parameter>;
}

// ---------------------------------------------------------------- evaluating the templates' conditions

type Values = Record<string, string>;

/** A parameter, pseudo parameter or literal, as CloudFormation would resolve it in a condition. */
function resolvedValue(template: CfnTemplate, value: unknown, values: Values): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { Ref?: string }).Ref;
  if (ref === undefined) throw new Error(`condition value not supported here: ${JSON.stringify(value)}`);
  if (ref in values) return values[ref];
  const parameter = parameters(template)[ref];
  if (parameter?.Default === undefined) throw new Error(`no value for ${ref}`);
  return String(parameter.Default);
}

function conditionHolds(template: CfnTemplate, condition: unknown, values: Values): boolean {
  const node = condition as Record<string, unknown[] | string>;
  if (typeof node.Condition === 'string') {
    const named = template.Conditions?.[node.Condition];
    if (named === undefined) throw new Error(`no condition ${node.Condition}`);
    return conditionHolds(template, named, values);
  }
  const [operator, operands] = Object.entries(node)[0] as [string, unknown[]];
  switch (operator) {
    case 'Fn::Equals':
      return resolvedValue(template, operands[0], values) === resolvedValue(template, operands[1], values);
    case 'Fn::Not':
      return !conditionHolds(template, operands[0], values);
    case 'Fn::And':
      return operands.every((operand) => conditionHolds(template, operand, values));
    case 'Fn::Or':
      return operands.some((operand) => conditionHolds(template, operand, values));
    default:
      throw new Error(`condition function not supported here: ${operator}`);
  }
}

/** The logical ids of the resources CloudFormation creates for a stack instance with these values. */
function createdResources(template: CfnTemplate, values: Values): string[] {
  return Object.entries(template.Resources)
    .filter(
      ([, r]) => r.Condition === undefined || conditionHolds(template, { Condition: r.Condition }, values),
    )
    .map(([id]) => id)
    .sort();
}

/** A member stack instance of account 111122223333 in `region`, with home region `home`. */
function memberInstance(region: string, home: string): string[] {
  return createdResources(member, {
    'AWS::Region': region,
    'AWS::AccountId': '111122223333',
    HomeRegion: home,
  });
}

// ---------------------------------------------------------------- references

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
]);

/** Every Ref, Fn::GetAtt, Fn::Sub variable and condition name that names nothing in the template. */
function danglingReferences(template: CfnTemplate): string[] {
  const resources = new Set(Object.keys(template.Resources));
  const names = new Set([...resources, ...Object.keys(template.Parameters ?? {}), ...PSEUDO]);
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const dangling: string[] = [];
  const visit = (node: unknown, where: string, local: Set<string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, where, local);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.Ref === 'string' && !names.has(record.Ref))
      dangling.push(`${where}: Ref ${record.Ref}`);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && !resources.has(String(getAtt[0]))) {
      dangling.push(`${where}: GetAtt ${getAtt[0]}`);
    }
    if (typeof record.Condition === 'string' && !conditions.has(record.Condition)) {
      dangling.push(`${where}: Condition ${record.Condition}`);
    }
    const ifCondition = record['Fn::If'];
    if (Array.isArray(ifCondition) && !conditions.has(String(ifCondition[0]))) {
      dangling.push(`${where}: Fn::If ${ifCondition[0]}`);
    }
    const sub = record['Fn::Sub'];
    if (sub !== undefined) {
      const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
      const own = new Set([...local, ...Object.keys(variables as object)]);
      for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = (match[1] ?? '').split('.')[0] ?? '';
        if (!names.has(name) && !own.has(name)) dangling.push(`${where}: Sub \${${match[1]}}`);
      }
      visit(variables, where, local);
      return;
    }
    for (const value of Object.values(record)) visit(value, where, local);
  };
  for (const section of ['Resources', 'Outputs', 'Conditions'] as const) {
    for (const [id, value] of Object.entries(template[section] ?? {}))
      visit(value, `${section}.${id}`, new Set());
  }
  return dangling;
}

describe('organization templates', () => {
  it('refer only to their own resources, parameters and conditions', () => {
    // Act
    const dangling = [member, central, artifacts].flatMap(danglingReferences);

    // Assess
    expect(dangling).toEqual([]);
  });
});

// ---------------------------------------------------------------- member

const FORWARDING = ['ForwardApiCallsRule', 'ForwardConfigChangesRule', 'ForwardNativeEventsRule'];
const FORWARDING_RESOURCES = ['ForwardToHomeRegionRole', ...FORWARDING].sort();
const HOME_DEFAULT_BUS = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
  'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default',
};
/** The parameters a StackSet must be given (no default); README's create-stack-set command passes each. */
const REQUIRED_MEMBER_PARAMETERS = ['ArtifactsBucket', 'CentralBusArn', 'OrgId'];

/** The home stack's rule pattern for a function (the rules osls generates from serverless.yml). */
function homePatternOf(name: FunctionName): EventPattern {
  const rules = resourcesOfType(standalone, 'AWS::Events::Rule').filter(([, rule]) =>
    ((rule.Properties?.Targets ?? []) as { Arn: unknown }[]).some(
      (target) => referencedId(target.Arn) === functionLogicalId(name),
    ),
  );
  expect(rules).toHaveLength(1);
  return rules[0]?.[1].Properties?.EventPattern as EventPattern;
}

function readmeCommand(command: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(command);
  if (start < 0) throw new Error(`README.md has no "${command}"`);
  // The command and its continuation lines.
  return readme.slice(start, readme.indexOf('\n```', start));
}

describe('member template (StackSets)', () => {
  it('creates the whole single-account stack in the home region, and only the forwarding rules elsewhere', () => {
    // Prepare: what the single-account stack creates in that account and region (its own conditions hold).
    const stack = createdResources(standalone, {
      'AWS::Region': 'eu-west-1',
      'AWS::AccountId': '111122223333',
    }).filter((id) => !id.startsWith('ServerlessDeploymentBucket'));

    // Act
    const home = memberInstance('eu-west-1', 'eu-west-1');
    const other = memberInstance('ap-southeast-2', 'eu-west-1');
    const usEast1 = memberInstance('us-east-1', 'eu-west-1');

    // Assess
    expect(home).toEqual(expect.arrayContaining(stack));
    for (const id of FORWARDING_RESOURCES) expect(home).not.toContain(id);
    expect(other).toEqual(FORWARDING_RESOURCES);
    expect(usEast1).toEqual(FORWARDING_RESOURCES);
    for (const id of stack) expect(resource(member, id).Type, id).toBe(resource(standalone, id).Type);
  });

  it('forwards nothing when us-east-1 is the home region (the events are already there)', () => {
    // Act
    const usEast1 = memberInstance('us-east-1', 'us-east-1');

    // Assess
    for (const id of FORWARDING_RESOURCES) expect(usEast1).not.toContain(id);
    expect(usEast1).toContain(functionLogicalId('on-api-call'));
  });

  it('keeps the conditions of the single-account stack, in the home region only', () => {
    // Act
    const home = createdResources(member, {
      'AWS::Region': 'eu-west-1',
      'AWS::AccountId': '111122223333',
      HomeRegion: 'eu-west-1',
    });
    const elsewhere = memberInstance('eu-central-1', 'eu-west-1');

    // Assess: the Config rule exists (configRule param "true") in the home region, never elsewhere.
    expect(resource(member, 'TransitGuardConfigRule').Condition).toBe('CreateConfigRuleInHomeRegion');
    expect(home).toContain('TransitGuardConfigRule');
    expect(elsewhere).not.toContain('TransitGuardConfigRule');
  });

  it.each([
    ['ForwardApiCallsRule', 'on-api-call', 'apiCalls'],
    ['ForwardConfigChangesRule', 'on-config-change', 'configChanges'],
    ['ForwardNativeEventsRule', 'on-certificate-event', 'nativeEvents'],
  ] as const)('%s carries the home stack pattern of %s to the home region default bus', (id, fn, pattern) => {
    // Act
    const rule = props(member, id);

    // Assess
    expect(rule.EventPattern).toEqual(homePatternOf(fn));
    expect(rule.EventPattern).toEqual(patterns[pattern]);
    expect(rule.EventBusName).toBeUndefined();
    expect(rule.Targets).toEqual([
      {
        Id: 'home-region-default-bus',
        Arn: HOME_DEFAULT_BUS,
        RoleArn: { 'Fn::GetAtt': ['ForwardToHomeRegionRole', 'Arn'] },
      },
    ]);
  });

  it.each([
    'cloudtrail-cloudfront-update-distribution',
    'cloudtrail-cloudfront-create-distribution',
    'cloudtrail-iam-upload-server-certificate',
    'config-change-cloudfront-distribution',
  ])('forwards the global service event %s from us-east-1 to another home region', (name) => {
    // Prepare
    const event: EventFixture = { ...loadEvent(name), region: 'us-east-1' };
    const created = memberInstance('us-east-1', 'eu-west-1');

    // Act
    const forwardedBy = FORWARDING.filter(
      (id) =>
        created.includes(id) && matchesEventPattern(props(member, id).EventPattern as EventPattern, event),
    );

    // Assess
    expect(forwardedBy).toHaveLength(1);
  });

  it('lets the forwarding role put events on the home region default bus only, and only EventBridge assume it', () => {
    // Act
    const role = props(member, 'ForwardToHomeRegionRole');

    // Assess
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
    expect(role.Policies).toEqual([
      {
        PolicyName: 'put-home-region-default-bus',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PutHomeRegionDefaultBus',
              Effect: 'Allow',
              Action: 'events:PutEvents',
              Resource: HOME_DEFAULT_BUS,
            },
          ],
        },
      },
    ]);
  });

  it('reads every function from the central artifacts bucket, never from a Serverless deployment bucket', () => {
    // Act: the packaged stack's functions (on-remediation-request, the member's own, is checked below).
    const functions = resourcesOfType(member, 'AWS::Lambda::Function').filter(
      ([id]) => id !== 'OnRemediationRequestFunction',
    );

    // Assess
    expect(functions).toHaveLength(FUNCTION_NAMES.length);
    for (const [id, fn] of functions) {
      const name = FUNCTION_NAMES.find((candidate) => functionLogicalId(candidate) === id);
      expect(name, id).toBeDefined();
      expect(fn.Properties?.Code).toEqual({
        S3Bucket: { Ref: 'ArtifactsBucket' },
        S3Key: { 'Fn::Sub': `\${ArtifactsPrefix}${name}.zip` },
      });
      // The uploaded zip is the one osls packaged.
      const uploaded = readFileSync(join(ORG_ARTIFACTS_DIR, `${name}.zip`));
      expect(uploaded.equals(readFileSync(join(SERVERLESS_DIR, `${name}.zip`))), `${name}.zip`).toBe(true);
    }
    expect(JSON.stringify(member)).not.toMatch(/ServerlessDeploymentBucket|serverless\/transit-guard\//);
    expect(resourcesOfType(member, 'AWS::S3::Bucket')).toEqual([]);
  });

  it('takes the dry-run switch from its DryRun parameter, "true" unless the StackSet says otherwise', () => {
    // Act
    const dryRuns = resourcesOfType(member, 'AWS::Lambda::Function').map(
      ([, fn]) =>
        (fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables
          .TG_DRY_RUN,
    );

    // Assess
    expect(dryRuns).toEqual([...FUNCTION_NAMES, 'on-remediation-request'].map(() => ({ Ref: 'DryRun' })));
    expect(parameters(member).DryRun).toMatchObject({ Default: 'true', AllowedValues: ['true', 'false'] });
  });

  it('has parameters a StackSet can pass: strings, described, the required ones in the README command', () => {
    // Prepare
    const command = readmeCommand('aws cloudformation create-stack-set');

    // Act
    const all = parameters(member);
    const required = Object.keys(all).filter((name) => all[name]?.Default === undefined);

    // Assess
    expect(required.sort()).toEqual(REQUIRED_MEMBER_PARAMETERS);
    for (const [name, parameter] of Object.entries(all)) {
      expect(parameter.Type, name).toBe('String');
      expect(parameter.Description, name).toMatch(/\w/);
    }
    for (const name of required) expect(command).toContain(`ParameterKey=${name},`);
    expect(command).toContain('--permission-model SERVICE_MANAGED');
    expect(command).toContain('--auto-deployment Enabled=true');
  });

  it.each([
    ['HomeRegion', 'eu-west-1', 'eu-west'],
    [
      'CentralBusArn',
      'arn:aws:events:eu-west-1:999988887777:event-bus/transit-guard-central',
      'transit-guard-central',
    ],
    ['OrgId', 'o-a1b2c3d4e5', 'a1b2c3d4e5'],
    ['ArtifactsBucket', 'tg-artifacts-999988887777', 's3://tg-artifacts'],
    ['ArtifactsPrefix', 'transit-guard/v1/', 'transit-guard'],
  ])('checks %s: accepts %s, refuses %s', (name, good, bad) => {
    // Act
    const pattern = new RegExp(parameters(member)[name]?.AllowedPattern ?? '');

    // Assess
    expect(pattern.test(good)).toBe(true);
    expect(pattern.test(bad)).toBe(false);
  });

  it('puts its findings, plans and actions on the central bus, through a role allowed that bus only', () => {
    // Act
    const rule = props(member, 'FindingsToCentralRule');
    const role = props(member, 'FindingsToCentralRole');

    // Assess
    expect(resource(member, 'FindingsToCentralRule').Condition).toBe('IsHomeRegion');
    expect(rule.EventBusName).toEqual({ Ref: 'FindingsBus' });
    expect(rule.EventPattern).toEqual({ source: ['transit-guard'], 'detail-type': ['Transit Finding'] });
    expect(rule.Targets).toEqual([
      {
        Id: 'central-bus',
        Arn: { Ref: 'CentralBusArn' },
        RoleArn: { 'Fn::GetAtt': ['FindingsToCentralRole', 'Arn'] },
      },
    ]);
    expect(
      (role.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument.Statement,
    ).toEqual([
      {
        Sid: 'PutCentralBus',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: { Ref: 'CentralBusArn' },
      },
    ]);
  });

  it.each(['finding', 'resolution', 'plan', 'action'] as const)(
    'forwards a %s message as the stack publishes it (shared/report/findings-bus.ts) to the central bus',
    async (kind) => {
      // Prepare
      const eventBridge = mockClient(EventBridgeClient);
      eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
      const message: FindingMessage = {
        kind,
        evaluation: {
          ruleId: 'elbv2-listener-plaintext',
          status: kind === 'resolution' ? 'COMPLIANT' : 'NON_COMPLIANT',
          severity: 'high',
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/1',
          reason: 'HTTP listener forwards plaintext.',
        },
        observedAt: '2026-12-01T10:00:00.000Z',
      };

      // Act
      await publishFindings(new EventBridgeClient({ region: 'eu-west-1' }), [message], {
        busName: 'transit-guard-findings-dev',
        sleep: async () => {},
      });
      const entry = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
      eventBridge.restore();
      const event = {
        source: entry?.Source,
        'detail-type': entry?.DetailType,
        account: '111122223333',
        region: 'eu-west-1',
        detail: JSON.parse(entry?.Detail ?? '{}'),
      };

      // Assess: the member forwards it, and the central rule takes it.
      expect(
        matchesEventPattern(props(member, 'FindingsToCentralRule').EventPattern as EventPattern, event),
      ).toBe(true);
      expect(
        matchesEventPattern(props(central, 'CentralFindingsRule').EventPattern as EventPattern, event),
      ).toBe(true);
    },
  );

  it('takes remediation requests from the central account only, to on-remediation-request, dead-lettered on failure', () => {
    // Prepare
    const centralAccount = { 'Fn::Select': [4, { 'Fn::Split': [':', { Ref: 'CentralBusArn' }] }] };

    // Act
    const policy = props(member, 'FindingsBusCentralPolicy');
    const rule = props(member, 'RemediationRequestsRule');
    const permission = props(member, 'RemediationRequestsInvokePermission');
    const deadLetters = (
      props(member, 'EventsDeadLetterQueuePolicy').PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement.find((s) => s.Sid === 'AllowEventBridgeDeadLetters');

    // Assess
    expect(policy.EventBusName).toEqual({ Ref: 'FindingsBus' });
    expect(policy.Statement).toEqual({
      Effect: 'Allow',
      Principal: {
        AWS: {
          'Fn::Sub': [
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
            'arn:${AWS::Partition}:iam::${CentralAccount}:root',
            { CentralAccount: centralAccount },
          ],
        },
      },
      Action: 'events:PutEvents',
      Resource: { 'Fn::GetAtt': ['FindingsBus', 'Arn'] },
      Condition: {
        StringEquals: {
          'aws:PrincipalOrgID': { Ref: 'OrgId' },
          'events:detail-type': 'transit-guard remediation request',
        },
        'ForAllValues:StringEquals': { 'events:source': 'transit-guard.central' },
      },
    });
    expect(rule.EventBusName).toEqual({ Ref: 'FindingsBus' });
    expect(rule.EventPattern).toEqual({
      source: ['transit-guard.central'],
      'detail-type': ['transit-guard remediation request'],
      account: [centralAccount],
    });
    expect(rule.Targets).toEqual([
      {
        Id: 'on-remediation-request',
        Arn: { 'Fn::GetAtt': ['OnRemediationRequestFunction', 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 2 },
      },
    ]);
    expect(props(member, 'OnRemediationRequestFunction').Handler).toBe(
      'functions/on-remediation-request.handler',
    );
    expect(permission).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['OnRemediationRequestFunction', 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['RemediationRequestsRule', 'Arn'] },
    });
    expect(
      (deadLetters?.Condition as { ArnLike: Record<string, unknown[]> } | undefined)?.ArnLike[
        'aws:SourceArn'
      ],
    ).toContainEqual({ 'Fn::GetAtt': ['RemediationRequestsRule', 'Arn'] });
  });
});

// ---------------------------------------------------------------- every function of the organization templates

describe('organization functions', () => {
  it('have each handler in the templates built as a zip holding that handler module', () => {
    for (const template of [member, central]) {
      for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
        // Act
        const module = String(fn.Properties?.Handler).replace(/^functions\/|\.handler$/g, '');
        const zip = join(ORG_ARTIFACTS_DIR, `${module}.zip`);

        // Assess
        expect(existsSync(zip), `${id}: ${zip}`).toBe(true);
        expect([...readZip(zip).keys()], id).toContain(`functions/${module}.mjs`);
      }
    }
  });
});

describe('member on-remediation-request', () => {
  it('runs with the inspectors’ environment, its own log group, and the events dead-letter queue on failure', () => {
    // Act
    const fn = props(member, 'OnRemediationRequestFunction');
    const group = props(member, 'OnRemediationRequestLogGroup');
    const onFailure = props(member, 'OnRemediationRequestEventInvokeConfig');

    // Assess
    expect(fn.Environment).toEqual(props(member, functionLogicalId('on-config-change')).Environment);
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables.TG_DRY_RUN).toEqual({
      Ref: 'DryRun',
    });
    expect(group.LogGroupName).toBe(`/aws/lambda/${fn.FunctionName}`);
    expect(group.RetentionInDays).toBe(
      resourcesOfType(standalone, 'AWS::Logs::LogGroup')[0]?.[1].Properties?.RetentionInDays,
    );
    expect(onFailure).toMatchObject({
      FunctionName: { Ref: 'OnRemediationRequestFunction' },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] } } },
    });
    expect(fn.Code).toEqual({
      S3Bucket: { Ref: 'ArtifactsBucket' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      S3Key: { 'Fn::Sub': '${ArtifactsPrefix}on-remediation-request.zip' },
    });
    for (const id of [
      'OnRemediationRequestFunction',
      'OnRemediationRequestRole',
      'OnRemediationRequestLogGroup',
      'OnRemediationRequestEventInvokeConfig',
    ])
      expect(resource(member, id).Condition, id).toBe('IsHomeRegion');
  });

  it('reads one resource of any family like on-api-call (no region-wide listing) and writes none: an inspector', () => {
    // Act
    const policies = props(member, 'OnRemediationRequestRole').Policies as {
      PolicyName: string;
      PolicyDocument: { Statement: Statement[] };
    }[];
    // Every family routes API calls, so on-api-call's document reads a resource of every family.
    expect(FAMILIES.filter((family) => !family.events?.apiCalls?.length).map((family) => family.id)).toEqual(
      [],
    );
    const apiCallFamilies = (
      props(member, 'OnApiCallRole').Policies as { PolicyName: string; PolicyDocument: unknown }[]
    ).find((policy) => policy.PolicyName.endsWith('-families'));
    const actions = roleStatements(member, 'OnRemediationRequestRole').flatMap((s) => asList(s.Action));

    // Assess
    expect(policies.find((p) => p.PolicyName.endsWith('-families'))?.PolicyDocument).toEqual(
      apiCallFamilies?.PolicyDocument,
    );
    // Besides the families' reads: its logs, traces, finding state, bus and queues, as on-config-change has them.
    expect(
      (policies.find((p) => p.PolicyName === 'on-remediation-request')?.PolicyDocument.Statement ?? [])
        .flatMap((statement) => asList(statement.Action))
        .sort(),
    ).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'events:PutEvents',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:SendMessage',
      'sqs:SendMessage',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    expect(actions.filter((a) => a.includes('*') || a.toLowerCase() === 'iam:passrole')).toEqual([]);
    expect(
      roleStatements(member, 'OnRemediationRequestRole').find((s) => s.Sid === 'OwnLogGroup')?.Resource,
    ).toEqual({
      'Fn::GetAtt': ['OnRemediationRequestLogGroup', 'Arn'],
    });
  });
});

describe('member central reader role', () => {
  it('is created once per account (home region), under the fixed name the central sweep builds the ARN of', () => {
    // Act
    const role = resource(member, 'CentralReaderRole');
    const parameter = (member.Parameters as Record<string, { Default?: string; AllowedPattern?: string }>)
      .CentralAccountId;

    // Assess
    expect(props(member, 'CentralReaderRole').RoleName).toBe(CENTRAL_READER_ROLE);
    expect(role.Condition).toBe('HasCentralReader');
    expect((member.Conditions as Record<string, unknown>).HasCentralReader).toEqual({
      'Fn::And': [
        { Condition: 'IsHomeRegion' },
        { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CentralAccountId' }, ''] }] },
      ],
    });
    // Empty (no role) or an account ID: nothing else can be trusted.
    expect(parameter?.Default).toBe('');
    const pattern = new RegExp(parameter?.AllowedPattern ?? '');
    expect(['', '123456789012'].map((v) => pattern.test(v))).toEqual([true, true]);
    expect(['*', '12345678901', 'arn:aws:iam::123456789012:root'].some((v) => pattern.test(v))).toBe(false);
  });

  it('trusts only the central account’s sweep-worker role', () => {
    // Act
    const trust = props(member, 'CentralReaderRole').AssumeRolePolicyDocument as { Statement: unknown[] };

    // Assess
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${CentralAccountId}:root' } },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: {
            'aws:PrincipalArn': {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
              'Fn::Sub': 'arn:${AWS::Partition}:iam::${CentralAccountId}:role/transit-guard/sweep-worker/*',
            },
          },
        },
      },
    ]);
  });

  it('trusts the sweep-worker role whatever name CloudFormation gives it, by the path the role is created with', () => {
    // Prepare: ArnLike on the ARN the central account's role has (IAM puts the path in it), for the central
    // account 999988887777.
    const trust = props(member, 'CentralReaderRole').AssumeRolePolicyDocument as {
      Statement: { Condition: { ArnLike: Record<string, { 'Fn::Sub': string }> } }[];
    };
    const pattern = (trust.Statement[0]?.Condition.ArnLike['aws:PrincipalArn']?.['Fn::Sub'] ?? '')
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      .replace('${AWS::Partition}', 'aws')
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      .replace('${CentralAccountId}', '999988887777');
    const arnLike = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const path = props(standalone, 'SweepWorkerRole').Path as string;
    const roleArn = (account: string, rolePath: string, name: string) =>
      `arn:aws:iam::${account}:role${rolePath}${name}`;

    // Assess: a short stack name, and a long one whose generated name lost part of the logical id.
    expect(props(standalone, 'SweepWorkerRole').RoleName).toBeUndefined();
    expect(path).toMatch(/^\/.+\/$/);
    expect(
      arnLike.test(roleArn('999988887777', path, 'transit-guard-dev-SweepWorkerRole-1A2B3C4D5E6F')),
    ).toBe(true);
    expect(
      arnLike.test(roleArn('999988887777', path, 'transit-guard-security-prod-eu-SweepWork-1A2B3C4D5E6F')),
    ).toBe(true);
    // Not the same name outside the path, not the path in another account.
    expect(arnLike.test(roleArn('999988887777', '/', 'transit-guard-dev-SweepWorkerRole-1A2B3C4D5E6F'))).toBe(
      false,
    );
    expect(
      arnLike.test(roleArn('111122223333', path, 'transit-guard-dev-SweepWorkerRole-1A2B3C4D5E6F')),
    ).toBe(false);
  });

  it('is allowed only the sweep’s family reads: no write, no wildcard action', () => {
    // Act
    const policies = props(member, 'CentralReaderRole').Policies as {
      PolicyName: string;
      PolicyDocument: unknown;
    }[];
    const sweepFamilies = (
      props(member, 'SweepRole').Policies as { PolicyName: string; PolicyDocument: unknown }[]
    ).find((policy) => policy.PolicyName.endsWith('-families'));
    const actions = roleStatements(member, 'CentralReaderRole').flatMap((s) => asList(s.Action));

    // Assess
    expect(policies.map((p) => p.PolicyDocument)).toEqual([sweepFamilies?.PolicyDocument]);
    expect(actions.length).toBeGreaterThan(0);
    // API Gateway's reads are its HTTP verb GET (apigateway:GET); any other verb writes.
    expect(
      actions.filter((a) => !/^[a-z0-9-]+:((Describe|List|Get|Select)[A-Za-z0-9]*|GET)$/.test(a)),
    ).toEqual([]);
  });

  it('is what the security account’s sweep-worker may assume, and only with an aggregator', () => {
    // Act
    const statements = (
      props(standalone, 'SweepWorkerRole').Policies as { PolicyDocument: { Statement: unknown[] } }[]
    ).flatMap((policy) => policy.PolicyDocument.Statement);
    const assume = statements.filter((s) => JSON.stringify(s).includes('sts:AssumeRole'));

    // Assess
    expect(assume).toEqual([
      {
        'Fn::If': [
          'HasConfigAggregator',
          {
            Sid: 'AssumeMemberCentralReader',
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::*:role/${CENTRAL_READER_ROLE}` },
          },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
  });
});

// ---------------------------------------------------------------- central

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A role's statements; a conditional one (`Fn::If`) with its "true" branch, the most it can grant. */
function roleStatements(template: CfnTemplate, id: string): Statement[] {
  const unwrap = (s: unknown): Statement[] => {
    const branches = (s as Record<string, unknown>)['Fn::If'];
    if (Array.isArray(branches)) return unwrap(branches[1]);
    return (s as Statement).Effect ? [s as Statement] : [];
  };
  return ((props(template, id).Policies ?? []) as { PolicyDocument: { Statement: unknown[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement.flatMap(unwrap),
  );
}

function variables(id: string): Record<string, unknown> {
  return (props(central, id).Environment as { Variables: Record<string, unknown> }).Variables;
}

describe('central template', () => {
  it('has every parameter in the parameter table of docs/organization-findings.md, and no other', () => {
    // Prepare
    const doc = readFileSync(join(ROOT, 'docs/organization-findings.md'), 'utf8');
    const table = doc.split('## The central template').at(1)?.split('\n## ')[0] ?? '';

    // Act: the first cell of each row names one or more parameters
    const documented = [...table.matchAll(/^\| ([^|]+) \|/gm)]
      .flatMap((row) => [...(row[1] ?? '').matchAll(/`(\w+)`/g)].map((name) => name[1]))
      .filter((name) => name !== undefined);

    // Assess
    expect(documented.sort()).toEqual(Object.keys(parameters(central)).sort());
  });

  it('lets principals of the organization, and only those, put events on the central bus', () => {
    // Act
    const policies = resourcesOfType(central, 'AWS::Events::EventBusPolicy');

    // Assess
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0] as [string, CfnResource];
    expect(policy.Properties?.EventBusName).toEqual({ Ref: 'CentralBus' });
    expect(policy.Properties?.Statement).toEqual({
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: { 'Fn::GetAtt': ['CentralBus', 'Arn'] },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } },
    });
    expect(policy.Properties?.Principal).toBeUndefined();
  });

  it('archives every event of the central bus, replayable for ArchiveRetentionDays', () => {
    // Act
    const archives = resourcesOfType(central, 'AWS::Events::Archive');

    // Assess
    expect(archives).toHaveLength(1);
    const [, archive] = archives[0] as [string, CfnResource];
    expect(archive.Properties?.SourceArn).toEqual({ 'Fn::GetAtt': ['CentralBus', 'Arn'] });
    expect(archive.Properties?.EventPattern).toBeUndefined();
    expect(archive.Properties?.RetentionDays).toEqual({ Ref: 'ArchiveRetentionDays' });
    expect(archive.Condition).toBeUndefined();
  });

  it('sends what member stacks put on the central bus to central-findings, dead-lettered on failure', () => {
    // Act
    const rule = props(central, 'CentralFindingsRule');

    // Assess: the pattern the member forwards with.
    expect(rule.EventBusName).toEqual({ Ref: 'CentralBus' });
    expect(rule.EventPattern).toEqual(props(member, 'FindingsToCentralRule').EventPattern);
    expect(rule.Targets).toEqual([
      {
        Id: 'central-findings',
        Arn: { 'Fn::GetAtt': ['CentralFindingsFunction', 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['CentralDeadLetterQueue', 'Arn'] } },
      },
    ]);
  });

  it('gives the central functions exactly the environment variables their parser reads, which it accepts', () => {
    // Prepare: a value of the right shape for each reference (Slack and Security Lake on).
    const stand = (name: string, value: unknown): string => {
      const ref = JSON.stringify(value);
      if (ref.includes('SlackOutbox')) return 'https://sqs.eu-west-1.amazonaws.com/999988887777/outbox';
      if (ref.includes('SlackRoutes')) return '[{"match":{},"channel":"transit-guard/slack/all"}]';
      if (ref.includes('SecurityLakePrefix')) return 'ext/transit-guard/';
      if (ref.includes('SecurityLakeBucket')) return 'aws-security-data-lake-eu-west-1-abcdef';
      if (ref.includes('SecurityHub')) return 'on';
      return `${name.toLowerCase()}-value`;
    };
    const env = (id: string) =>
      Object.fromEntries(
        Object.entries(variables(id))
          .filter(([name]) => name.startsWith('TG_'))
          .map(([name, value]) => [name, stand(name, value)]),
      );

    // Act
    const findings = Object.keys(variables('CentralFindingsFunction')).filter((name) =>
      name.startsWith('TG_'),
    );
    const action = Object.keys(variables('CentralActionFunction')).filter((name) => name.startsWith('TG_'));

    // Assess: central-findings reads every variable but the member bus; central-action the table and the bus.
    expect(findings.sort()).toEqual(CENTRAL_VARIABLES.filter((name) => name !== 'TG_MEMBER_BUS_NAME').sort());
    expect(action.sort()).toEqual(['TG_CENTRAL_TABLE', 'TG_MEMBER_BUS_NAME']);
    expect(
      loadCentralConfig(
        { AWS_REGION: 'eu-west-1', ...env('CentralFindingsFunction') },
        { securityHub: true },
      ),
    ).toMatchObject({ slack: expect.anything(), securityHub: true, securityLake: expect.anything() });
    expect(
      loadCentralConfig({ AWS_REGION: 'eu-west-1', ...env('CentralActionFunction') }, { memberBus: true }),
    ).toMatchObject({ memberBusName: expect.any(String) });
    expect(variables('CentralActionFunction').TG_CENTRAL_TABLE).toEqual({ Ref: 'CentralTable' });
    expect(variables('CentralFindingsFunction').TG_CENTRAL_TABLE).toEqual({ Ref: 'CentralTable' });
    expect(variables('CentralActionFunction').TG_MEMBER_BUS_NAME).toEqual({ Ref: 'MemberBusName' });
    expect(props(central, 'CentralFindingsFunction').Handler).toBe('functions/central-findings.handler');
    expect(props(central, 'CentralActionFunction').Handler).toBe('functions/central-action.handler');
  });

  it('serves the central notify-slack only the routes\u2019 channels, read from secrets under the prefix', () => {
    // Act
    const env = variables('NotifySlackFunction');
    const secrets = roleStatements(central, 'NotifySlackRole').find((s) => s.Sid === 'ReadWebhookSecrets');

    // Assess: every message names its channel; no default webhook to fall back to.
    expect(env.TG_SLACK_ROUTES).toEqual({ Ref: 'SlackRoutes' });
    expect(Object.keys(env).filter((name) => name.startsWith('SLACK_WEBHOOK'))).toEqual([]);
    expect(secrets).toEqual({
      Sid: 'ReadWebhookSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: {
        'Fn::Sub':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
          'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SlackSecretPrefix}*',
      },
    });
    expect(central.Conditions?.HasSlack).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'SlackRoutes' }, ''] }],
    });
  });

  it('grants kms:GenerateDataKey on the lake’s customer-managed key only, and only when the lake and the key are given', () => {
    // Prepare: the raw statement, with the condition it hangs on.
    const raw = (
      props(central, 'CentralFindingsRole').Policies as { PolicyDocument: { Statement: unknown[] } }[]
    )
      .flatMap((policy) => policy.PolicyDocument.Statement)
      .find((s) => JSON.stringify(s).includes('"SecurityLakeKey"')) as {
      'Fn::If': [string, unknown, unknown];
    };
    const [condition, statement, otherwise] = raw['Fn::If'];
    const granted = (values: Values) => conditionHolds(central, { Condition: condition }, values);
    const pattern = new RegExp(parameters(central).SecurityLakeKmsKeyArn?.AllowedPattern ?? '');

    // Assess: the key itself, not "*" and not another key.
    expect(statement).toEqual({
      Sid: 'SecurityLakeKey',
      Effect: 'Allow',
      Action: 'kms:GenerateDataKey',
      Resource: { Ref: 'SecurityLakeKmsKeyArn' },
    });
    expect(otherwise).toEqual({ Ref: 'AWS::NoValue' });
    const bucket = 'aws-security-data-lake-eu-west-1-abcdef';
    const key = 'arn:aws:kms:eu-west-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(granted({ SecurityLakeBucket: bucket, SecurityLakeKmsKeyArn: key })).toBe(true);
    expect(granted({ SecurityLakeBucket: bucket, SecurityLakeKmsKeyArn: '' })).toBe(false);
    expect(granted({ SecurityLakeBucket: '', SecurityLakeKmsKeyArn: key })).toBe(false);
    // A key ARN or nothing: an alias or a wildcard would not name the one key.
    expect(parameters(central).SecurityLakeKmsKeyArn?.Default).toBe('');
    expect(['', key].map((v) => pattern.test(v))).toEqual([true, true]);
    expect(
      [
        '*',
        'alias/aws/s3',
        'arn:aws:kms:eu-west-1:999988887777:alias/lake',
        'arn:aws:kms:eu-west-1:999988887777:key/*',
      ].some((v) => pattern.test(v)),
    ).toBe(false);
  });

  it('declares the central table with the keys the code reads and writes (centralTableDefinition)', () => {
    // Act
    const table = props(central, 'CentralTable');
    const definition = centralTableDefinition('any');

    // Assess
    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect(table.AttributeDefinitions).toEqual(definition.AttributeDefinitions);
    expect(table.BillingMode).toBe(definition.BillingMode);
  });

  it('gives each function the log group Lambda writes to (/aws/lambda/<name>), with retention', () => {
    // Prepare
    const logGroups = resourcesOfType(central, 'AWS::Logs::LogGroup').map(([, group]) => group.Properties);

    for (const [id, fn] of resourcesOfType(central, 'AWS::Lambda::Function')) {
      // Act
      const group = logGroups.find((g) => g?.LogGroupName === `/aws/lambda/${fn.Properties?.FunctionName}`);

      // Assess
      expect(group?.RetentionInDays, id).toBe(
        resourcesOfType(standalone, 'AWS::Logs::LogGroup')[0]?.[1].Properties?.RetentionInDays,
      );
    }
  });

  it('alarms on the central dead-letter queue', () => {
    // Act
    const alarm = props(central, 'CentralDeadLetterQueueDepthAlarm');

    // Assess
    expect(alarm.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': ['CentralDeadLetterQueue', 'QueueName'] } },
    ]);
    expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
  });

  it('defaults the member bus name to the findings bus the member template creates', () => {
    // Assess
    expect(parameters(central).MemberBusName?.Default).toBe(props(member, 'FindingsBus').Name);
  });

  it('reads each function from the artifacts bucket, under the name of its handler module', () => {
    for (const [id, fn] of resourcesOfType(central, 'AWS::Lambda::Function')) {
      // Act
      const module = String(fn.Properties?.Handler).replace(/^functions\/|\.handler$/g, '');

      // Assess
      expect(fn.Properties?.Code, id).toEqual({
        S3Bucket: { Ref: 'ArtifactsBucket' },
        S3Key: { 'Fn::Sub': `\${ArtifactsPrefix}${module}.zip` },
      });
    }
    // notify-slack is the member stacks' own function, packaged by osls.
    expect(existsSync(join(ORG_ARTIFACTS_DIR, 'notify-slack.zip'))).toBe(true);
  });

  it('bundles a handler module into a zip Lambda can run (how central-findings and central-action are packaged)', async () => {
    // Prepare: notify-slack stands in for the central handlers, which are bundled the same way.
    const scratch = mkdtempSync(join(tmpdir(), 'tg-org-bundle-'));
    const { bundleFunction } = (await import(
      pathToFileURL(join(ROOT, 'scripts', 'org-templates.mjs')).href
    )) as {
      bundleFunction: (root: string, name: string, outFile: string) => Promise<void>;
    };

    try {
      // Act
      await bundleFunction(ROOT, 'notify-slack', join(scratch, 'notify-slack.zip'));
      const entries = readZip(join(scratch, 'notify-slack.zip'));
      for (const [name, contents] of entries) {
        mkdirSync(dirname(join(scratch, 'unzipped', name)), { recursive: true });
        writeFileSync(join(scratch, 'unzipped', name), contents);
      }
      const module = (await import(
        pathToFileURL(join(scratch, 'unzipped', 'functions', 'notify-slack.mjs')).href
      )) as {
        handler?: unknown;
      };

      // Assess: the handler of "functions/notify-slack.handler", its chunks beside it and named after it.
      expect(typeof module.handler).toBe('function');
      expect([...entries.keys()].every((name) => name.startsWith('functions/notify-slack.'))).toBe(true);
      expect(entries.size).toBeGreaterThan(2);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it('creates the custom action "transit-guard: remediate" within Security Hub limits and routes it to central-action', () => {
    // Act
    const action = props(central, 'RemediateAction');
    const rule = props(central, 'RemediateActionRule');

    // Assess: Name fewer than 20 characters, Id up to 20 alphanumerics (CreateActionTarget).
    expect(String(action.Name).length).toBeLessThan(20);
    expect(String(action.Id)).toMatch(/^[A-Za-z0-9]{1,20}$/);
    expect(String(action.Description)).toContain('transit-guard: remediate');
    expect(rule.EventBusName).toBeUndefined();
    expect(rule.EventPattern).toMatchObject({
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Custom Action'],
      resources: [{ 'Fn::If': ['SecurityHubOn', { Ref: 'RemediateAction' }, expect.anything()] }],
    });
    expect(rule.Targets).toEqual([
      {
        Id: 'central-action',
        Arn: { 'Fn::GetAtt': ['CentralActionFunction', 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['CentralDeadLetterQueue', 'Arn'] } },
      },
    ]);
  });

  it('grants Security Hub imports on this account default product only, and remediation requests to member buses of the organization only', () => {
    // Act
    const findings = roleStatements(central, 'CentralFindingsRole');
    const action = roleStatements(central, 'CentralActionRole');

    // Assess
    expect(findings.find((s) => s.Sid === 'SecurityHubExport')).toEqual({
      Sid: 'SecurityHubExport',
      Effect: 'Allow',
      Action: 'securityhub:BatchImportFindings',
      Resource: {
        'Fn::Sub':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
          'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default',
      },
    });
    expect(findings.find((s) => s.Sid === 'SecurityHubResolve')).toEqual({
      Sid: 'SecurityHubResolve',
      Effect: 'Allow',
      Action: 'securityhub:BatchUpdateFindings',
      Resource: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
        'Fn::Sub': 'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hub/default',
      },
    });
    expect(findings.find((s) => s.Sid === 'SecurityLakeCustomSource')).toEqual({
      Sid: 'SecurityLakeCustomSource',
      Effect: 'Allow',
      Action: 's3:PutObject',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${SecurityLakeBucket}/${SecurityLakePrefix}*' },
    });
    // Exactly what docs/organization-findings.md lists (and the on-failure destination), nothing more.
    expect(
      findings
        .flatMap((s) => asList(s.Action))
        .filter((a) => !/^(logs|xray):/.test(a))
        .sort(),
    ).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'kms:GenerateDataKey',
      'organizations:ListParents',
      's3:PutObject',
      'securityhub:BatchImportFindings',
      'securityhub:BatchUpdateFindings',
      'sqs:SendMessage',
      'sqs:SendMessage',
    ]);
    expect(action.find((s) => s.Sid === 'PutRemediationRequests')).toEqual({
      Sid: 'PutRemediationRequests',
      Effect: 'Allow',
      Action: 'events:PutEvents',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:events:*:*:event-bus/${MemberBusName}' },
      Condition: { StringEquals: { 'aws:ResourceOrgID': { Ref: 'OrgId' } } },
    });
    expect(action.flatMap((s) => asList(s.Action)).filter((a) => !/^(logs|xray):/.test(a))).toEqual([
      'dynamodb:GetItem',
      'events:PutEvents',
      'sqs:SendMessage',
    ]);
  });

  it('grants no wildcard action, no iam:PassRole, and Resource "*" for X-Ray only', () => {
    // Act
    const statements = resourcesOfType(central, 'AWS::IAM::Role').flatMap(([id]) =>
      roleStatements(central, id),
    );
    const actions = statements.flatMap((s) => asList(s.Action));
    const starred = statements
      .filter((s) => asList(s.Resource).includes('*'))
      .flatMap((s) => asList(s.Action));

    // Assess
    expect(statements.length).toBeGreaterThan(10);
    expect(actions.filter((a) => a.includes('*') || a.toLowerCase() === 'iam:passrole')).toEqual([]);
    expect(starred.sort()).toEqual(
      resourcesOfType(central, 'AWS::IAM::Role')
        .flatMap(() => ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'])
        .sort(),
    );
  });
});

// ---------------------------------------------------------------- artifacts bucket

describe('artifacts bucket template', () => {
  it('lets principals of the organization read the function zips only, over TLS only', () => {
    // Act
    const statements = (
      props(artifacts, 'ArtifactsBucketPolicy').PolicyDocument as { Statement: Statement[] }
    ).Statement;

    // Assess
    expect(statements.find((s) => s.Effect === 'Allow')).toEqual({
      Sid: 'OrganizationReadsFunctionCode',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      Resource: { 'Fn::Sub': '${ArtifactsBucket.Arn}/${ArtifactsPrefix}*' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrgId' } } },
    });
    expect(statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
    expect(statements.find((s) => s.Sid === 'DenyInsecureTransport')?.Condition).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    expect(props(artifacts, 'ArtifactsBucket').PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});

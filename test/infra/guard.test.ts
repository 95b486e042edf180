import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePackaged, orgTemplateFile, PACKAGE_TIMEOUT_MS, ROOT, TEMPLATE_FILE } from './template.js';

/** The cfn-guard binary shipped by @cdklabs/cdk-validator-cfnguard, for this platform and CPU. */
function cfnGuardBinary(): string {
  const os = { linux: 'ubuntu', darwin: 'macos' }[process.platform as string];
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch as string];
  if (!os || !arch) throw new Error(`no cfn-guard binary for ${process.platform}/${process.arch}`);
  return join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', os, arch, 'cfn-guard');
}

const RULES_DIR = join(ROOT, 'infra', 'guard');

/** Runs the rules against a template; the status of each rule from the summary table. */
function validate(templateFile: string): {
  code: number | null;
  rules: Record<string, string>;
  output: string;
} {
  const run = spawnSync(
    cfnGuardBinary(),
    ['validate', '--rules', RULES_DIR, '--data', templateFile, '--show-summary', 'all'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (run.error) throw run.error;
  const rules: Record<string, string> = {};
  for (const match of run.stdout.matchAll(/^transit-guard\.guard\/(\w+)\s+(PASS|FAIL|SKIP)$/gm)) {
    rules[match[1] ?? ''] = match[2] ?? '';
  }
  return { code: run.status, rules, output: `${run.stdout}\n${run.stderr}` };
}

let scratch: string | undefined;

beforeAll(() => {
  ensurePackaged();
  scratch = mkdtempSync(join(tmpdir(), 'tg-guard-'));
}, PACKAGE_TIMEOUT_MS);

afterAll(() => {
  // Packaging may have failed before the folder was made: then the packaging error is what to report.
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function templateFile(resources: Record<string, unknown>): string {
  if (!scratch) throw new Error('the scratch folder is made in beforeAll');
  const file = join(scratch, `template-${Object.keys(resources).join('-')}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

function queuePolicy(statement: Record<string, unknown>): Record<string, unknown> {
  return {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: { Queues: ['q'], PolicyDocument: { Statement: [statement] } },
  };
}

describe('cfn-guard rules (infra/guard)', () => {
  it('pass on the packaged template, every rule evaluated', () => {
    // Act
    const result = validate(TEMPLATE_FILE);

    // Assess
    expect(result.code, result.output).toBe(0);
    expect(result.rules).toEqual({
      table_encrypted_at_rest: 'PASS',
      table_point_in_time_recovery: 'PASS',
      table_retained: 'PASS',
      queues_encrypted_at_rest: 'PASS',
      log_groups_have_retention: 'PASS',
      functions_have_log_groups: 'PASS',
      no_public_principals_in_resource_policies: 'PASS',
      lambda_permissions_not_public: 'PASS',
      // The single-account stack has no event bus policy.
      bus_policies_not_public: 'SKIP',
    });
  });

  it.each(['member', 'central'] as const)(
    'pass on the %s organization template, every rule evaluated',
    (name) => {
      // Act
      const result = validate(orgTemplateFile(name));

      // Assess
      expect(result.code, result.output).toBe(0);
      expect(result.rules).toEqual({
        table_encrypted_at_rest: 'PASS',
        table_point_in_time_recovery: 'PASS',
        table_retained: 'PASS',
        queues_encrypted_at_rest: 'PASS',
        log_groups_have_retention: 'PASS',
        functions_have_log_groups: 'PASS',
        no_public_principals_in_resource_policies: 'PASS',
        lambda_permissions_not_public: 'PASS',
        bus_policies_not_public: 'PASS',
      });
    },
  );

  it('pass on the artifacts bucket template (its bucket policy evaluated)', () => {
    // Act
    const result = validate(orgTemplateFile('artifacts'));

    // Assess
    expect(result.code, result.output).toBe(0);
    expect(result.rules.no_public_principals_in_resource_policies).toBe('PASS');
  });

  it.each([
    [
      'table_encrypted_at_rest',
      { Table: { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: false } } } },
    ],
    ['table_point_in_time_recovery', { Table: { Type: 'AWS::DynamoDB::Table', Properties: {} } }],
    [
      'table_retained',
      { Table: { Type: 'AWS::DynamoDB::Table', Properties: { DeletionProtectionEnabled: true } } },
    ],
    [
      'table_retained',
      {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { DeletionProtectionEnabled: false },
        },
      },
    ],
    [
      'queues_encrypted_at_rest',
      { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } },
    ],
    [
      'log_groups_have_retention',
      { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/x' } } },
    ],
    [
      'functions_have_log_groups',
      { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'x.handler' } } },
    ],
    [
      'no_public_principals_in_resource_policies',
      {
        Policy: {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: {
            Queues: ['q'],
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: 'q' },
              ],
            },
          },
        },
      },
    ],
    [
      'lambda_permissions_not_public',
      {
        Permission: {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunction',
            FunctionName: 'f',
            Principal: 'events.amazonaws.com',
          },
        },
      },
    ],
    [
      'bus_policies_not_public',
      {
        BusPolicy: {
          Type: 'AWS::Events::EventBusPolicy',
          Properties: {
            StatementId: 's',
            Statement: { Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: 'b' },
          },
        },
      },
    ],
    [
      'bus_policies_not_public',
      {
        BusPolicy: {
          Type: 'AWS::Events::EventBusPolicy',
          Properties: {
            StatementId: 's',
            Statement: {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'events:PutEvents',
              Resource: 'b',
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          },
        },
      },
    ],
    [
      'bus_policies_not_public',
      {
        BusPolicy: {
          Type: 'AWS::Events::EventBusPolicy',
          Properties: { StatementId: 's', Action: 'events:PutEvents', Principal: '*' },
        },
      },
    ],
  ])('fail %s on a template that breaks it', (rule, resources) => {
    // Act
    const result = validate(templateFile(resources));

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.rules[rule], result.output).toBe('FAIL');
  });

  it.each([
    ['no condition', undefined],
    ['a condition on something else (TLS)', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['aws:SourceAccount under an IfExists operator', { StringEqualsIfExists: { 'aws:SourceAccount': '1' } }],
    ['aws:SourceAccount under a negated operator', { StringNotEquals: { 'aws:SourceAccount': '1' } }],
    ['only a Null check on aws:SourceArn', { Null: { 'aws:SourceArn': 'false' } }],
  ])('fail an Allow with a "*" principal and %s', (name, condition) => {
    // Prepare
    const file = templateFile({
      [`OpenQueue${name.replace(/\W/g, '')}`]: queuePolicy({
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: 'q',
        ...(condition === undefined ? {} : { Condition: condition }),
      }),
    });

    // Act
    const result = validate(file);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.rules.no_public_principals_in_resource_policies, result.output).toBe('FAIL');
  });

  it.each([
    [
      'a Deny (TLS only)',
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: 'q',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
    [
      'an Allow narrowed to one rule by aws:SourceArn',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sqs:SendMessage',
        Resource: 'q',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/r' } },
      },
    ],
    [
      'an Allow narrowed to this account by aws:SourceAccount',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: 'q',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ],
    [
      'an Allow narrowed to the organization by aws:PrincipalOrgID',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: 'q',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ],
  ])('accept a "*" principal in %s', (name, policyStatement) => {
    // Prepare
    const file = templateFile({ [`Narrowed${name.replace(/\W/g, '')}`]: queuePolicy(policyStatement) });

    // Act
    const result = validate(file);

    // Assess
    expect(result.code, result.output).toBe(0);
    expect(result.rules.no_public_principals_in_resource_policies).toBe('PASS');
  });
});

describe('cfn-guard rule bus_policies_not_public', () => {
  it('accepts a "*" principal on an event bus narrowed to the organization by aws:PrincipalOrgID', () => {
    // Prepare
    const file = templateFile({
      OrgBusPolicy: {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: {
          StatementId: 's',
          Statement: {
            Effect: 'Allow',
            Principal: '*',
            Action: 'events:PutEvents',
            Resource: 'b',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          },
        },
      },
    });

    // Act
    const result = validate(file);

    // Assess
    expect(result.code, result.output).toBe(0);
    expect(result.rules.bus_policies_not_public).toBe('PASS');
  });
});

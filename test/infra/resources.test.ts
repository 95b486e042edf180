import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_RESOURCE_TYPES } from '../../shared/events/config.js';
import { SWEEP_ITEM_ATTEMPTS } from '../../shared/lambda/sweep-worker-function.js';
import { parsePolicy, validatePolicy } from '../../shared/policy/load.js';
import { TABLE_KEYS, tableDefinition } from '../../shared/state/table.js';
import {
  type CfnResource,
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
  SERVERLESS_DIR,
} from './template.js';
import { readZip } from './zip.js';

let template: CfnTemplate;

beforeAll(() => {
  ensurePackaged();
  template = loadTemplate();
}, PACKAGE_TIMEOUT_MS);

function resource(id: string): CfnResource {
  const found = template.Resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

function props(id: string): Record<string, unknown> {
  return resource(id).Properties ?? {};
}

function fn(name: FunctionName): Record<string, unknown> {
  return props(functionLogicalId(name));
}

const QUEUE_FUNCTIONS: Record<string, FunctionName> = {
  ActionsQueue: 'remediate',
  SlackOutbox: 'notify-slack',
  SweepWorkQueue: 'sweep-worker',
};
const DEAD_LETTER_QUEUES = [
  'EventsDeadLetterQueue',
  'ActionsDeadLetterQueue',
  'SlackDeadLetterQueue',
  'SweepDeadLetterQueue',
];
/** The execution roles of the functions that judge and may queue actions (infra/iam.yml). */
const INSPECTOR_ROLES = [
  'OnApiCallRole',
  'OnConfigChangeRole',
  'OnCertificateEventRole',
  'ConfigRuleRole',
  'SweepRole',
  'SweepWorkerRole',
];

interface QueueStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of every queue policy that applies to the queue. */
function queueStatements(queue: string): QueueStatement[] {
  return resourcesOfType(template, 'AWS::SQS::QueuePolicy')
    .filter(([, policy]) =>
      ((policy.Properties?.Queues ?? []) as unknown[]).map(referencedId).includes(queue),
    )
    .flatMap(
      ([, policy]) =>
        (policy.Properties?.PolicyDocument as { Statement: QueueStatement[] } | undefined)?.Statement ?? [],
    );
}

describe('state table', () => {
  it('has the keys and index of tableDefinition()', () => {
    // Prepare
    const expected = tableDefinition('ignored');

    // Act
    const table = props('StateTable');

    // Assess
    expect(resourcesOfType(template, 'AWS::DynamoDB::Table')).toHaveLength(1);
    expect(table.BillingMode).toBe(expected.BillingMode);
    expect(table.AttributeDefinitions).toEqual(expected.AttributeDefinitions);
    expect(table.KeySchema).toEqual(expected.KeySchema);
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
  });

  it('expires items on the TTL attribute, keeps point-in-time recovery and encrypts at rest', () => {
    // Act
    const table = props('StateTable');

    // Assess
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true });
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
  });
});

describe('queues', () => {
  it('let only the inspector roles of this stack send to the actions queue', () => {
    // Act
    const senders = queueStatements('ActionsQueue').filter(
      (s) => s.Effect === 'Deny' && s.Action === 'sqs:SendMessage',
    );

    // Assess
    expect(senders).toEqual([
      {
        Sid: 'OnlyInspectorsSendActions',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['ActionsQueue', 'Arn'] },
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': INSPECTOR_ROLES.map((role) => ({ 'Fn::GetAtt': [role, 'Arn'] })),
          },
        },
      },
    ]);
    for (const role of INSPECTOR_ROLES) expect(template.Resources[role]?.Type, role).toBe('AWS::IAM::Role');
    // No other statement lets anyone else in: the only Allow statements are EventBridge's, on its own queue.
    expect(queueStatements('ActionsQueue').filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it('are all encrypted at rest and refuse requests without TLS', () => {
    // Prepare
    const queues = resourcesOfType(template, 'AWS::SQS::Queue').map(([id]) => id);
    const tlsOnly = resourcesOfType(template, 'AWS::SQS::QueuePolicy').flatMap(([, policy]) => {
      const properties = policy.Properties ?? {};
      const statements = (properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      const denies = statements.some(
        (s) =>
          s.Effect === 'Deny' &&
          s.Principal === '*' &&
          JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      );
      return denies ? (properties.Queues as unknown[]).map(referencedId) : [];
    });

    // Act
    const unencrypted = queues.filter(
      (id) => props(id).SqsManagedSseEnabled !== true && !props(id).KmsMasterKeyId,
    );

    // Assess
    expect(queues.sort()).toEqual(
      ['ActionsQueue', 'SlackOutbox', 'SweepWorkQueue', ...DEAD_LETTER_QUEUES].sort(),
    );
    expect(unencrypted).toEqual([]);
    expect(tlsOnly.sort()).toEqual(queues.sort());
  });

  it('dead-letter what their consumer fails on, and stay hidden longer than the consumer runs', () => {
    for (const [queue, consumer] of Object.entries(QUEUE_FUNCTIONS)) {
      // Act
      const redrive = props(queue).RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };

      // Assess
      expect(DEAD_LETTER_QUEUES, queue).toContain(referencedId(redrive.deadLetterTargetArn));
      expect(redrive.maxReceiveCount, queue).toBeGreaterThan(1);
      expect(props(queue).VisibilityTimeout as number, queue).toBeGreaterThanOrEqual(
        6 * (fn(consumer).Timeout as number),
      );
    }
  });
});

describe('stateful resources', () => {
  it('keep the findings table and every dead-letter queue when the stack is deleted or replaces them', () => {
    for (const id of ['StateTable', ...DEAD_LETTER_QUEUES]) {
      // Act
      const { DeletionPolicy, UpdateReplacePolicy } = resource(id);

      // Assess
      expect({ DeletionPolicy, UpdateReplacePolicy }, id).toEqual({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('protect the findings table against deletion', () => {
    // Act & Assess
    expect(props('StateTable').DeletionProtectionEnabled).toBe(true);
  });
});

describe('concurrency', () => {
  it('reserves a small, fixed concurrency per function, so a bulk change cannot starve the account', () => {
    // Act
    const reserved = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [name, fn(name).ReservedConcurrentExecutions]),
    );

    // Assess
    expect(reserved).toEqual({
      'on-api-call': 10,
      'on-config-change': 5,
      'on-certificate-event': 5,
      'config-rule': 5,
      sweep: 1,
      'sweep-worker': 2,
      remediate: 2,
      'notify-slack': 2,
    });
  });

  it('never lets a queue consumer scale past its reserved concurrency', () => {
    for (const [queue, consumer] of Object.entries(QUEUE_FUNCTIONS)) {
      // Act
      const mapping = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').find(
        ([, m]) => referencedId(m.Properties?.EventSourceArn) === queue,
      )?.[1];
      const scaling = mapping?.Properties?.ScalingConfig as { MaximumConcurrency: number };

      // Assess
      expect(scaling.MaximumConcurrency, queue).toBeGreaterThanOrEqual(2);
      expect(scaling.MaximumConcurrency, queue).toBeLessThanOrEqual(
        fn(consumer).ReservedConcurrentExecutions as number,
      );
    }
  });
});

describe('emergency switch', () => {
  it('is an SSM parameter of the stack, enabled, that only enabled or disabled can be written to', () => {
    // Act
    const parameter = resource('RemediationSwitch');

    // Assess
    expect(parameter.Type).toBe('AWS::SSM::Parameter');
    expect(parameter.Properties).toMatchObject({
      Name: '/transit-guard/dev/remediation',
      Type: 'String',
      Value: 'enabled',
      AllowedPattern: '^(enabled|disabled)$',
    });
  });

  it('is named to the remediate function, and to no other', () => {
    for (const name of FUNCTION_NAMES) {
      // Act
      const variables = (fn(name).Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(variables.TG_REMEDIATION_SWITCH, name).toEqual(
        // The stack's own switch, or the organization-wide one when param remediationSwitchArn names it.
        name === 'remediate'
          ? { 'Fn::If': ['HasCentralRemediationSwitch', '', { Ref: 'RemediationSwitch' }] }
          : undefined,
      );
    }
  });
});

describe('failure destinations', () => {
  it('give every function a dead-letter or on-failure destination', () => {
    // Prepare
    const invokeConfigs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig');
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');

    // Act
    const destinations = Object.fromEntries(
      FUNCTION_NAMES.map((name) => {
        const config = invokeConfigs.find(
          ([, c]) => referencedId(c.Properties?.FunctionName) === functionLogicalId(name),
        )?.[1];
        const onFailure = (config?.Properties?.DestinationConfig as { OnFailure?: { Destination: unknown } })
          ?.OnFailure?.Destination;
        const mapping = mappings.find(
          ([, m]) => referencedId(m.Properties?.FunctionName) === functionLogicalId(name),
        );
        const queue = referencedId(mapping?.[1].Properties?.EventSourceArn);
        const redrive = queue ? (props(queue).RedrivePolicy as { deadLetterTargetArn: unknown }) : undefined;
        return [name, referencedId(onFailure) ?? referencedId(redrive?.deadLetterTargetArn) ?? 'none'];
      }),
    );

    // Assess
    expect(destinations).toEqual({
      'on-api-call': 'EventsDeadLetterQueue',
      'on-config-change': 'EventsDeadLetterQueue',
      'on-certificate-event': 'EventsDeadLetterQueue',
      'config-rule': 'EventsDeadLetterQueue',
      sweep: 'EventsDeadLetterQueue',
      'sweep-worker': 'SweepDeadLetterQueue',
      remediate: 'ActionsDeadLetterQueue',
      'notify-slack': 'SlackDeadLetterQueue',
    });
  });

  it('consume the queues with partial batch failures', () => {
    // Act
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(
      ([, m]) => m.Properties ?? {},
    );

    // Assess
    expect(mappings).toHaveLength(3);
    for (const mapping of mappings)
      expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });
});

describe('alarms', () => {
  function alarms() {
    return resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
  }

  it('fire on any message in a dead-letter queue', () => {
    // Act
    const watched = alarms()
      .filter((a) => a.Namespace === 'AWS/SQS' && a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .filter((a) => a.Threshold === 0 && a.ComparisonOperator === 'GreaterThanThreshold')
      .map((a) => referencedId((a.Dimensions as { Value: unknown }[])[0]?.Value));

    // Assess
    expect(watched.sort()).toEqual([...DEAD_LETTER_QUEUES].sort());
  });

  it("watch where every function's failures end after its retries, and nothing an operator would not act on", () => {
    // Prepare
    const invokeConfigs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig');
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    const watched = new Set(
      alarms()
        .filter((a) => a.Namespace === 'AWS/SQS' && a.Threshold === 0)
        .map((a) => referencedId((a.Dimensions as { Value: unknown }[])[0]?.Value)),
    );

    // Act
    const unwatched = FUNCTION_NAMES.filter((name) => {
      const onFailure = invokeConfigs.find(
        ([, c]) => referencedId(c.Properties?.FunctionName) === functionLogicalId(name),
      )?.[1].Properties?.DestinationConfig as { OnFailure?: { Destination: unknown } } | undefined;
      const queue = referencedId(
        mappings.find(([, m]) => referencedId(m.Properties?.FunctionName) === functionLogicalId(name))?.[1]
          .Properties?.EventSourceArn,
      );
      const redrive = queue ? (props(queue).RedrivePolicy as { deadLetterTargetArn: unknown }) : undefined;
      const end =
        referencedId(onFailure?.OnFailure?.Destination) ?? referencedId(redrive?.deadLetterTargetArn);
      return !end || !watched.has(end);
    });

    // Assess
    expect(unwatched).toEqual([]);
    // One alarm per dead-letter queue and none per function (bench/README.md, "Cost model": alarms).
    expect(alarms()).toHaveLength(DEAD_LETTER_QUEUES.length);
  });
});

describe('functions', () => {
  it('run one handler per trigger on nodejs22.x arm64, with their log groups kept for the retention param', () => {
    for (const name of FUNCTION_NAMES) {
      // Act
      const properties = fn(name);
      const logGroup = props(logGroupLogicalId(name));

      // Assess
      expect(properties.Handler, name).toBe(`functions/${name}.handler`);
      expect(properties.Runtime, name).toBe('nodejs22.x');
      expect(properties.Architectures, name).toEqual(['arm64']);
      expect(logGroup.RetentionInDays, name).toBe(90);
      expect(properties.FunctionName, name).toBe(`transit-guard-dev-${name}`);
      expect(logGroup.LogGroupName, name).toBe(`/aws/lambda/transit-guard-dev-${name}`);
    }
  });

  it('get the environment shared/lambda/config.ts reads, dry run on by default', () => {
    for (const name of FUNCTION_NAMES) {
      // Act
      const variables = (fn(name).Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(variables.TG_ACCOUNT_ID, name).toEqual({ Ref: 'AWS::AccountId' });
      expect(variables.TG_REGIONS, name).toBe('us-east-1');
      expect(variables.TG_DRY_RUN, name).toBe('true');
      expect(referencedId(variables.TG_FINDINGS_BUS), name).toBe('FindingsBus');
      expect(referencedId(variables.TG_TABLE_NAME), name).toBe('StateTable');
      expect(variables.TG_REMEDIATION_ROLE_ARN, name).toEqual({ 'Fn::GetAtt': ['RemediateRole', 'Arn'] });
      // Lambda names its execution role's session after the function: the loop guard's session.
      expect(variables.TG_REMEDIATION_SESSION_NAME, name).toBe(fn('remediate').FunctionName);
      expect(referencedId(variables.TG_ACTIONS_QUEUE_URL), name).toBe('ActionsQueue');
      expect(variables.TG_SLACK_OUTBOX_URL, name).toEqual({
        'Fn::If': ['HasSlackWebhook', { Ref: 'SlackOutbox' }, { Ref: 'AWS::NoValue' }],
      });
    }
    const slack = (fn('notify-slack').Environment as { Variables: Record<string, unknown> }).Variables;
    expect(slack.SLACK_WEBHOOK_SECRET_ARN).toBe('');
    expect(referencedId(slack.SLACK_DEAD_LETTER_QUEUE_URL)).toBe('SlackDeadLetterQueue');
  });
});

describe('AWS Config custom rule', () => {
  it('is invoked on item changes and oversized changes, daily only when configRulePeriodic is on', () => {
    // Act
    const rule = resource('TransitGuardConfigRule');
    const properties = rule.Properties as {
      Scope: { ComplianceResourceTypes: string[] };
      Source: { Owner: string; SourceIdentifier: unknown; SourceDetails: Record<string, string>[] };
    };

    // Assess
    expect(rule.Condition).toBe('CreateConfigRule');
    expect(properties.Scope.ComplianceResourceTypes).toEqual([...CONFIG_RESOURCE_TYPES]);
    expect(properties.Source.Owner).toBe('CUSTOM_LAMBDA');
    expect(referencedId(properties.Source.SourceIdentifier)).toBe(functionLogicalId('config-rule'));
    expect(properties.Source.SourceDetails).toEqual([
      { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
      { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
      {
        'Fn::If': [
          'ConfigRulePeriodic',
          {
            EventSource: 'aws.config',
            MessageType: 'ScheduledNotification',
            MaximumExecutionFrequency: 'TwentyFour_Hours',
          },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
    // Off by default: the sweep reads every resource already, and periodic evaluations are billed per resource.
    expect(template.Conditions?.ConfigRulePeriodic).toEqual({ 'Fn::Equals': ['false', 'true'] });
  });

  it('may invoke config-rule only from this account', () => {
    // Act
    const permission = resource('ConfigRuleInvokePermission');

    // Assess
    expect(resource('TransitGuardConfigRule').DependsOn).toEqual(['ConfigRuleInvokePermission']);
    expect(permission.Condition).toBe('CreateConfigRule');
    expect(permission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionLogicalId('config-rule'), 'Arn'] },
      Principal: 'config.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });
});

describe('template integrity', () => {
  const PSEUDO_PARAMETERS = new Set([
    'AWS::AccountId',
    'AWS::Partition',
    'AWS::Region',
    'AWS::NoValue',
    'AWS::StackName',
    'AWS::URLSuffix',
  ]);

  function references(value: unknown, found: string[] = []): string[] {
    if (Array.isArray(value)) for (const item of value) references(item, found);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const id = referencedId(record);
      if (id) found.push(id);
      if (typeof record['Fn::Sub'] === 'string') {
        for (const match of record['Fn::Sub'].matchAll(/\$\{([^}!.]+)[^}]*\}/g)) found.push(match[1] ?? '');
      }
      if (Array.isArray(record['Fn::If'])) found.push(`condition:${record['Fn::If'][0]}`);
      for (const child of Object.values(record)) references(child, found);
    }
    return found;
  }

  it('references only resources, conditions and pseudo parameters it declares', () => {
    // Act
    const dangling = references(template)
      .filter((id) => !PSEUDO_PARAMETERS.has(id))
      .filter((id) =>
        id.startsWith('condition:')
          ? !template.Conditions?.[id.slice('condition:'.length)]
          : !template.Resources[id],
      );
    const conditions = Object.values(template.Resources).flatMap((r) => (r.Condition ? [r.Condition] : []));

    // Assess
    expect(dangling).toEqual([]);
    expect(conditions.filter((c) => !template.Conditions?.[c])).toEqual([]);
  });

  it('has no circular dependency between resources', () => {
    // Prepare
    const dependencies = new Map(
      Object.entries(template.Resources).map(([id, r]) => [
        id,
        new Set(
          [
            ...references(r.Properties ?? {}),
            ...(Array.isArray(r.DependsOn) ? r.DependsOn : r.DependsOn ? [r.DependsOn] : []),
          ].filter((ref) => template.Resources[ref] !== undefined),
        ),
      ]),
    );

    // Act: repeatedly remove resources whose dependencies are all removed (Kahn's algorithm).
    const remaining = new Map(dependencies);
    let removed = true;
    while (removed) {
      removed = false;
      for (const [id, needs] of remaining) {
        if ([...needs].every((need) => !remaining.has(need))) {
          remaining.delete(id);
          removed = true;
        }
      }
    }

    // Assess
    expect([...remaining.keys()]).toEqual([]);
  });
});

describe('function packages', () => {
  it('carry the policy file at the zip root, next to the bundle, its own chunks and their source maps, and its validated JSON copy', () => {
    // Prepare
    const policy = readFileSync(join(ROOT, 'transit-guard.policy.yml'));
    const expected = parsePolicy(policy.toString('utf8'), 'transit-guard.policy.yml');

    for (const name of FUNCTION_NAMES) {
      // Act
      const entries = readZip(join(SERVERLESS_DIR, `${name}.zip`));

      // Assess
      // Split chunks are named after their function (infra/esbuild-plugins.cjs), e.g. remediate.chunk-<HASH>.mjs.
      const chunk = new RegExp(`^functions/${name}\\.[a-z-]+-[A-Z0-9]{8}\\.mjs(\\.map)?$`);
      const files = [...entries.keys()].filter((entry) => !chunk.test(entry));
      expect(files.sort(), name).toEqual(
        [
          `functions/${name}.mjs`,
          `functions/${name}.mjs.map`,
          'transit-guard.policy.json',
          'transit-guard.policy.yml',
        ].sort(),
      );
      expect(entries.get('transit-guard.policy.yml')?.equals(policy), name).toBe(true);
      // The same document as the YAML, which the same schema reads as the same policy.
      const json = JSON.parse(entries.get('transit-guard.policy.json')?.toString('utf8') ?? 'null');
      expect(json, name).toEqual(parse(policy.toString('utf8')));
      expect(validatePolicy(json, 'transit-guard.policy.json'), name).toEqual(expected);
    }
  });
});

describe('fanned-out sweep', () => {
  it('gives the planner and the worker the work queue, which redrives after SWEEP_ITEM_ATTEMPTS deliveries', () => {
    // Act
    const queue = props('SweepWorkQueue') as {
      VisibilityTimeout: number;
      RedrivePolicy: { deadLetterTargetArn: unknown; maxReceiveCount: number };
    };
    const mapping = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').find(
      ([, m]) => referencedId(m.Properties?.EventSourceArn) === 'SweepWorkQueue',
    )?.[1].Properties;

    // Assess
    for (const name of ['sweep', 'sweep-worker'] as const) {
      const variables = (fn(name).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(referencedId(variables.TG_SWEEP_QUEUE_URL), name).toBe('SweepWorkQueue');
      expect(variables.TG_CONFIG_AGGREGATOR, name).toEqual({
        'Fn::If': ['HasConfigAggregator', '', { Ref: 'AWS::NoValue' }],
      });
    }
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(SWEEP_ITEM_ATTEMPTS);
    expect(referencedId(queue.RedrivePolicy.deadLetterTargetArn)).toBe('SweepDeadLetterQueue');
    // One item per invocation, within Lambda's 15 minutes; SQS hides it for six times that (Lambda's advice).
    expect(mapping?.BatchSize).toBe(1);
    expect(fn('sweep-worker').Timeout).toBe(900);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * 900);
  });

  it('lets only the sweep and its worker queue work items', () => {
    // Act
    const denies = queueStatements('SweepWorkQueue').filter(
      (s) => s.Effect === 'Deny' && s.Action === 'sqs:SendMessage',
    );

    // Assess
    expect(denies).toEqual([
      expect.objectContaining({
        Principal: '*',
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': [
              { 'Fn::GetAtt': ['SweepRole', 'Arn'] },
              { 'Fn::GetAtt': ['SweepWorkerRole', 'Arn'] },
            ],
          },
        },
      }),
    ]);
  });
});

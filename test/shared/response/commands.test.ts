import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it, vi } from 'vitest';
import { ELB_COMMANDS } from '../../../shared/families/elb/commands.js';
import { ELBV2_COMMANDS } from '../../../shared/families/elbv2/commands.js';
import type { Evaluation, RemediationCall } from '../../../shared/model/evaluation.js';
import type { Resource } from '../../../shared/model/resource.js';
import { type CommandSender, sdkCall } from '../../../shared/response/calls.js';
import { commandOf } from '../../../shared/response/commands.js';
import { executePlan } from '../../../shared/response/executor.js';
import type { PlannedAction } from '../../../shared/response/types.js';

/**
 * A family that is not in the registry: one remediator with one write call of its own "fixture" service. The
 * registry is mocked to list it after the real families (hoisted: the catalogs read FAMILIES when loaded).
 */
const fixture = vi.hoisted(() => {
  class FixThingCommand {
    constructor(readonly input: Record<string, unknown>) {}
  }
  const call = { service: 'fixture', command: 'FixThing', input: { ThingId: 't-1' } };
  const fixThing = {
    service: 'fixture',
    iamAction: 'fixture:FixThing',
    load: async () => FixThingCommand,
    create: async (input: Record<string, unknown>) => new FixThingCommand(input),
  };
  const remediator = {
    id: 'fix-thing',
    iamActions: ['fixture:FixThing'],
    resourceTypes: [],
    appliesTo: () => true,
    safety: () => undefined,
    plan: () => ({ kind: 'calls' as const, calls: [call] }),
  };
  const family = {
    id: 'fixture',
    label: 'Fixture things',
    resourceTypes: [],
    rules: [],
    remediators: [remediator],
    commands: { FixThing: fixThing },
  };
  return { FixThingCommand, call, fixThing, family };
});

vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  return { ...original, FAMILIES: [...original.FAMILIES, fixture.family] };
});

const thing = {
  resourceType: 'AWS::Fixture::Thing',
  resourceId: 't-1',
  tags: {},
  source: 'test',
} as unknown as Resource;

const evaluation = (status: Evaluation['status']): Evaluation => ({
  ruleId: 'fixture-thing-fixed',
  status,
  severity: 'high',
  resourceType: thing.resourceType,
  resourceId: thing.resourceId,
  reason: status,
});

describe('commandOf', () => {
  it('finds a call by its service and operation, in its family’s table', () => {
    // Prepare
    const call: RemediationCall = { service: 'elbv2', command: 'ModifyListener', input: {} };

    // Assess
    expect(commandOf(call)).toEqual({ ...ELBV2_COMMANDS.ModifyListener, family: 'elbv2' });
    expect(commandOf({ service: 'elb', command: 'CreateLoadBalancerPolicy' })).toEqual({
      ...ELB_COMMANDS.CreateLoadBalancerPolicy,
      family: 'elb',
    });
    // Site-to-Site VPN calls EC2: the service is EC2's, the client the vpn family's.
    expect(commandOf({ service: 'ec2', command: 'ModifyVpnTunnelOptions' })?.family).toBe('vpn');
  });

  it('finds no command for an operation under another service, nor for one no table has', () => {
    expect(commandOf({ service: 'elb', command: 'ModifyListener' })).toBeUndefined();
    expect(commandOf({ service: 'elbv2', command: 'DeleteLoadBalancer' })).toBeUndefined();
  });

  it('finds the command of a family added to the registry', () => {
    expect(commandOf(fixture.call)).toEqual({
      ...fixture.family.commands.FixThing,
      family: fixture.family.id,
    });
  });
});

describe('writeCommand', () => {
  it('builds the SDK command of its table entry with the planned input', async () => {
    // Prepare
    const call = sdkCall(ELBV2_COMMANDS, 'ModifyListener', { ListenerArn: 'arn:l', SslPolicy: 'p' });

    // Act
    const command = await ELBV2_COMMANDS.ModifyListener.create(call.input);

    // Assess
    expect(call).toEqual({
      service: 'elbv2',
      command: 'ModifyListener',
      input: { ListenerArn: 'arn:l', SslPolicy: 'p' },
    });
    expect(command).toBeInstanceOf(ModifyListenerCommand);
    expect((command as ModifyListenerCommand).input).toEqual({ ListenerArn: 'arn:l', SslPolicy: 'p' });
  });
});

describe('executePlan with a family added to the registry', () => {
  it('sends its call through the client of the service its table names', async () => {
    // Prepare
    const sent: unknown[] = [];
    const client: CommandSender = {
      send: async (command) => {
        sent.push(command);
        return {};
      },
    };
    const clientFor = vi.fn(async (_service: string) => client);
    const verdicts = [evaluation('NON_COMPLIANT'), evaluation('COMPLIANT')];
    const action: PlannedAction = {
      ruleId: 'fixture-thing-fixed',
      ref: {
        resourceType: thing.resourceType,
        resourceId: 't-1',
        accountId: '111122223333',
        region: 'eu-west-1',
      },
      plan: { mode: 'remediate', status: 'planned', action: 'fix-thing', calls: [fixture.call] },
    };

    // Act
    const record = await executePlan(action, {
      clientFor,
      readResource: async () => thing,
      evaluate: () => verdicts.shift() ?? evaluation('COMPLIANT'),
      sleep: async () => undefined,
      now: () => new Date('2026-12-01T00:00:00Z'),
      settleTimeoutMs: 60_000,
      verifyAttempts: 1,
    });

    // Assess
    expect(record).toMatchObject({ status: 'remediated', action: 'fix-thing' });
    expect(clientFor).toHaveBeenCalledWith('fixture');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(fixture.FixThingCommand);
    expect(sent[0]).toMatchObject({ input: { ThingId: 't-1' } });
  });
});

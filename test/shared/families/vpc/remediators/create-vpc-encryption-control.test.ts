import { CreateVpcEncryptionControlCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Vpc } from '../../../../../shared/families/vpc/model.js';
import { vpcEncryptionControl as rule } from '../../../../../shared/families/vpc/rules/vpc-encryption-control.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();
const VPC_ID = 'vpc-0c3d4e5f60718293a';

const vpc = (overrides: Partial<Vpc> = {}): Vpc => ({
  resourceType: 'AWS::EC2::VPC',
  resourceId: VPC_ID,
  vpcId: VPC_ID,
  tags: {},
  source: 'test',
  accountId: '111122223333',
  region: 'eu-west-1',
  controlRead: true,
  ...overrides,
});
const monitorControl = {
  vpcEncryptionControlId: 'vpcec-0b1c2d3e4f5a6b7c8',
  mode: 'monitor',
  state: 'available',
  exclusions: {},
};

describe('create-vpc-encryption-control', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('creates the missing control with the VPC id only (no Mode: monitor) and verifies it by reading the VPC again', async () => {
    // Prepare
    const action = plannedAction(rule, vpc());
    mocks.ec2.on(CreateVpcEncryptionControlCommand).resolves({});
    const { readResource } = reads(vpc(), vpc({ encryptionControl: monitorControl }));

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(mocks.ec2).toReceiveCommandExactlyOnceWith(CreateVpcEncryptionControlCommand, { VpcId: VPC_ID });
    expect(mocks.ec2.commandCalls(CreateVpcEncryptionControlCommand)[0]?.args[0].input).not.toHaveProperty(
      'Mode',
    );
    expect(record.status).toBe('remediated');
  });

  it('verifies the new monitor-mode control by reading it back, even when the policy asks enforce (the VPC stays NON_COMPLIANT)', async () => {
    // Prepare
    const policy = { vpc: { encryptionMode: 'enforce' as const } };
    const action = plannedAction(rule, vpc(), policy);
    mocks.ec2.on(CreateVpcEncryptionControlCommand).resolves({});
    const { readResource } = reads(
      vpc(),
      vpc({ encryptionControl: { ...monitorControl, state: 'creating' } }),
    );

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy }));

    // Assess
    expect(record.status).toBe('remediated');
    expect(record.note).toContain('is in monitor mode (creating)');
  });

  it('fails verification when the VPC read back has no control, or a failed one', async () => {
    // Prepare
    const action = plannedAction(rule, vpc());
    mocks.ec2.on(CreateVpcEncryptionControlCommand).resolves({});
    const { readResource } = reads(
      vpc(),
      vpc({ encryptionControl: { ...monitorControl, state: 'monitor-failed' } }),
    );

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).not.toBe('remediated');
    expect(record.error).toContain('verification failed');
    expect(record.error).toContain('state monitor-failed');
  });

  it('is a dry run unless the policy turns dry run off', () => {
    // Act
    const plan = planOf(evaluateWith(rule, vpc(), { dryRun: true }));

    // Assess
    expect(plan).toMatchObject({
      status: 'dry-run',
      action: 'create-vpc-encryption-control',
      target: 'monitor',
    });
  });

  it('never switches a monitor-mode VPC to enforce, even when the policy asks enforce', () => {
    // Act
    const plan = planOf(
      evaluateWith(rule, vpc({ encryptionControl: monitorControl }), { vpc: { encryptionMode: 'enforce' } }),
    );

    // Assess
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain('switching it to enforce mode is left to a person');
  });
});

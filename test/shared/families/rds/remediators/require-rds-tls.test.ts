import { ModifyDBClusterParameterGroupCommand, ModifyDBParameterGroupCommand } from '@aws-sdk/client-rds';
import { afterEach, describe, expect, it } from 'vitest';
import type { RdsDbCluster } from '../../../../../shared/families/rds/model.js';
import { rdsTransportNotEnforced as rule } from '../../../../../shared/families/rds/rules/rds-transport-not-enforced.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { forceSsl, instance } from '../../../../helpers/rds-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();

const auroraCluster = (value: string): RdsDbCluster => ({
  resourceType: 'AWS::RDS::DBCluster',
  resourceId: 'arn:aws:rds:eu-west-1:111122223333:cluster:inventory',
  identifier: 'inventory',
  accountId: '111122223333',
  region: 'eu-west-1',
  tags: {},
  source: 'test',
  engine: 'aurora-mysql',
  engineVersion: '8.0.mysql_aurora.3.05.2',
  members: ['inventory-1'],
  parameterGroup: { kind: 'cluster', name: 'inventory-aurora-mysql8' },
  groupParameters: {
    parameters: {
      require_secure_transport: {
        name: 'require_secure_transport',
        value,
        applyType: 'dynamic',
        allowedValues: '0,1',
        isModifiable: true,
      },
    },
    complete: true,
    source: 'test',
  },
});

describe('require-rds-tls', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('sets rds.force_ssl=1 with ApplyMethod immediate on the custom group and verifies it by reading the database again', async () => {
    const action = plannedAction(rule, instance('orders-pg14', forceSsl('0')));
    mocks.rds.on(ModifyDBParameterGroupCommand).resolves({ DBParameterGroupName: 'orders-pg14' });
    const { readResource, count } = reads(
      instance('orders-pg14', forceSsl('0')),
      instance('orders-pg14', forceSsl('1')),
    );

    const record = await executePlan(action, executorDeps(rule, readResource));

    expect(mocks.rds).toReceiveCommandExactlyOnceWith(ModifyDBParameterGroupCommand, {
      DBParameterGroupName: 'orders-pg14',
      Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
    });
    expect(record.status).toBe('remediated');
    expect(count()).toBe(2);
  });

  it('fails when the read-back still shows the parameter at 0 (verification, not the call, decides)', async () => {
    const action = plannedAction(rule, instance('orders-pg14', forceSsl('0')));
    mocks.rds.on(ModifyDBParameterGroupCommand).resolves({ DBParameterGroupName: 'orders-pg14' });
    const { readResource } = reads(instance('orders-pg14', forceSsl('0')));

    const record = await executePlan(action, executorDeps(rule, readResource));

    expect(mocks.rds).toReceiveCommandTimes(ModifyDBParameterGroupCommand, 1);
    expect(record.status).toBe('failed');
  });

  it('modifies the cluster parameter group of an Aurora MySQL cluster (require_secure_transport)', async () => {
    const action = plannedAction(rule, auroraCluster('0'));
    mocks.rds.on(ModifyDBClusterParameterGroupCommand).resolves({});
    const { readResource } = reads(auroraCluster('0'), auroraCluster('1'));

    const record = await executePlan(action, executorDeps(rule, readResource));

    expect(mocks.rds).toReceiveCommandExactlyOnceWith(ModifyDBClusterParameterGroupCommand, {
      DBClusterParameterGroupName: 'inventory-aurora-mysql8',
      Parameters: [
        { ParameterName: 'require_secure_transport', ParameterValue: '1', ApplyMethod: 'immediate' },
      ],
    });
    expect(record.status).toBe('remediated');
  });

  it('refuses a default group: no call is planned', () => {
    const plan = planOf(evaluateWith(rule, instance('default.postgres14')));

    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain('default.postgres14 is a default parameter group');
  });

  it('refuses a static parameter (it would need a reboot) and one whose ApplyType was not read', () => {
    const staticPlan = planOf(
      evaluateWith(rule, instance('orders-pg14', forceSsl('0', { applyType: 'static' }))),
    );
    const unknownPlan = planOf(
      evaluateWith(rule, instance('orders-pg14', forceSsl('0', { applyType: undefined }))),
    );

    expect(staticPlan.calls).toBeUndefined();
    expect(staticPlan.note).toContain('rds.force_ssl is static on orders-pg14');
    expect(unknownPlan.calls).toBeUndefined();
    expect(unknownPlan.note).toContain('whether rds.force_ssl of orders-pg14 is dynamic is not known');
  });

  it('makes no call when the fresh read before acting shows the database moved to a default group', async () => {
    const action = plannedAction(rule, instance('orders-pg14', forceSsl('0')));
    const moved = instance('default.postgres14');
    moved.engineVersion = '14.9';
    const { readResource } = reads(moved);

    const record = await executePlan(action, executorDeps(rule, readResource));

    expect(mocks.rds).toReceiveCommandTimes(ModifyDBParameterGroupCommand, 0);
    expect(record.status).toBe('refused');
  });

  it('is a dry run unless the policy turns dry run off', () => {
    const plan = planOf(evaluateWith(rule, instance('orders-pg14', forceSsl('0')), { dryRun: true }));

    expect(plan).toMatchObject({ status: 'dry-run', action: 'require-rds-tls', target: 'rds.force_ssl=1' });
  });
});

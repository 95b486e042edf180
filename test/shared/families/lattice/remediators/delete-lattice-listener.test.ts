import { DeleteListenerCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteLatticeListener } from '../../../../../shared/families/lattice/remediators/delete-lattice-listener.js';
import { vpcLatticeListenerPlaintext as rule } from '../../../../../shared/families/lattice/rules/vpc-lattice-listener-plaintext.js';
import { executePlan, PlanNotExecutableError } from '../../../../../shared/response/executor.js';
import { latticeListener } from '../../../../helpers/lattice-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import { evaluateWith, executorDeps, plannedAction, planOf, reads } from '../../../response/support.js';

const lattice = mockClient(VPCLatticeClient);
const BLOCK = { rules: { 'vpc-lattice-listener-plaintext': { mode: 'block' as const } } };
const BLOCK_DRY_RUN = { ...BLOCK, dryRun: true };
const HTTP = latticeListener({ protocol: 'HTTP', port: 80, name: 'orders-http' });

/** The remediation clients by family id, as the wiring gives them: a real VPC Lattice client, which the mock intercepts. */
const latticeClient = new VPCLatticeClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const clientFor = async (familyId: string) => {
  if (familyId !== 'lattice') throw new Error(`no ${familyId} client`);
  return latticeClient;
};

describe('delete-lattice-listener', () => {
  afterEach(() => {
    lattice.reset();
  });

  it('sends one DeleteListener naming the service and the listener in block mode, and verifies it is gone', async () => {
    // Prepare
    const action = plannedAction(rule, HTTP, BLOCK);
    lattice.on(DeleteListenerCommand).resolves({});
    const { readResource, count } = reads(HTTP, undefined);

    // Act
    const record = await executePlan(action, {
      ...executorDeps(rule, readResource, { policy: BLOCK }),
      clientFor,
    });

    // Assess
    expect(lattice).toReceiveCommandExactlyOnceWith(DeleteListenerCommand, {
      serviceIdentifier: HTTP.serviceArn,
      listenerIdentifier: HTTP.listenerArn,
    });
    expect(lattice.calls()).toHaveLength(1);
    expect(record.status).toBe('blocked');
    expect(record.after).toBeUndefined();
    expect(count()).toBe(2);
  });

  it('plans the call in a dry run (the default) and makes none', async () => {
    // Prepare
    const action = plannedAction(rule, HTTP, BLOCK_DRY_RUN);
    const { readResource } = reads(HTTP);

    // Act
    const run = executePlan(action, {
      ...executorDeps(rule, readResource, { policy: BLOCK_DRY_RUN }),
      clientFor,
    });

    // Assess
    expect(action.plan).toMatchObject({ status: 'dry-run', action: 'delete-lattice-listener' });
    await expect(run).rejects.toThrow(PlanNotExecutableError);
    expect(lattice).not.toReceiveAnyCommand();
  });

  it('fails verification when the listener is still there after the call', async () => {
    // Prepare
    const action = plannedAction(rule, HTTP, BLOCK);
    lattice.on(DeleteListenerCommand).resolves({});
    const { readResource } = reads(HTTP);

    // Act
    const record = await executePlan(action, {
      ...executorDeps(rule, readResource, { policy: BLOCK }),
      clientFor,
    });

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe('verification failed: the listener still exists when read again');
  });

  it('makes no call for a listener that is HTTPS when read again', async () => {
    // Prepare
    const action = plannedAction(rule, HTTP, BLOCK);
    const { readResource } = reads({ ...HTTP, protocol: 'HTTPS' });

    // Act
    const record = await executePlan(action, {
      ...executorDeps(rule, readResource, { policy: BLOCK }),
      clientFor,
    });

    // Assess
    expect(lattice).not.toReceiveAnyCommand();
    expect(record.status).not.toBe('blocked');
  });

  it('refuses a listener whose service the input does not name, and only notifies in remediate mode', () => {
    // Prepare
    const orphan = { ...HTTP, serviceArn: undefined, serviceId: undefined };

    // Act
    const refused = deleteLatticeListener.plan({
      resource: orphan,
      evaluation: evaluateWith(rule, orphan, BLOCK),
      policy: ruleContext(BLOCK).policy,
    });
    const remediate = planOf(evaluateWith(rule, HTTP));

    // Assess
    expect(refused).toEqual({
      kind: 'refused',
      note: 'no DeleteListener: the input does not say which service the listener belongs to',
    });
    expect(remediate).toMatchObject({ mode: 'remediate', status: 'notify' });
  });

  it('does not block a listener that cannot be verified', () => {
    // Act
    const plan = planOf(evaluateWith(rule, { ...HTTP, protocol: undefined }, BLOCK));

    // Assess
    expect(plan.calls).toBeUndefined();
    expect(plan.status).not.toBe('planned');
  });
});

import { UpdateConnectionCommand, UpdateLagCommand } from '@aws-sdk/client-direct-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { setMustEncrypt } from '../../../../../shared/families/directconnect/remediators/set-must-encrypt.js';
import { dxConnectionMacsecFailOpen as rule } from '../../../../../shared/families/directconnect/rules/dx-connection-macsec-fail-open.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { CONNECTION_ID, dxConnection, dxLag, LAG_ID, macSecKey } from '../../../../helpers/dx-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();

describe('set-must-encrypt', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('sets must_encrypt on a connection whose key is associated and whose port encrypts', async () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });
    const action = plannedAction(rule, connection);
    mocks.directconnect.on(UpdateConnectionCommand).resolves({});
    const { readResource } = reads(connection, { ...connection, encryptionMode: 'must_encrypt' });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(mocks.directconnect).toReceiveCommandExactlyOnceWith(UpdateConnectionCommand, {
      connectionId: CONNECTION_ID,
      encryptionMode: 'must_encrypt',
    });
    expect(record.status).toBe('remediated');
  });

  it('sets must_encrypt on a LAG with UpdateLag', async () => {
    // Prepare
    const lag = dxLag({ encryptionMode: 'should_encrypt' });
    const action = plannedAction(rule, lag);
    mocks.directconnect.on(UpdateLagCommand).resolves({});
    const { readResource } = reads(lag, { ...lag, encryptionMode: 'must_encrypt' });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(mocks.directconnect).toReceiveCommandExactlyOnceWith(UpdateLagCommand, {
      lagId: LAG_ID,
      encryptionMode: 'must_encrypt',
    });
    expect(record.status).toBe('remediated');
  });

  it.each([
    ['no MACsec key is associated yet', { macSecKeys: [macSecKey({ state: 'associating' })] }],
    ['the port reports Encryption Down', { portEncryptionStatus: 'Encryption Down' }],
  ])('does not set must_encrypt when %s', (_label, overrides) => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt', ...overrides });

    // Act
    const plan = planOf(evaluateWith(rule, connection));

    // Assess
    expect(plan).toMatchObject({ mode: 'remediate', status: 'notify' });
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain('no change to must_encrypt');
  });

  it('plans the change with must_encrypt as its target', () => {
    // Act
    const plan = planOf(evaluateWith(rule, dxConnection({ encryptionMode: 'should_encrypt' })));

    // Assess
    expect(plan).toMatchObject({ status: 'planned', action: 'set-must-encrypt', target: 'must_encrypt' });
  });

  it('refuses when the evaluation carries no proof that MACsec is up', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });
    const { details: _details, ...evaluation } = evaluateWith(rule, connection);

    // Act
    const unsafe = setMustEncrypt.safety(connection, evaluation);

    // Assess
    expect(unsafe).toBe(
      'no change to must_encrypt: it needs a MACsec key in state associated and every port reporting "Encryption Up", or the link stops carrying traffic',
    );
  });
});

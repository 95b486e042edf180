import { describe, expect, it } from 'vitest';
import { dxConnectionMacsecFailOpen } from '../../../../shared/rules/dx/dx-connection-macsec-fail-open.js';
import { evaluateResource } from '../../../../shared/rules/engine.js';
import {
  dxConnection,
  dxLag,
  dxRuleContext,
  MEMBER_IDS,
  macSecKey,
  preMacSecConnection,
} from '../../../helpers/dx-fixtures.js';

describe('dx-connection-macsec-fail-open', () => {
  it('passes must_encrypt', () => {
    // Prepare
    const connection = dxConnection();

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('fails should_encrypt, which falls back to plaintext, and targets must_encrypt', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('traffic flows unencrypted');
    expect(outcome.remediationTarget).toBe('must_encrypt');
    expect(outcome.details).toMatchObject({ associatedKeys: 1, readyForMustEncrypt: true });
  });

  it('plans set-must-encrypt in dry run by default', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const [evaluation] = evaluateResource(connection, [dxConnectionMacsecFailOpen], dxRuleContext());

    // Assess
    expect(evaluation?.severity).toBe('medium');
    expect(evaluation?.response).toEqual({
      mode: 'remediate',
      status: 'dry-run',
      action: 'set-must-encrypt',
      target: 'must_encrypt',
      calls: [
        {
          service: 'directconnect',
          command: 'UpdateConnection',
          input: { connectionId: connection.connectionId, encryptionMode: 'must_encrypt' },
        },
      ],
      note: 'dry run: planned, not executed',
    });
  });

  it('warns that must_encrypt would drop traffic while no key is associated', () => {
    // Prepare
    const connection = dxConnection({
      encryptionMode: 'should_encrypt',
      macSecKeys: [macSecKey({ state: 'associating' })],
      portEncryptionStatus: 'Encryption Down',
    });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('drops traffic');
    expect(outcome.details).toMatchObject({ associatedKeys: 0, readyForMustEncrypt: false });
  });

  it('is not ready for must_encrypt while one LAG member has encryption down', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({
      encryptionMode: 'should_encrypt',
      memberPortEncryptionStatus: { [first]: 'Encryption Up', [second]: 'Encryption Down' },
    });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({ readyForMustEncrypt: false });
  });

  it('accepts should_encrypt when the policy requires only should_encrypt', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(
      connection,
      dxRuleContext({ directConnect: { requiredEncryptionMode: 'should_encrypt' } }),
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each([
    ['no_encrypt', dxConnection({ encryptionMode: 'no_encrypt' })],
    ['no encryption mode', dxConnection({ encryptionMode: undefined })],
    ['old output without MACsec fields', preMacSecConnection()],
  ])('leaves %s to dx-connection-macsec', (_, connection) => {
    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('dx-connection-macsec');
  });

  it('does not judge a hosted or deleted connection', () => {
    // Prepare
    const hosted = dxConnection({ hosted: true, encryptionMode: 'should_encrypt' });
    const deleted = dxConnection({ state: 'deleted', encryptionMode: 'should_encrypt' });

    // Act
    const outcomes = [hosted, deleted].map((connection) =>
      dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext()),
    );

    // Assess
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE']);
  });
});

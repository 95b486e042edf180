import { describe, expect, it } from 'vitest';
import { dxConnectionMacsecFailOpen } from '../../../../../shared/families/directconnect/rules/dx-connection-macsec-fail-open.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  CONNECTION_ID,
  dxConnection,
  dxLag,
  dxRuleContext,
  MEMBER_IDS,
  macSecKey,
  preMacSecConnection,
} from '../../../../helpers/dx-fixtures.js';

const UNKNOWN_MODES = [
  ['"x"', 'x'],
  ['in upper case', 'MUST_ENCRYPT'],
  ['with a trailing space', 'should_encrypt '],
  ['empty', ''],
] as const;

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

  it('plans set-must-encrypt in dry run once the policy opts the rule in to remediate', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const [evaluation] = evaluateAndPlan(
      connection,
      [dxConnectionMacsecFailOpen],
      dxRuleContext({ rules: { [dxConnectionMacsecFailOpen.metadata.id]: { mode: 'remediate' } } }),
    );

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

  it('says "not set" when the connection has no encryption mode', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: undefined });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) does not use MACsec (encryption mode not set); dx-connection-macsec judges it.`,
    );
  });

  it.each([
    ['must_encrypt', 'must_encrypt', ''],
    ['should_encrypt', 'should_encrypt', ''],
    ['must_encrypt', 'should_encrypt', ', which the policy accepts (required: should_encrypt)'],
  ] as const)(
    'passes %s when the policy requires %s, saying whether it goes beyond the policy',
    (encryptionMode, required, accepted) => {
      // Prepare
      const connection = dxConnection({ encryptionMode });

      // Act
      const outcome = dxConnectionMacsecFailOpen.evaluate(
        connection,
        dxRuleContext({ directConnect: { requiredEncryptionMode: required } }),
      );

      // Assess
      expect(outcome).toEqual({
        status: 'COMPLIANT',
        reason: `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) uses encryption mode ${encryptionMode}${accepted}.`,
        details: { encryptionMode, requiredEncryptionMode: required },
      });
    },
  );

  it('gives no caution when the link is ready for must_encrypt', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) uses encryption mode should_encrypt: if MACsec fails, traffic flows unencrypted. The policy requires must_encrypt.`,
    );
  });

  it('is not ready for must_encrypt while no LAG member status is in the input', () => {
    // Prepare
    const lag = dxLag({ encryptionMode: 'should_encrypt', memberPortEncryptionStatus: {} });

    // Act
    const outcome = dxConnectionMacsecFailOpen.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({ associatedKeys: 1, readyForMustEncrypt: false });
    expect(outcome.reason).toContain('Switch only once a MACsec key is associated');
  });
});

describe('dxConnectionMacsecFailOpen with an encryption mode it does not know', () => {
  it.each(UNKNOWN_MODES)(
    'cannot verify a connection whose encryption mode is %s',
    (_label, encryptionMode) => {
      // Prepare
      const connection = dxConnection({ encryptionMode });

      // Act
      const outcome = dxConnectionMacsecFailOpen.evaluate(connection, dxRuleContext());

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has the encryption mode ${JSON.stringify(encryptionMode)}, which is not a MACsec encryption mode (no_encrypt, should_encrypt, must_encrypt), so whether it fails open cannot be verified.`,
        details: { encryptionMode, unknownEncryptionMode: true },
        unverified: true,
      });
    },
  );
});

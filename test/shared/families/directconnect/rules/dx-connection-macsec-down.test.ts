import { describe, expect, it } from 'vitest';
import { dxConnectionMacsecDown } from '../../../../../shared/families/directconnect/rules/dx-connection-macsec-down.js';
import {
  CONNECTION_ID,
  dxConnection,
  dxLag,
  dxRuleContext,
  LAG_ID,
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

describe('dx-connection-macsec-down', () => {
  it('passes must_encrypt with an associated key and encryption up', () => {
    // Prepare
    const connection = dxConnection();

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('encryption is up');
  });

  it.each([
    ['not in the input', undefined, 'is not in the input'],
    ['in lower case', 'encryption up', 'is "encryption up"'],
    ['unknown', 'x', 'is "x"'],
  ])('cannot verify an associated key whose port status is %s', (_label, portEncryptionStatus, words) => {
    // Prepare
    const connection = dxConnection({ portEncryptionStatus });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has an associated MACsec key (must_encrypt), but the port encryption status ${words}, so whether MACsec is up cannot be verified.`,
    );
  });

  it('fails must_encrypt without any MACsec key, warning that traffic is dropped', () => {
    // Prepare
    const connection = dxConnection({ macSecKeys: [], portEncryptionStatus: undefined });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('no MACsec key is associated');
    expect(outcome.reason).toContain('must_encrypt drops traffic');
  });

  it('fails should_encrypt whose only key is disassociated: traffic flows unencrypted', () => {
    // Prepare
    const connection = dxConnection({
      encryptionMode: 'should_encrypt',
      macSecKeys: [macSecKey({ state: 'disassociated' })],
    });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('key state disassociated');
    expect(outcome.reason).toContain('should_encrypt lets traffic flow unencrypted');
  });

  it('fails a connection whose port reports Encryption Down despite an associated key', () => {
    // Prepare
    const connection = dxConnection({ portEncryptionStatus: 'Encryption Down' });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.severity).toBeUndefined();
    expect(outcome.reason).toContain('"Encryption Down"');
  });

  it('fails a LAG when any member reports Encryption Down, naming that member', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({
      memberPortEncryptionStatus: { [first]: 'Encryption Up', [second]: 'Encryption Down' },
    });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`member connection ${second} reports "Encryption Down"`);
    expect(outcome.reason).not.toContain(first);
    expect(outcome.details).toMatchObject({ encryptionDownPorts: [second] });
  });

  it('passes a LAG whose members are all up', () => {
    // Prepare
    const lag = dxLag();

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each([
    ['no_encrypt', dxConnection({ encryptionMode: 'no_encrypt', macSecKeys: [] })],
    ['no encryption mode', dxConnection({ encryptionMode: undefined, macSecKeys: [] })],
    ['old output without MACsec fields', preMacSecConnection()],
  ])('does not judge %s', (_, connection) => {
    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('does not judge a deleted LAG', () => {
    // Prepare
    const lag = dxLag({ state: 'deleted', macSecKeys: [] });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it.each([
    ['no_encrypt', 'no_encrypt'],
    ['no encryption mode', undefined],
  ])('says which encryption mode it leaves to dx-connection-macsec: %s', (_, encryptionMode) => {
    // Prepare
    const connection = dxConnection({ encryptionMode, macSecKeys: [] });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) does not use MACsec (encryption mode ${encryptionMode ?? 'not set'}); dx-connection-macsec judges it.`,
    );
  });

  it('reports each key by CKN and state in details, "unknown" when the state is missing', () => {
    // Prepare
    const withoutCkn = macSecKey({ state: 'disassociated' });
    delete withoutCkn.ckn;
    const withoutState = macSecKey();
    delete withoutState.state;
    const connection = dxConnection({ macSecKeys: [macSecKey(), withoutCkn, withoutState] });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.details).toEqual({
      encryptionMode: 'must_encrypt',
      macSecKeys: [
        { ckn: macSecKey().ckn, state: 'associated' },
        { state: 'disassociated' },
        { ckn: macSecKey().ckn, state: 'unknown' },
      ],
      portEncryptionStatus: { [CONNECTION_ID]: 'Encryption Up' },
      encryptionDownPorts: [],
    });
  });

  it('says only that no key is associated when the connection has no key at all', () => {
    // Prepare
    const connection = dxConnection({ macSecKeys: [] });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has MACsec on (must_encrypt) but no MACsec key is associated: must_encrypt drops traffic while MACsec is down.`,
    );
  });

  it('lists every distinct state of the keys that are not associated, "unknown" for a missing one', () => {
    // Prepare
    const withoutState = macSecKey();
    delete withoutState.state;
    const connection = dxConnection({
      macSecKeys: [
        macSecKey({ state: 'disassociated' }),
        withoutState,
        macSecKey({ state: 'disassociated' }),
      ],
    });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('no MACsec key is associated (key state disassociated, unknown):');
  });

  it('names both problems when no key is associated and the port reports Encryption Down', () => {
    // Prepare
    const connection = dxConnection({
      encryptionMode: 'should_encrypt',
      macSecKeys: [],
      portEncryptionStatus: 'Encryption Down',
    });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has MACsec on (should_encrypt) but no MACsec key is associated and the port reports "Encryption Down": should_encrypt lets traffic flow unencrypted while MACsec is down.`,
    );
  });

  it('names every LAG member with encryption down, in the plural', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({
      memberPortEncryptionStatus: { [first]: 'Encryption Down', [second]: 'Encryption Down' },
    });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect LAG ${LAG_ID} (EqDC2-lag) has MACsec on (must_encrypt) but member connections ${first}, ${second} report "Encryption Down": must_encrypt drops traffic while MACsec is down.`,
    );
  });

  it('cannot verify a LAG whose member statuses are not in the input', () => {
    // Prepare
    const lag = dxLag({ memberPortEncryptionStatus: {} });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      `Direct Connect LAG ${LAG_ID} (EqDC2-lag) has an associated MACsec key (must_encrypt), but the input shows no member connection's port encryption status, so whether MACsec is up cannot be verified.`,
    );
  });

  it('names every LAG member whose port status is not "Encryption Up"', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({ memberPortEncryptionStatus: { [first]: 'x', [second]: undefined } });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect LAG ${LAG_ID} (EqDC2-lag) has an associated MACsec key (must_encrypt), but the port encryption status of member connection ${first} is "x" and the port encryption status of member connection ${second} is not in the input, so whether MACsec is up cannot be verified.`,
    );
  });

  it('cannot verify a LAG one of whose members reports no status, naming it', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({ memberPortEncryptionStatus: { [first]: 'Encryption Up', [second]: undefined } });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: `Direct Connect LAG ${LAG_ID} (EqDC2-lag) has an associated MACsec key (must_encrypt), but the port encryption status of member connection ${second} is not in the input, so whether MACsec is up cannot be verified.`,
    });
  });
});

describe('dxConnectionMacsecDown with an encryption mode it does not know', () => {
  it.each(UNKNOWN_MODES)(
    'cannot verify a connection whose encryption mode is %s',
    (_label, encryptionMode) => {
      // Prepare
      const connection = dxConnection({ encryptionMode });

      // Act
      const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has the encryption mode ${JSON.stringify(encryptionMode)}, which is not a MACsec encryption mode (no_encrypt, should_encrypt, must_encrypt), so whether MACsec is up cannot be verified.`,
        details: { encryptionMode, unknownEncryptionMode: true },
        unverified: true,
      });
    },
  );
});

import { describe, expect, it } from 'vitest';
import { dxConnectionMacsecDown } from '../../../../shared/rules/dx/dx-connection-macsec-down.js';
import {
  dxConnection,
  dxLag,
  dxRuleContext,
  MEMBER_IDS,
  macSecKey,
  preMacSecConnection,
} from '../../../helpers/dx-fixtures.js';

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

  it('passes an associated key and says when the port status is not in the input', () => {
    // Prepare
    const connection = dxConnection({ portEncryptionStatus: undefined });

    // Act
    const outcome = dxConnectionMacsecDown.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('not in the input');
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
});

import { describe, expect, it } from 'vitest';
import {
  associatedKeys,
  encryptionDownPorts,
  encryptionMode,
  inapplicableDx,
  isEncryptionDown,
  isEncryptionUp,
  isMacSecCapable,
} from '../../../../../shared/families/directconnect/rules/macsec.js';
import {
  CONNECTION_ID,
  dxConnection,
  dxLag,
  MEMBER_IDS,
  macSecKey,
  preMacSecConnection,
} from '../../../../helpers/dx-fixtures.js';

describe('Direct Connect MACsec facts', () => {
  it('reads the encryption mode as Direct Connect writes it, never changing its case or spacing', () => {
    expect(encryptionMode(dxConnection({ encryptionMode: 'must_encrypt' }))).toBe('must_encrypt');
    expect(encryptionMode(dxConnection({ encryptionMode: ' Must_Encrypt ' }))).toBe(' Must_Encrypt ');
    expect(encryptionMode(dxConnection({ encryptionMode: undefined }))).toBeUndefined();
  });

  it('treats missing macSecCapable as not capable unless an encryption mode is set', () => {
    expect(isMacSecCapable(preMacSecConnection())).toBe(false);
    expect(isMacSecCapable(dxConnection({ macSecCapable: false }))).toBe(false);
    expect(isMacSecCapable(dxConnection({ macSecCapable: undefined }))).toBe(true);
  });

  it('counts only keys in state associated', () => {
    // Prepare
    const connection = dxConnection({
      macSecKeys: [
        macSecKey({ state: 'associating' }),
        macSecKey({ state: 'associated' }),
        macSecKey({ state: 'Associated' }),
        macSecKey({ state: ' associated' }),
        macSecKey({ state: undefined }),
      ],
    });

    // Act
    const keys = associatedKeys(connection);

    // Assess
    expect(keys).toHaveLength(1);
  });

  it('reads the port status exactly as Direct Connect writes it', () => {
    expect(isEncryptionDown('Encryption Down')).toBe(true);
    expect(isEncryptionDown('encryption  down')).toBe(false);
    expect(isEncryptionUp('Encryption Up')).toBe(true);
    expect(isEncryptionUp('encryption up')).toBe(false);
    expect(isEncryptionUp('Encryption Up ')).toBe(false);
    expect(isEncryptionDown('Encryption Up')).toBe(false);
    expect(isEncryptionDown(undefined)).toBe(false);
  });

  it('lists the ports with encryption down, for a connection and for LAG members', () => {
    // Prepare
    const [first, second] = MEMBER_IDS;
    const lag = dxLag({ memberPortEncryptionStatus: { [first]: 'Encryption Down', [second]: undefined } });

    // Act
    const connectionPorts = encryptionDownPorts(dxConnection({ portEncryptionStatus: 'Encryption Down' }));
    const lagPorts = encryptionDownPorts(lag);

    // Assess
    expect(connectionPorts).toEqual([CONNECTION_ID]);
    expect(lagPorts).toEqual([first]);
  });

  it('judges a connection whose state is not in the input', () => {
    // Prepare
    const connection = dxConnection();
    delete connection.state;

    // Act
    const outcome = inapplicableDx(connection);

    // Assess
    expect(outcome).toBeUndefined();
  });

  it.each(['deleted', 'deleting', 'rejected'])('says a %s connection is going away', (state) => {
    // Act
    const outcome = inapplicableDx(dxConnection({ state }));

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) is ${state}.`,
    });
  });

  it.each(['Deleted', 'REJECTED', 'deleted ', 'x'])(
    'judges a connection whose state %j is not a Direct Connect state, never reading it as going away',
    (state) => {
      expect(inapplicableDx(dxConnection({ state }))).toBeUndefined();
    },
  );
});

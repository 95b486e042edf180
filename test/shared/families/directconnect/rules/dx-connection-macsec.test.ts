import { describe, expect, it } from 'vitest';
import { dxConnectionMacsec } from '../../../../../shared/families/directconnect/rules/dx-connection-macsec.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  CONNECTION_ID,
  dxConnection,
  dxLag,
  dxRuleContext,
  LAG_ID,
  preMacSecConnection,
} from '../../../../helpers/dx-fixtures.js';

const UNKNOWN_MODES = [
  ['"x"', 'x'],
  ['in upper case', 'MUST_ENCRYPT'],
  ['with a trailing space', 'should_encrypt '],
  ['empty', ''],
] as const;

describe('dx-connection-macsec', () => {
  it('passes a dedicated connection with must_encrypt', () => {
    // Prepare
    const connection = dxConnection();

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('must_encrypt');
  });

  it('passes should_encrypt here: the fail-open rule judges it', () => {
    // Prepare
    const connection = dxConnection({ encryptionMode: 'should_encrypt' });

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('fails a connection that is not MACsec-capable with medium severity', () => {
    // Prepare: as DescribeConnections for a 1 Gbps port today
    const connection = dxConnection({
      bandwidth: '1Gbps',
      macSecCapable: false,
      encryptionMode: undefined,
      portEncryptionStatus: undefined,
      macSecKeys: [],
    });

    // Act
    const [evaluation] = evaluateAndPlan(connection, [dxConnectionMacsec], dxRuleContext());

    // Assess
    expect(evaluation?.status).toBe('NON_COMPLIANT');
    expect(evaluation?.severity).toBe('medium');
    expect(evaluation?.reason).toContain('not MACsec-capable');
    expect(evaluation?.reason).toContain('Site-to-Site VPN');
    expect(evaluation?.response).toEqual({ mode: 'notify', status: 'notify' });
  });

  it('fails old output without macSecCapable as not capable', () => {
    // Prepare
    const connection = preMacSecConnection();

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.severity).toBe('medium');
    expect(outcome.reason).toContain('no macSecCapable field');
    expect(outcome.details).toMatchObject({ macSecCapable: null, encryptionMode: null });
  });

  it('takes an encryption mode as proof of capability when macSecCapable is missing', () => {
    // Prepare
    const connection = dxConnection();
    delete connection.macSecCapable;

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each([
    ['no_encrypt', 'no_encrypt'],
    [undefined, 'not set'],
  ])('fails a capable connection with encryption mode %s with high severity', (mode, words) => {
    // Prepare
    const connection = dxConnection({
      encryptionMode: mode,
      macSecKeys: [],
      portEncryptionStatus: undefined,
    });

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.severity).toBe('high');
    expect(outcome.reason).toContain(`encryption mode is ${words}`);
  });

  it('judges a LAG on its own encryption mode', () => {
    // Prepare
    const lag = dxLag({ encryptionMode: 'no_encrypt' });

    // Act
    const outcome = dxConnectionMacsec.evaluate(lag, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`LAG ${LAG_ID}`);
  });

  it('judges a LAG member connection on its own too', () => {
    // Prepare
    const member = dxConnection({ lagId: LAG_ID, macSecCapable: false, encryptionMode: undefined });

    // Act
    const outcome = dxConnectionMacsec.evaluate(member, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`connection ${CONNECTION_ID}`);
  });

  it('does not judge a hosted connection', () => {
    // Prepare
    const hosted = dxConnection({ hosted: true, partnerName: 'Example Partner', macSecCapable: false });

    // Act
    const outcome = dxConnectionMacsec.evaluate(hosted, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('hosted');
  });

  it.each(['deleted', 'deleting', 'rejected'])('does not judge a %s connection', (state) => {
    // Prepare
    const connection = dxConnection({ state, macSecCapable: false });

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('judges a connection that is down or still requested', () => {
    // Prepare
    const requested = preMacSecConnection();
    requested.state = 'requested';

    // Act
    const outcome = dxConnectionMacsec.evaluate(requested, dxRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('says plainly that a port AWS reports as incapable is not MACsec-capable, with its bandwidth in details', () => {
    // Prepare
    const connection = dxConnection({ bandwidth: '1Gbps', macSecCapable: false, encryptionMode: undefined });

    // Act
    const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) carries traffic unencrypted at layer 2: it is not MACsec-capable. Encrypt above it (Site-to-Site VPN, TLS) or move to a MACsec-capable dedicated connection.`,
    );
    expect(outcome.details).toEqual({ macSecCapable: false, encryptionMode: null, bandwidth: '1Gbps' });
  });
});

describe('dxConnectionMacsec with an encryption mode it does not know', () => {
  it.each(UNKNOWN_MODES)(
    'cannot verify a connection whose encryption mode is %s',
    (_label, encryptionMode) => {
      // Prepare
      const connection = dxConnection({ encryptionMode });

      // Act
      const outcome = dxConnectionMacsec.evaluate(connection, dxRuleContext());

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Direct Connect connection ${CONNECTION_ID} (EqDC2-primary) has the encryption mode ${JSON.stringify(encryptionMode)}, which is not a MACsec encryption mode (no_encrypt, should_encrypt, must_encrypt), so whether it encrypts cannot be verified.`,
        details: { encryptionMode, unknownEncryptionMode: true },
        unverified: true,
      });
    },
  );
});

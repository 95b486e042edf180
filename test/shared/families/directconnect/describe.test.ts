import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { fixture, normalizeFixture, only } from '../../inventory/fixtures.js';

const CONNECTION = 'AWS::DirectConnect::Connection';
const LAG = 'AWS::DirectConnect::Lag';

describe('directconnect describe-connections', () => {
  it('reads a MACsec connection with its keys, owner and region', () => {
    // Prepare, Act
    const inventory = normalizeFixture('directconnect-describe-connections.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, CONNECTION, 'dxcon-fg1a2b3c')).toEqual({
      resourceType: CONNECTION,
      resourceId: 'dxcon-fg1a2b3c',
      connectionId: 'dxcon-fg1a2b3c',
      name: 'dublin-primary',
      accountId: '111122223333',
      region: 'eu-west-1',
      tags: { team: 'network' },
      source: 'directconnect-describe-connections.json (directconnect describe-connections)',
      location: 'EqDB2',
      bandwidth: '100Gbps',
      state: 'available',
      macSecCapable: true,
      encryptionMode: 'must_encrypt',
      portEncryptionStatus: 'Encryption Up',
      macSecKeys: [
        {
          secretArn:
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:directconnect!dublin-primary-ckn-2026-a1B2c3',
          ckn: 'd4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3',
          state: 'associated',
          startOn: '2026-02-02T11:00:00.000Z',
        },
      ],
    });
  });

  it('marks a connection that names a partner as hosted', () => {
    // Prepare, Act
    const connection = only(
      normalizeFixture('directconnect-describe-connections.json'),
      CONNECTION,
      'dxcon-fg7a8b9c',
    );

    // Assess
    expect(connection.hosted).toBe(true);
    expect(connection.partnerName).toBe('Example Exchange Ltd');
    expect(connection.macSecCapable).toBe(false);
  });

  it('leaves macSecCapable undefined in output that predates MACsec', () => {
    // Prepare
    const output = structuredClone(fixture('directconnect-describe-connections.json'));
    delete output.connections[1].macSecCapable;
    delete output.connections[1].encryptionMode;
    delete output.connections[1].macSecKeys;

    // Act
    const connection = only(normalizeDocument(output, 'dx.json'), CONNECTION, 'dxcon-fg3c4d5e');

    // Assess
    expect(connection.macSecCapable).toBeUndefined();
    expect(connection.encryptionMode).toBeUndefined();
    expect(connection.macSecKeys).toEqual([]);
    expect(connection.hosted).toBeUndefined();
  });

  it('reports a macSecCapable that is not a boolean by its path', () => {
    // Prepare
    const output = structuredClone(fixture('directconnect-describe-connections.json'));
    output.connections[2].macSecCapable = 'maybe';

    // Act
    const inventory = normalizeDocument(output, 'dx.json');

    // Assess
    expect(inventory.errors[0]?.message).toBe(
      'directconnect describe-connections: connections[2].macSecCapable: expected true or false, got "maybe"; the connection is left out',
    );
    expect(inventory.resources).toHaveLength(3);
  });
});

describe('directconnect describe-lags', () => {
  it('reads a LAG with its members and their port encryption status, without making the members resources', () => {
    // Prepare, Act
    const inventory = normalizeFixture('directconnect-describe-lags.json');

    // Assess
    expect(inventory.resources).toHaveLength(1);
    const lag = only(inventory, LAG, 'dxlag-fh1a2b3c');
    expect(lag).toMatchObject({
      lagId: 'dxlag-fh1a2b3c',
      name: 'core-lag-dub',
      state: 'available',
      bandwidth: '100Gbps',
      macSecCapable: true,
      encryptionMode: 'must_encrypt',
      connectionIds: ['dxcon-fh2b3c4d', 'dxcon-fh3c4d5e'],
      memberPortEncryptionStatus: { 'dxcon-fh2b3c4d': 'Encryption Up', 'dxcon-fh3c4d5e': undefined },
    });
    expect(lag.macSecKeys).toHaveLength(1);
  });
});

describe('directconnect create-connection / create-lag output', () => {
  it('reads a single connection object', () => {
    // Prepare, Act
    const inventory = normalizeFixture('directconnect-create-connection.json');

    // Assess
    expect(inventory.resources).toEqual([
      expect.objectContaining({
        resourceType: CONNECTION,
        resourceId: 'dxcon-ffab12cd',
        state: 'requested',
        bandwidth: '1Gbps',
        source: 'directconnect-create-connection.json (directconnect connection)',
      }),
    ]);
  });

  it('reads a single LAG object as a LAG, not as a list of connections', () => {
    // Prepare, Act
    const inventory = normalizeFixture('directconnect-create-lag.json');

    // Assess
    expect(inventory.resources).toHaveLength(1);
    expect(only(inventory, LAG, 'dxlag-ffjhj9lx')).toMatchObject({
      state: 'pending',
      name: 'edge-lag',
      encryptionMode: 'should_encrypt',
      connectionIds: ['dxcon-ffqr6x5q', 'dxcon-fflqyj95'],
    });
  });
});

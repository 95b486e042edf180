import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { linkInventory } from '../../../../shared/inventory/link.js';
import { fixture, linked, normalizeFixture, only } from '../../inventory/fixtures.js';

const LAG = 'AWS::DirectConnect::Lag';

describe('linkInventory: Direct Connect LAGs', () => {
  it('fills a member’s port encryption status from DescribeConnections', () => {
    // Prepare, Act
    const inventory = linked('directconnect-describe-lags.json', 'directconnect-describe-connections.json');

    // Assess
    expect(only(inventory, LAG, 'dxlag-fh1a2b3c').memberPortEncryptionStatus).toEqual({
      'dxcon-fh2b3c4d': 'Encryption Up',
      'dxcon-fh3c4d5e': 'Encryption Down',
    });
  });

  it('adds connections that name the LAG to its members', () => {
    // Prepare
    const lags = structuredClone(fixture('directconnect-describe-lags.json'));
    lags.lags[0].connections = [];

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeDocument(lags, 'lags.json'),
        normalizeFixture('directconnect-describe-connections.json'),
      ]),
    );

    // Assess
    const lag = only(inventory, LAG, 'dxlag-fh1a2b3c');
    expect(lag.connectionIds).toEqual(['dxcon-fh3c4d5e']);
    expect(lag.memberPortEncryptionStatus).toEqual({ 'dxcon-fh3c4d5e': 'Encryption Down' });
  });

  it('leaves member status unknown for a LAG with no members in the input', () => {
    // Prepare
    const lags = structuredClone(fixture('directconnect-describe-lags.json'));
    lags.lags[0].connections = [];

    // Act
    const inventory = linkInventory(normalizeDocument(lags, 'lags.json'));

    // Assess
    expect(only(inventory, LAG, 'dxlag-fh1a2b3c').memberPortEncryptionStatus).toBeUndefined();
  });
});

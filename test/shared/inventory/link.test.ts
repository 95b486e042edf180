import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import { linkInventory } from '../../../shared/inventory/link.js';
import { fixture, normalizeFixture } from './fixtures.js';

describe('linkInventory: ELBv2 security policies', () => {
  it('keeps one live policy per name, the later one', () => {
    // Prepare
    const later = structuredClone(fixture('elbv2-describe-ssl-policies.json'));
    later.SslPolicies[0].SslProtocols = ['TLSv1.3'];

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeFixture('elbv2-describe-ssl-policies.json'),
        normalizeDocument(later, 'later.json'),
      ]),
    );

    // Assess
    expect(inventory.tlsPolicies).toHaveLength(1);
    expect(inventory.tlsPolicies[0]?.protocols).toEqual(['TLSv1.3']);
  });
});

import { describe, expect, it } from 'vitest';
import { fixture, only, SHOP_HTTP } from '../shared/inventory/fixtures.js';
import { normalizeDocuments } from './inventory.js';

describe('normalizeDocuments (documents read together)', () => {
  it('normalizes API outputs read together and links them as one input', () => {
    // Prepare
    const documents = [
      { document: fixture('elbv2-describe-listeners.json'), source: 'api:DescribeListeners' },
      { document: fixture('elbv2-describe-load-balancers.json'), source: 'api:DescribeLoadBalancers' },
      { document: fixture('elbv2-describe-rules.json'), source: 'api:DescribeRules' },
    ];

    // Act
    const inventory = normalizeDocuments(documents);

    // Assess
    const listener = only(inventory, 'AWS::ElasticLoadBalancingV2::Listener', SHOP_HTTP);
    expect(listener.source).toBe('api:DescribeListeners (elbv2 describe-listeners)');
    expect(listener.rules).toHaveLength(2);
    expect(listener.siblingListeners).toHaveLength(1);
    expect(inventory.pending).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { InventoryBuilder, mergeInventories } from '../../../shared/inventory/builder.js';
import { FieldError, Fields } from '../../../shared/inventory/fields.js';
import { normalizeFixture } from './fixtures.js';

describe('InventoryBuilder', () => {
  it('reports a record with a bad field and goes on with the next', () => {
    // Prepare
    const out = new InventoryBuilder('listeners.json');
    const records = [new Fields({ Port: 'abc' }, 'Listeners[0]'), new Fields({ Port: 80 }, 'Listeners[1]')];
    const ports: number[] = [];

    // Act
    out.eachRecord('elbv2 describe-listeners', 'listener', records, (record) => {
      ports.push(record.number('Port') ?? 0);
    });

    // Assess
    expect(ports).toEqual([80]);
    expect(out.build().errors).toEqual([
      {
        source: 'listeners.json',
        message:
          'elbv2 describe-listeners: Listeners[0].Port: expected a number, got "abc"; the listener is left out',
      },
    ]);
  });

  it('lets an error that is not about a field propagate', () => {
    // Prepare
    const out = new InventoryBuilder('x.json');

    // Act, Assess
    expect(() =>
      out.guard('format', 'record', () => {
        throw new TypeError('bug');
      }),
    ).toThrow('bug');
    expect(() =>
      out.guard('format', 'record', () => {
        throw new FieldError('a', 'b');
      }),
    ).not.toThrow();
  });

  it('builds an inventory without skipped or pending when there is nothing to say', () => {
    // Prepare, Act, Assess
    expect(new InventoryBuilder('x.json').build()).toEqual({ resources: [], errors: [], tlsPolicies: [] });
  });
});

describe('mergeInventories', () => {
  it('concatenates resources, errors, policies, pending links and sums skipped counts', () => {
    // Prepare
    const parts = [
      normalizeFixture('config-snapshot.json'),
      normalizeFixture('config-items.json'),
      normalizeFixture('elbv2-describe-rules.json'),
      normalizeFixture('elbv2-describe-ssl-policies.json'),
    ];

    // Act
    const merged = mergeInventories(parts);

    // Assess
    expect(merged.resources).toHaveLength(5);
    expect(merged.errors).toHaveLength(1);
    expect(merged.tlsPolicies).toHaveLength(1);
    expect(merged.pending?.rules).toHaveLength(3);
    expect(merged.pending?.loadBalancers).toHaveLength(1);
    expect(merged.skipped).toEqual({
      outOfScope: { 'AWS::EC2::SecurityGroup': 1, 'AWS::EC2::Volume': 1 },
      notRecorded: 1,
    });
  });
});

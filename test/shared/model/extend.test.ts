import { describe, expect, it } from 'vitest';
import { extend } from '../../../shared/model/extend.js';

describe('extend', () => {
  it('makes what the spread makes, key order included, and leaves the base alone', () => {
    // Prepare
    const base = {
      findingId: 'r|x',
      state: 'open',
      version: 1,
      lastNotifiedAt: undefined as string | undefined,
    };
    const changes = { state: 'resolved', resolvedAt: '2026-12-01T00:00:00.000Z', version: 2 };

    // Act
    const copy = extend(base, changes);

    // Assess
    expect(copy).toEqual({ ...base, ...changes });
    expect(Object.keys(copy)).toEqual(Object.keys({ ...base, ...changes }));
    expect(copy).not.toBe(base);
    expect(base).toEqual({ findingId: 'r|x', state: 'open', version: 1, lastNotifiedAt: undefined });
  });
});

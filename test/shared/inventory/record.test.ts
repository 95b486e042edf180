import { describe, expect, it } from 'vitest';
import { Fields } from '../../../shared/inventory/fields.js';
import { displayName, readTags, requireString } from '../../../shared/inventory/record.js';

describe('readTags', () => {
  it.each([
    ['a Config tags map', { tags: { Name: 'shop', team: 'web' } }, 'tags'],
    [
      'API Tags [{Key, Value}]',
      {
        Tags: [
          { Key: 'Name', Value: 'shop' },
          { Key: 'team', Value: 'web' },
        ],
      },
      'Tags',
    ],
    [
      'Direct Connect tags [{key, value}]',
      {
        tags: [
          { key: 'Name', value: 'shop' },
          { key: 'team', value: 'web' },
        ],
      },
      'tags',
    ],
    [
      'a JSON-encoded list (supplementaryConfiguration)',
      { Tags: '[{"key":"Name","value":"shop"},{"key":"team","value":"web"}]' },
      'Tags',
    ],
  ])('reads %s', (_what, record, name) => {
    // Prepare
    const fields = new Fields(record, '');

    // Act
    const tags = readTags(fields, name);

    // Assess
    expect(tags).toEqual({ Name: 'shop', team: 'web' });
  });

  it('gives no tags for an absent field and an empty string for a tag without a value', () => {
    // Prepare
    const fields = new Fields({ Tags: [{ Key: 'backup' }] }, '');

    // Act, Assess
    expect(readTags(fields, 'Tags')).toEqual({ backup: '' });
    expect(readTags(fields, 'tags_absent')).toEqual({});
  });

  it('names the tag that has no key', () => {
    // Prepare
    const fields = new Fields({ Tags: [{ Key: 'a', Value: '1' }, { Value: '2' }] }, 'VpnConnections[0]');

    // Act, Assess
    expect(() => readTags(fields, 'Tags')).toThrow('VpnConnections[0].Tags[1]: a tag without a Key');
  });
});

describe('requireString', () => {
  it('reports a missing required field by its path', () => {
    // Prepare
    const fields = new Fields({ Port: 80 }, 'Listeners[1]');

    // Act, Assess
    expect(() => requireString(fields, 'ListenerArn')).toThrow('Listeners[1].ListenerArn: missing');
  });
});

describe('displayName', () => {
  it('prefers the Name tag to the resource name', () => {
    // Prepare, Act, Assess
    expect(displayName({ Name: ' hq-primary ' }, 'vpn-0a1b')).toBe('hq-primary');
    expect(displayName({ Name: '' }, 'core-lag')).toBe('core-lag');
  });
});

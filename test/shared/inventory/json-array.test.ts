import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/inventory/fields.js';
import { readArrayMember } from '../../../shared/inventory/json-array.js';

interface Read {
  readable: boolean;
  head?: JsonObject;
  elements: unknown[];
  indexes: number[];
  done?: JsonObject;
}

/** Reads `text` and keeps what the visitor is told. */
function read(text: string | Buffer, key = 'items'): Read {
  const result: Read = { readable: false, elements: [], indexes: [] };
  result.readable = readArrayMember(Buffer.isBuffer(text) ? text : Buffer.from(text), key, {
    head(skeleton) {
      result.head = skeleton;
      return true;
    },
    element(value, index) {
      result.elements.push(value);
      result.indexes.push(index);
      return true;
    },
    done(skeleton) {
      result.done = skeleton;
      return true;
    },
  });
  return result;
}

/** What JSON.parse makes of the document, in the shape read() reports it. */
function parsedWhole(text: string, key = 'items') {
  const document = JSON.parse(text) as JsonObject;
  return { elements: document[key], skeleton: { ...document, [key]: [] } };
}

/** Items as one program writes them: every one starts with the same key, and they nest alike. */
const ITEMS = Array.from({ length: 6 }, (_, index) => ({
  relatedEvents: [],
  relationships: [{ relatedEvents: 'x' }, { relatedEvents: 'y' }],
  configuration: { listeners: [{ relatedEvents: index }, { relatedEvents: [index] }] },
  note: `},{"relatedEvents":${index}} and "quotes" and \\ backslashes`,
  resourceId: `item-${index}`,
}));

describe('readArrayMember', () => {
  it('gives the members before the array, then its elements in order, then every member', () => {
    // Prepare
    const text = JSON.stringify({ fileVersion: '1.0', items: ITEMS, configSnapshotId: 'abc' });

    // Act
    const result = read(text);

    // Assess
    expect(result.readable).toBe(true);
    expect(result.head).toEqual({ fileVersion: '1.0', items: [] });
    expect(result.elements).toEqual(ITEMS);
    expect(result.indexes).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.done).toEqual({ fileVersion: '1.0', items: [], configSnapshotId: 'abc' });
    expect(Object.keys(result.done ?? {})).toEqual(['fileVersion', 'items', 'configSnapshotId']);
  });

  it.each([
    ['pretty-printed', (value: unknown) => JSON.stringify(value, null, 2)],
    [
      'with CRLF line ends and tabs',
      (value: unknown) => JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n'),
    ],
    ['with a byte order mark', (value: unknown) => `\ufeff${JSON.stringify(value)}`],
    ['with whitespace around everything', (value: unknown) => ` \n ${JSON.stringify(value, null, 1)} \n `],
  ])('reads a document %s as JSON.parse does', (_how, write) => {
    // Prepare
    const text = write({ items: ITEMS, after: { nested: [1, 2] } });

    // Act
    const result = read(text);

    // Assess
    const whole = parsedWhole(text.replace(/^\ufeff/, ''));
    expect(result.readable).toBe(true);
    expect(result.elements).toEqual(whole.elements);
    expect(result.done).toEqual(whole.skeleton);
  });

  it('reads elements of any kind, text in any script and escapes', () => {
    // Prepare
    const elements = [
      1,
      -2.5e3,
      'naïve ☃ \u0000 "x"',
      null,
      true,
      [],
      {},
      [{ a: 'b' }],
      { ключ: 'значение' },
    ];
    const text = JSON.stringify({ items: elements });

    // Act
    const result = read(text);

    // Assess
    expect(result.readable).toBe(true);
    expect(result.elements).toEqual(elements);
  });

  it('reads an empty array and a one-element array', () => {
    // Prepare, Act
    const empty = read('{"items":[]}');
    const one = read('{"items":[{"a":1}]}');

    // Assess
    expect(empty).toMatchObject({ readable: true, elements: [], done: { items: [] } });
    expect(one).toMatchObject({ readable: true, elements: [{ a: 1 }] });
  });

  it('keeps a member named __proto__ as JSON.parse does, an own member', () => {
    // Prepare
    const text = '{"__proto__":{"polluted":true},"items":[{"a":1}]}';

    // Act
    const result = read(text);

    // Assess
    expect(result.readable).toBe(true);
    expect(Object.hasOwn(result.done ?? {}, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    ['a list at the top', '[{"items":[]}]'],
    ['an object without the key', '{"other":[1,2]}'],
    ['the key with something other than a list', '{"items":{"a":1}}'],
    ['the key twice', '{"items":[1],"items":[2]}'],
    ['the key again, with something other than a list', '{"items":[1],"items":5}'],
    ['the key spelled with an escape, twice', '{"items":[1],"item\\u0073":[2]}'],
    ['an empty object', '{}'],
    ['an empty file', ''],
  ])('gives up on %s', (_what, text) => {
    // Prepare, Act
    const result = read(text);

    // Assess
    expect(result.readable).toBe(false);
  });

  it.each([
    ['an element cut short', '{"items":[{"a":1},{"b":'],
    ['a missing comma between elements', '{"items":[{"a":1} {"b":2}]}'],
    ['a trailing comma in the list', '{"items":[{"a":1},]}'],
    ['a trailing comma in the object', '{"items":[{"a":1}],}'],
    ['a bad element', '{"items":[{"a":1},{"b":tru}]}'],
    ['a bad member', '{"v":01,"items":[{"a":1}]}'],
    ['text after the document', '{"items":[{"a":1}]} x'],
    ['an unterminated string', '{"items":[{"a":"1}]}'],
    ['a key that is not a string', '{items:[{"a":1}]}'],
    ['a missing colon', '{"items" [{"a":1}]}'],
  ])('reads no invalid JSON: gives up on %s', (_what, text) => {
    // Prepare, Act
    const result = read(text);

    // Assess
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(result.readable).toBe(false);
  });

  it('reads elements alike joined, where the joint also appears inside elements and strings', () => {
    // Prepare
    const items = [...ITEMS, { relatedEvents: [{ relatedEvents: [] }, { relatedEvents: [] }] }, ...ITEMS];
    const text = JSON.stringify({ items });

    // Act
    const result = read(text);

    // Assess
    expect(result.readable).toBe(true);
    expect(result.elements).toEqual(items);
  });

  it('stops when the visitor gives up', () => {
    // Prepare
    const text = JSON.stringify({ items: ITEMS });
    const seen: number[] = [];

    // Act
    const readable = readArrayMember(Buffer.from(text), 'items', {
      head: () => true,
      element: (_value, index) => {
        seen.push(index);
        return index < 2;
      },
      done: () => true,
    });

    // Assess
    expect(readable).toBe(false);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('reads any document as JSON.parse does, and nothing JSON.parse rejects', () => {
    // Prepare
    const documents = fc
      .record({
        before: fc.jsonValue(),
        items: fc.array(fc.jsonValue(), { maxLength: 8 }),
        after: fc.jsonValue(),
      })
      .chain((document) =>
        fc.tuple(
          fc.constant(JSON.stringify(document, null, document.items.length % 3)),
          fc.nat(),
          fc.constantFrom('', ' ', ',', '}', ']', '"', '{', '\\', 'x'),
        ),
      );

    // Act, Assess
    fc.assert(
      fc.property(documents, ([text, position, insert]) => {
        // The document as written, and with one character put in somewhere (mostly breaking it).
        const at = position % (text.length + 1);
        for (const candidate of [text, `${text.slice(0, at)}${insert}${text.slice(at)}`]) {
          const result = read(candidate);
          let whole: ReturnType<typeof parsedWhole> | undefined;
          try {
            whole = parsedWhole(candidate);
          } catch {
            whole = undefined;
          }
          if (candidate === text) expect(result.readable).toBe(true);
          if (!result.readable) continue;
          expect(whole).toBeDefined();
          expect(result.elements).toEqual(whole?.elements);
          expect(result.done).toEqual(whole?.skeleton);
        }
      }),
      { numRuns: 300 },
    );
  });
});

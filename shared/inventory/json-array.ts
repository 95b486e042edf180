import { isAscii } from 'node:buffer';
import type { JsonObject } from './fields.js';

/**
 * Reads a JSON document of the form {"a": ..., "<key>": [e0, e1, ...], "b": ...} without parsing it
 * whole: the members other than `key` are parsed as usual, the elements of `key` one at a time, so that
 * an element can be used and dropped before the next is parsed (an AWS Config snapshot of 100,000 items
 * is 150 MB of JSON; parsed whole, it is held in memory twice, as text and as objects).
 *
 * Only valid JSON is read: every byte is checked, by JSON.parse (members, elements) or here (the
 * object's and the array's punctuation). Anything else (not such a document, not valid JSON, `key` twice)
 * makes the reader give up, and the caller parses the document whole as before, which reports the error.
 */

/** What to do with the document as it is read; `element` is called in order. */
export interface ArrayMemberVisitor {
  /**
   * The members before the array, with the array as [] (keys in document order); false gives up.
   * Members after the array are known only at the end: `done` sees them all.
   */
  head(skeleton: JsonObject): boolean;
  /** false gives up. */
  element(value: unknown, index: number): boolean;
  /** The whole document, the array as [] again; false gives up. */
  done(skeleton: JsonObject): boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Thrown inside this module when the bytes are not what it reads; never leaves it. */
class GiveUp extends Error {}

const giveUp = (): never => {
  throw new GiveUp();
};

function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(bytes: Uint8Array, from: number): number {
  let at = from;
  while (isWhitespace(bytes[at])) at++;
  return at;
}

/** The end (exclusive) of the string whose opening quote is at `start`. */
function stringEnd(bytes: Uint8Array, start: number): number {
  const length = bytes.length;
  let at = start + 1;
  while (at < length) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) return at + 1;
    at += byte === BACKSLASH ? 2 : 1;
  }
  return giveUp();
}

/**
 * The end (exclusive) of the JSON value that starts at `start`, found by its brackets and strings
 * alone; JSON.parse checks the rest.
 */
function valueEnd(bytes: Uint8Array, start: number): number {
  const length = bytes.length;
  const first = bytes[start];
  if (first === QUOTE) return stringEnd(bytes, start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number, true, false or null: up to the next punctuation or whitespace.
    let at = start;
    while (at < length) {
      const byte = bytes[at] as number;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isWhitespace(byte)) break;
      at++;
    }
    return at > start ? at : giveUp();
  }
  let depth = 0;
  let at = start;
  while (at < length) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) {
      // The string's content, skipped in a tight loop: most of a document's bytes are in strings.
      at++;
      for (;;) {
        if (at >= length) return giveUp();
        const inner = bytes[at] as number;
        if (inner === QUOTE) break;
        at += inner === BACKSLASH ? 2 : 1;
      }
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
  }
  return giveUp();
}

/** JSON.parse, giving up on text that is not JSON. */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return giveUp();
    throw error;
  }
}

function expect(bytes: Uint8Array, at: number, byte: number): number {
  return bytes[at] === byte ? at + 1 : giveUp();
}

/** A member's key and value as text, both still JSON. */
interface Member {
  key: string;
  value: string;
}

function skeletonOf(members: readonly Member[]): JsonObject {
  return parse(`{${members.map(({ key, value }) => `${key}:${value}`).join(',')}}`) as JsonObject;
}

/**
 * Elements are told apart by the bytes that join them: in a document written by one program, the end
 * of an element, the comma and the start of the next with its first key ("},{\"relatedEvents\"") are the
 * same every time, so the next element boundary is a search away instead of a scan of every byte. A
 * boundary found so can be wrong (the same bytes inside an element): the element then does not parse,
 * and is scanned byte by byte instead.
 */
class Joint {
  private misses = 0;
  private hits = 0;

  private constructor(
    private readonly bytes: Buffer,
    /** From the closing brace of one element to the end of the next one's first key. */
    private readonly pattern: Buffer,
    /** Where the next element starts in the pattern. */
    private readonly startOffset: number,
  ) {}

  /** The joint between elements 0 and 1, when both are objects and element 1 has a key. */
  static between(bytes: Buffer, end0: number, start1: number): Joint | undefined {
    if (bytes[end0 - 1] !== CLOSE_BRACE || bytes[start1] !== OPEN_BRACE) return undefined;
    const keyStart = skipWhitespace(bytes, start1 + 1);
    if (bytes[keyStart] !== QUOTE) return undefined;
    const keyEnd = stringEnd(bytes, keyStart);
    if (keyEnd - (end0 - 1) > 256) return undefined;
    return new Joint(bytes, bytes.subarray(end0 - 1, keyEnd), start1 - (end0 - 1));
  }

  /** A likely end (exclusive) of the element at `start`, or -1 when the search is not worth it. */
  candidateEnd(start: number): number {
    if (this.misses > this.hits + 16) return -1;
    // A window bounds the search: a pattern that stopped matching must not turn into scanning to the end.
    const window = this.bytes.subarray(start, Math.min(this.bytes.length, start + (1 << 20)));
    const found = window.indexOf(this.pattern);
    if (found < 0) this.misses++;
    return found < 0 ? -1 : start + found + 1;
  }

  nextStart(end: number): number {
    return end - 1 + this.startOffset;
  }

  miss(): void {
    this.misses++;
  }

  hit(): void {
    this.hits++;
  }
}

/**
 * Reads `bytes` (a whole file; a UTF-8 byte order mark is allowed) as described above. True when the
 * document was read to its end; false when it is not an object with an array under `key`, is not valid
 * JSON, or the visitor gave up: nothing it was told is then to be used.
 */
export function readArrayMember(bytes: Buffer, key: string, visitor: ArrayMemberVisitor): boolean {
  try {
    return read(bytes, key, visitor);
  } catch (error) {
    if (error instanceof GiveUp) return false;
    throw error;
  }
}

function read(bytes: Buffer, key: string, visitor: ArrayMemberVisitor): boolean {
  // Slices start and end at ASCII punctuation, so decoding them one by one gives what decoding the whole
  // file would; an ASCII file is decoded the faster way.
  const ascii = isAscii(bytes);
  const text = (start: number, end: number) => bytes.toString(ascii ? 'latin1' : 'utf8', start, end);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

  let at = expect(bytes, skipWhitespace(bytes, bom), OPEN_BRACE);
  const members: Member[] = [];
  let found = false;
  at = skipWhitespace(bytes, at);
  if (bytes[at] === CLOSE_BRACE) return false;
  for (;;) {
    const keyEnd = bytes[at] === QUOTE ? stringEnd(bytes, at) : giveUp();
    const name = text(at, keyEnd);
    at = skipWhitespace(bytes, expect(bytes, skipWhitespace(bytes, keyEnd), COLON));
    if (parse(name) === key) {
      // Twice, JSON.parse would keep the last; not a list, the document is something else.
      if (found || bytes[at] !== OPEN_BRACKET) return false;
      found = true;
      members.push({ key: name, value: '[]' });
      if (!visitor.head(skeletonOf(members))) return false;
      at = readElements(bytes, at, text, visitor);
    } else {
      const end = valueEnd(bytes, at);
      members.push({ key: name, value: text(at, end) });
      at = end;
    }
    at = skipWhitespace(bytes, at);
    if (bytes[at] === CLOSE_BRACE) break;
    at = skipWhitespace(bytes, expect(bytes, at, COMMA));
  }
  if (skipWhitespace(bytes, at + 1) !== bytes.length || !found) return false;
  return visitor.done(skeletonOf(members));
}

/** Reads the elements of the array whose bracket is at `open`; returns the end of the array. */
function readElements(
  bytes: Buffer,
  open: number,
  text: (start: number, end: number) => string,
  visitor: ArrayMemberVisitor,
): number {
  let at = skipWhitespace(bytes, open + 1);
  if (bytes[at] === CLOSE_BRACKET) return at + 1;
  let joint: Joint | undefined;
  for (let index = 0; ; index++) {
    const start = at;
    let end = joint ? joint.candidateEnd(start) : -1;
    let value: unknown;
    if (end >= 0 && joint) {
      try {
        value = JSON.parse(text(start, end));
        joint.hit();
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        joint.miss();
        end = -1;
      }
    }
    if (end < 0) {
      end = valueEnd(bytes, start);
      value = parse(text(start, end));
      at = skipWhitespace(bytes, end);
      if (bytes[at] === CLOSE_BRACKET) return visitor.element(value, index) ? at + 1 : giveUp();
      at = skipWhitespace(bytes, expect(bytes, at, COMMA));
      if (index === 0) joint = Joint.between(bytes, end, at);
    } else {
      at = (joint as Joint).nextStart(end);
    }
    if (!visitor.element(value, index)) giveUp();
  }
}

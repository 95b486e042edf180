/**
 * A small EventBridge event-pattern matcher for deployment tests: it answers "would this rule receive
 * this event?" for the packaged template's patterns, without AWS (TestEventPattern would need a call).
 *
 * Semantics follow the EventBridge user guide ("Event patterns", "Arrays in event patterns", "Content
 * filtering", "Comparison operators"):
 * - every key of the pattern must match (AND); a leaf is an array of candidates, any of which may match (OR);
 * - a nested object in the pattern matches the event's object at that key; `$or` holds sub-patterns of
 *   which at least one must match at that level;
 * - an array in the event matches when any of its elements matches (for objects in arrays: when one
 *   element matches the whole sub-pattern, a simplification of EventBridge's flattened matching);
 * - exact values compare strings case-sensitively, numbers numerically, and match null and booleans;
 * - operators: prefix, suffix, equals-ignore-case (also inside prefix/suffix), anything-but (a value, a
 *   list, or prefix/suffix/equals-ignore-case), numeric, exists. Exists works on leaf nodes only: an object
 *   at that key satisfies neither `exists: true` nor `exists: false`.
 * Operators it does not implement (wildcard, cidr, ...) throw, so a test cannot pass by accident.
 */

export type EventPattern = { [key: string]: unknown };

export class UnsupportedPatternError extends Error {
  override name = 'UnsupportedPatternError';
}

type Scalar = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The leaf values at a key: a scalar, or the scalars of an array; undefined when an object is there. */
function leafValues(value: unknown, present: boolean): Scalar[] | undefined {
  if (!present) return [];
  if (Array.isArray(value)) return value.every(isScalar) ? value : undefined;
  return isScalar(value) ? [value] : undefined;
}

/** Strings case-sensitively, numbers by value (3.018e2 equals 301.8), null and booleans as themselves. */
function scalarEquals(wanted: unknown, value: Scalar): boolean {
  return wanted === value;
}

function caseInsensitive(argument: unknown, operator: string): string {
  if (isPlainObject(argument) && typeof argument['equals-ignore-case'] === 'string') {
    return argument['equals-ignore-case'].toLowerCase();
  }
  throw new UnsupportedPatternError(`${operator}: expected a string or {"equals-ignore-case": string}`);
}

/** prefix / suffix, each with its optional equals-ignore-case form. */
function affix(argument: unknown, value: Scalar, operator: 'prefix' | 'suffix'): boolean {
  if (typeof value !== 'string') return false;
  const test = (text: string, part: string) =>
    operator === 'prefix' ? text.startsWith(part) : text.endsWith(part);
  if (typeof argument === 'string') return test(value, argument);
  return test(value.toLowerCase(), caseInsensitive(argument, operator));
}

function excludedBy(argument: unknown, value: Scalar): boolean {
  if (Array.isArray(argument)) return argument.some((wanted) => scalarEquals(wanted, value));
  if (isScalar(argument)) return scalarEquals(argument, value);
  if (isPlainObject(argument)) {
    const [operator, inner] = singleEntry(argument, 'anything-but');
    if (operator === 'prefix' || operator === 'suffix') return affix(inner, value, operator);
    if (operator === 'equals-ignore-case' && typeof value === 'string') {
      const options = Array.isArray(inner) ? inner : [inner];
      return options.some(
        (option) => typeof option === 'string' && option.toLowerCase() === value.toLowerCase(),
      );
    }
    if (operator === 'equals-ignore-case') return false;
    throw new UnsupportedPatternError(`anything-but: unsupported form "${operator}"`);
  }
  throw new UnsupportedPatternError('anything-but: unsupported argument');
}

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numeric(argument: unknown, value: Scalar): boolean {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    throw new UnsupportedPatternError('numeric: expected [operator, number, ...]');
  }
  if (typeof value !== 'number') return false;
  for (let index = 0; index < argument.length; index += 2) {
    const compare = NUMERIC[String(argument[index])];
    const bound = argument[index + 1];
    if (!compare || typeof bound !== 'number') {
      throw new UnsupportedPatternError(`numeric: invalid comparison ${String(argument[index])}`);
    }
    if (!compare(value, bound)) return false;
  }
  return true;
}

function singleEntry(operator: Record<string, unknown>, where: string): [string, unknown] {
  const entries = Object.entries(operator);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new UnsupportedPatternError(`${where}: an operator object holds exactly one operator`);
  }
  return entry;
}

function matchOperator(operator: Record<string, unknown>, values: Scalar[] | undefined): boolean {
  const [name, argument] = singleEntry(operator, 'pattern');
  if (name === 'exists') {
    if (typeof argument !== 'boolean') throw new UnsupportedPatternError('exists: expected true or false');
    // Leaf nodes only: an object (or an array of objects) at the key satisfies neither form.
    if (values === undefined) return false;
    return argument === values.length > 0;
  }
  if (values === undefined) return false;
  switch (name) {
    case 'prefix':
    case 'suffix':
      return values.some((value) => affix(argument, value, name));
    case 'equals-ignore-case': {
      if (typeof argument !== 'string')
        throw new UnsupportedPatternError('equals-ignore-case: expected a string');
      return values.some(
        (value) => typeof value === 'string' && value.toLowerCase() === argument.toLowerCase(),
      );
    }
    case 'anything-but':
      return values.some((value) => !excludedBy(argument, value));
    case 'numeric':
      return values.some((value) => numeric(argument, value));
    default:
      throw new UnsupportedPatternError(`operator "${name}" is not implemented by this matcher`);
  }
}

function matchLeaf(candidates: unknown[], value: unknown, present: boolean): boolean {
  if (candidates.length === 0) throw new UnsupportedPatternError('a pattern leaf needs at least one value');
  const values = leafValues(value, present);
  return candidates.some((candidate) =>
    isPlainObject(candidate)
      ? matchOperator(candidate, values)
      : values?.some((v) => scalarEquals(candidate, v)) === true,
  );
}

function matchObject(pattern: EventPattern, event: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(expected) || expected.length < 2 || !expected.every(isPlainObject)) {
        throw new UnsupportedPatternError('$or: expected an array of at least two patterns');
      }
      if (!expected.some((branch) => matchObject(branch, event))) return false;
      continue;
    }
    const present = isPlainObject(event) && Object.hasOwn(event, key);
    const value = present ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, value, present)) return false;
    } else if (isPlainObject(expected)) {
      const matched = Array.isArray(value)
        ? value.some((element) => matchObject(expected, element))
        : matchObject(expected, value);
      if (!matched) return false;
    } else {
      throw new UnsupportedPatternError(`"${key}": a pattern value is an array or an object`);
    }
  }
  return true;
}

/** True when EventBridge would deliver `event` to a rule with this pattern. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isPlainObject(pattern) || Object.keys(pattern).length === 0) {
    throw new UnsupportedPatternError('an event pattern is a non-empty object');
  }
  return matchObject(pattern, event);
}

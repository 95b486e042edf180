import { toIsoDate } from './dates.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The key of `object` that spells `name`, ignoring case (an exact match first): AWS Config writes
 * camelCase (`loadBalancerName`, even `dNSName`, `sslcertificateId`) where the APIs write PascalCase.
 * @internal Unit-tested directly: the key lookup (case, spelling) every input reader uses.
 */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  // The usual other spelling first: camelCase written (AWS Config) where PascalCase is asked.
  const camel = camelCased(name);
  if (Object.hasOwn(object, camel)) return camel;
  const wanted = lowerCased(name);
  for (const key in object) {
    // Comparing lengths first spares a lower-case copy of every key (this runs for each absent field).
    if (key.length === wanted.length && Object.hasOwn(object, key) && key.toLowerCase() === wanted) {
      return key;
    }
  }
  return undefined;
}

/**
 * The other spellings of the field names the readers ask for, made once: the names are a few hundred
 * constants of the code, asked for some ten times per input item (a bound keeps odd callers from growing it).
 */
const camelNames = new Map<string, string>();
const lowerNames = new Map<string, string>();

function camelCased(name: string): string {
  let camel = camelNames.get(name);
  if (camel === undefined) {
    camel = name.charAt(0).toLowerCase() + name.slice(1);
    if (camelNames.size < 1000) camelNames.set(name, camel);
  }
  return camel;
}

function lowerCased(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 1000) lowerNames.set(name, lower);
  }
  return lower;
}

/** @internal Unit-tested directly: the key lookup every Fields accessor relies on. */
export function getField(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** A field whose value has the wrong shape; `path` names it from the document root (Listeners[2].Port). */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** How a bad value is shown in an error: short, never a whole object, only its type when redacted. */
export function describeValue(value: unknown, redact = false): string {
  if (typeof value === 'string') {
    if (!redact && value.length <= 40) return JSON.stringify(value);
    return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
  }
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return String(value);
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Parses a value AWS Config may deliver JSON-encoded (configuration, supplementaryConfiguration values). */
export function decodeJsonString(value: unknown, path: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    // The text may hold secrets (customerGatewayConfiguration): say where, never what.
    throw new FieldError(path, 'a JSON-encoded string that is not valid JSON');
  }
}

/**
 * Reads one object of an input, with case-insensitive keys. Absent and null fields read as undefined;
 * a field of the wrong type throws a FieldError naming its path.
 */
export class Fields {
  /**
   * Where the object is: its path when it has no parent, else its key in the parent (`path` joins them only
   * when an error asks for it, not for every object read).
   */
  private readonly at: string;
  private readonly parent: Fields | undefined;
  /** Its position in the list `at` names; -1 when it is not a list entry. */
  private readonly index: number;

  constructor(
    readonly record: JsonObject,
    path: string,
    /** Errors name the type of a bad value, never the value (documents that hold secrets). */
    readonly redact = false,
    parent?: Fields,
    index = -1,
  ) {
    this.at = path;
    this.parent = parent;
    this.index = index;
  }

  static of(value: unknown, path: string, redact = false): Fields {
    if (isObject(value)) return new Fields(value, path, redact);
    throw new FieldError(path, `expected an object, got ${describeValue(value, redact)}`);
  }

  /** The path of the object from the document root (Listeners[2].DefaultActions[0]). */
  get path(): string {
    const base = this.parent === undefined ? this.at : joinPath(this.parent.path, this.at);
    return this.index < 0 ? base : `${base}[${this.index}]`;
  }

  redacted(): Fields {
    return new Fields(this.record, this.at, true, this.parent, this.index);
  }

  pathOf(name: string): string {
    return joinPath(this.path, findKey(this.record, name) ?? name);
  }

  /** The same object with `name` set when it is absent (an id the enclosing Config item knows). */
  withDefault(name: string, value: string | undefined): Fields {
    if (value === undefined || this.has(name)) return this;
    return new Fields({ ...this.record, [name]: value }, this.at, this.redact, this.parent, this.index);
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  raw(name: string): unknown {
    const key = findKey(this.record, name);
    const value = key === undefined ? undefined : this.record[key];
    return value === null ? undefined : value;
  }

  /** raw(), decoded when it is JSON text (AWS Config); a FieldError naming the field when that is not valid JSON. */
  decoded(name: string): unknown {
    const key = findKey(this.record, name);
    const value = key === undefined ? undefined : this.record[key];
    if (typeof value !== 'string') return value === null ? undefined : value;
    return decodeJsonString(value, joinPath(this.path, key as string));
  }

  /** The object (or list entry `index` of the list) under `key` of this one, as Fields. */
  private child(value: JsonObject, key: string, index = -1): Fields {
    return new Fields(value, key, this.redact, this, index);
  }

  private fail(name: string, expected: string, value: unknown): never {
    throw new FieldError(this.pathOf(name), `expected ${expected}, got ${describeValue(value, this.redact)}`);
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.fail(name, 'a string', value);
  }

  /** A string that names something (an ARN, an id): an empty one says nothing, so it reads as absent. */
  identifier(name: string): string | undefined {
    return this.string(name) || undefined;
  }

  number(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
    return this.fail(name, 'a number', value);
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    return this.fail(name, 'true or false', value);
  }

  /** An ISO 8601 string for any date AWS tooling writes; undefined (never an error) when unreadable. */
  date(name: string): string | undefined {
    return toIsoDate(this.raw(name));
  }

  object(name: string): Fields | undefined {
    const key = findKey(this.record, name);
    const value = key === undefined ? undefined : this.record[key];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.fail(name, 'an object', value);
    return this.child(value, key ?? name);
  }

  /** An object that may also arrive as a JSON-encoded string (AWS Config). */
  decodedObject(name: string): Fields | undefined {
    const key = findKey(this.record, name) ?? name;
    const raw = this.record[key];
    const value = typeof raw === 'string' ? decodeJsonString(raw, joinPath(this.path, key)) : raw;
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.fail(name, 'an object', value);
    return this.child(value, key);
  }

  list(name: string): unknown[] | undefined {
    return this.listAt(name, this.raw(name));
  }

  private listAt(name: string, value: unknown): unknown[] | undefined {
    if (value === undefined || Array.isArray(value)) return value;
    return this.fail(name, 'a list', value);
  }

  objects(name: string): Fields[] | undefined {
    const key = findKey(this.record, name);
    const value = key === undefined ? undefined : this.record[key];
    return this.listAt(name, value === null ? undefined : value)?.map((entry, index) => {
      if (isObject(entry)) return this.child(entry, key ?? name, index);
      throw new FieldError(
        `${joinPath(this.path, key ?? name)}[${index}]`,
        `expected an object, got ${describeValue(entry, this.redact)}`,
      );
    });
  }

  /** A list of strings; AWS also writes them as [{Value: "x"}] (VPN tunnel options). */
  strings(name: string): string[] | undefined {
    return this.listAt(name, this.raw(name))?.map((entry, index) => {
      const value = unwrapValue(entry);
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw new FieldError(
        `${this.pathOf(name)}[${index}]`,
        `expected a string, got ${describeValue(value, this.redact)}`,
      );
    });
  }

  /** A list of numbers, plain or as [{Value: 14}]. */
  numbers(name: string): number[] | undefined {
    return this.listAt(name, this.raw(name))?.map((entry, index) => {
      const value = unwrapValue(entry);
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number === 'number' && Number.isFinite(number)) return number;
      throw new FieldError(
        `${this.pathOf(name)}[${index}]`,
        `expected a number, got ${describeValue(value, this.redact)}`,
      );
    });
  }
}

function unwrapValue(entry: unknown): unknown {
  return isObject(entry) ? getField(entry, 'Value') : entry;
}

import { FAMILIES } from '../families/index.js';
import { InventoryBuilder } from './builder.js';
import { DOCUMENT, ITEM } from './config-constants.js';
import { itemIdentity, newestItems, readConfigItem, readOversizedSummary } from './config-item.js';
import type { DescribeFormat } from './family-inputs.js';
import { Fields, isObject, type JsonObject } from './fields.js';
import { readArrayMember } from './json-array.js';
import type { Inventory } from './types.js';
import { unwrap } from './unwrap.js';

/** The records under `key`, a list; an entry that is not an object is reported and skipped. */
function records(document: JsonObject, key: string, format: string, out: InventoryBuilder): Fields[] {
  const list = new Fields(document, '').list(key) ?? [];
  return list.flatMap((entry, index) => {
    if (isObject(entry)) return [new Fields(entry, key, false, undefined, index)];
    out.error(`${format}: ${key}[${index}]: expected an object; the entry is left out`);
    return [];
  });
}

/** The one record under a singular key (an output that describes one resource). */
function single(document: JsonObject, key: string): Fields[] {
  const record = new Fields(document, '').object(key);
  return record ? [record] : [];
}

/** The families' describe-API outputs, in registry order (a document with several keys is read in this order). */
const API_FORMATS: readonly DescribeFormat[] = FAMILIES.flatMap((family) => family.inputs.formats ?? []);

/** The records a format's key holds. */
function recordsOf(document: JsonObject, api: DescribeFormat, out: InventoryBuilder): Fields[] {
  if (api.holds === 'document') return [new Fields(document, '')];
  if (api.holds === 'one') return single(document, api.key);
  return records(document, api.key, api.format, out);
}

const OBJECT_SHAPES = FAMILIES.flatMap((family) => family.inputs.objects ?? []);
const LIST_SHAPES = FAMILIES.flatMap((family) => family.inputs.lists ?? []);

function looksLikeConfigItem(value: unknown): boolean {
  return (
    isObject(value) &&
    ITEM.resourceType in value &&
    (ITEM.configuration in value || ITEM.status in value || ITEM.captureTime in value)
  );
}

function readConfigItems(items: Fields[], format: string, out: InventoryBuilder): void {
  for (const item of newestItems(items)) readConfigItem(item, format, out.labelOf(format), out);
}

/** A document with a configurationItems list: a snapshot (delivered to S3) or GetResourceConfigHistory output. */
function configItemsFormat(document: JsonObject): string {
  return DOCUMENT.snapshot.some((key) => key in document)
    ? 'AWS Config snapshot'
    : 'AWS Config GetResourceConfigHistory';
}

/** AWS Config shapes; false when the document is none of them. */
function readConfig(document: unknown, out: InventoryBuilder): boolean {
  if (Array.isArray(document)) {
    if (!document.every(looksLikeConfigItem)) return false;
    const items = document.map((item, index) => Fields.of(item, `[${index}]`));
    readConfigItems(items, 'AWS Config configuration items', out);
    return true;
  }
  if (!isObject(document)) return false;
  if (Array.isArray(document[DOCUMENT.items])) {
    const format = configItemsFormat(document);
    readConfigItems(records(document, DOCUMENT.items, format, out), format, out);
    return true;
  }
  if (Array.isArray(document[DOCUMENT.baseItems])) {
    const format = 'AWS Config BatchGetResourceConfig';
    readConfigItems(records(document, DOCUMENT.baseItems, format, out), format, out);
    return true;
  }
  const summary = document[DOCUMENT.summary];
  if (isObject(summary)) {
    readOversizedSummary(
      new Fields(summary, DOCUMENT.summary),
      'AWS Config oversized change notification',
      out,
    );
    return true;
  }
  const item = document[DOCUMENT.item];
  if (isObject(item)) {
    readConfigItems([new Fields(item, DOCUMENT.item)], 'AWS Config change notification', out);
    return true;
  }
  if (looksLikeConfigItem(document)) {
    readConfigItems([new Fields(document, '')], 'AWS Config configuration item', out);
    return true;
  }
  return false;
}

const EXPECTED = [
  'an AWS Config snapshot, GetResourceConfigHistory output or configuration item(s) (configurationItems, configurationItem, resourceType + configuration)',
  `describe output with one of the top-level keys ${API_FORMATS.map((format) => format.key).join(', ')}`,
  ...OBJECT_SHAPES.map((shape) => shape.expected),
  ...LIST_SHAPES.map((shape) => shape.expected),
].join('; or ');

function describeFound(document: unknown): string {
  if (Array.isArray(document))
    return `a list of ${document.length} ${document.length === 1 ? 'entry' : 'entries'}`;
  if (!isObject(document)) return document === null ? 'null' : `a ${typeof document}`;
  const keys = Object.keys(document);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 10).join(', ');
  return `an object with the keys ${shown}${keys.length > 10 ? ', ...' : ''}`;
}

function readDocument(document: unknown, out: InventoryBuilder): void {
  if (readConfig(document, out)) return;
  if (Array.isArray(document) && LIST_SHAPES.some((shape) => shape.read(document, out))) return;
  if (isObject(document)) {
    if (OBJECT_SHAPES.some((shape) => shape.read(document, out))) return;
    const formats = API_FORMATS.filter((format) => format.key in document);
    for (const api of formats) {
      out.guard(api.format, 'output', () =>
        api.read(recordsOf(document, api, out), api.format, out.labelOf(api.format), out),
      );
    }
    if (formats.length > 0) return;
  }
  out.error(`not a recognized input: expected ${EXPECTED}; found ${describeFound(document)}`);
}

/**
 * Normalizes one parsed input document, detected by its content (never its name). Problems become
 * `errors` naming `source` (and the field path); whatever else the document holds is still read.
 * Links between documents are made later, by linkInventory.
 */
export function normalizeDocument(document: unknown, source: string): Inventory {
  const out = new InventoryBuilder(source);
  const unwrapped = unwrap(document);
  if ('error' in unwrapped) out.error(`not resource data: ${unwrapped.error}`);
  else out.guard('input', 'document', () => readDocument(unwrapped.document, out));
  return out.build();
}

/**
 * normalizeDocument for the bytes of a file that holds a configurationItems list at its top level (an AWS
 * Config snapshot, GetResourceConfigHistory output), with the items parsed and normalized one at a time:
 * the text and the parsed document are never in memory whole. The result is what normalizeDocument gives
 * for the parsed file. Undefined when the file is anything else, is not valid JSON, or lists a resource
 * twice (newestItems must then see every item first): the caller parses it whole instead.
 */
export function normalizeConfigItemsFile(bytes: Buffer, source: string): Inventory | undefined {
  const out = new InventoryBuilder(source);
  // As records() does, entries that are not objects are reported before anything the items say.
  const entryErrors: string[] = [];
  // The resources met so far, by type then id (no key string is built and hashed per item).
  const seen = new Map<string, Set<string>>();
  let format = '';
  let label = '';
  const readable = readArrayMember(bytes, DOCUMENT.items, {
    head(skeleton) {
      if (unwrapped(skeleton) !== skeleton) return false;
      format = configItemsFormat(skeleton);
      label = out.labelOf(format);
      return true;
    },
    element(value, index) {
      if (!isObject(value)) {
        entryErrors.push(`${format}: ${DOCUMENT.items}[${index}]: expected an object; the entry is left out`);
        return true;
      }
      const item = new Fields(value, DOCUMENT.items, false, undefined, index);
      const identity = itemIdentity(item);
      if (identity) {
        let ids = seen.get(identity.type);
        if (!ids) {
          ids = new Set();
          seen.set(identity.type, ids);
        }
        if (ids.has(identity.id)) return false;
        ids.add(identity.id);
      }
      readConfigItem(item, format, label, out);
      return true;
    },
    done: (skeleton) => unwrapped(skeleton) === skeleton && configItemsFormat(skeleton) === format,
  });
  if (!readable) return undefined;
  const inventory = out.build();
  if (entryErrors.length > 0) {
    inventory.errors = [...entryErrors.map((message) => ({ source, message })), ...inventory.errors];
  }
  return inventory;
}

/** The formats whose lists are read a record at a time, and the bytes of their keys as a file spells them. */
const STREAMED_FORMATS = API_FORMATS.filter((format) => format.streams === true).map((format) => ({
  format,
  quoted: Buffer.from(`"${format.key}"`),
}));

/**
 * A describe output of a format that `streams` (DescribeFormat.streams), read a record at a time without parsing
 * the file whole; undefined when the file is not one (another format's key beside it, a wrapper, not valid JSON),
 * and the caller then parses it whole as before, which reports what is wrong.
 */
export function normalizeStreamedFile(bytes: Buffer, source: string): Inventory | undefined {
  const candidate = STREAMED_FORMATS.find(({ quoted }) => bytes.includes(quoted));
  if (!candidate) return undefined;
  const api = candidate.format;
  const out = new InventoryBuilder(source);
  const label = out.labelOf(api.format);
  // Another format's key (read in family order beside this one) or a wrapper: parsed whole instead.
  const alone = (skeleton: JsonObject) =>
    unwrapped(skeleton) === skeleton &&
    !(DOCUMENT.items in skeleton) &&
    API_FORMATS.every((format) => format === api || !(format.key in skeleton));
  const readable = readArrayMember(bytes, api.key, {
    head: alone,
    element(value, index) {
      if (!isObject(value)) {
        out.error(`${api.format}: ${api.key}[${index}]: expected an object; the entry is left out`);
        return true;
      }
      const record = new Fields(value, api.key, false, undefined, index);
      out.guard(api.format, 'output', () => api.read([record], api.format, label, out));
      return true;
    },
    done: alone,
  });
  return readable ? out.build() : undefined;
}

/** The document unwrap() leaves; the same object when there is nothing to peel off. */
function unwrapped(document: JsonObject): unknown {
  const result = unwrap(document);
  return 'error' in result ? undefined : result.document;
}

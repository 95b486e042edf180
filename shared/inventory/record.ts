import { FieldError, Fields, isObject } from './fields.js';

/**
 * Tags in any of AWS's shapes: a Config `tags` map ({Name: "x"}), API `Tags: [{Key, Value}]`, Direct
 * Connect and Config `tags: [{key, value}]`, or one of those JSON-encoded (supplementaryConfiguration).
 */
export function readTags(fields: Fields, name: string): Record<string, string> {
  const value = fields.decoded(name);
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    const path = fields.pathOf(name);
    const tags: Record<string, string> = {};
    value.forEach((entry, index) => {
      const tag = Fields.of(entry, `${path}[${index}]`, fields.redact);
      const key = tag.string('Key');
      if (key === undefined) throw new FieldError(`${path}[${index}]`, 'a tag without a Key');
      tags[key] = tag.string('Value') ?? '';
    });
    return tags;
  }
  if (!isObject(value)) throw new FieldError(fields.pathOf(name), 'expected tags as a map or a list');
  const tags: Record<string, string> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    tags[key] = tagText(value[key], fields, name, key);
  }
  return tags;
}

/** A tag value as text: strings as they are, numbers and booleans written out, anything else a FieldError. */
function tagText(value: unknown, fields: Fields, name: string, key: string): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const got = Array.isArray(value) ? 'a list' : 'an object';
  throw new FieldError(
    fields.pathOf(name),
    `expected the value of tag ${JSON.stringify(key)} as text, got ${got}`,
  );
}

/** A required string field; its absence is a FieldError naming the path. */
export function requireString(fields: Fields, name: string): string {
  const value = fields.string(name);
  if (value === undefined || value === '') throw new FieldError(fields.pathOf(name), 'missing');
  return value;
}

/** The Name tag when there is one, else the resource's own name. */
export function displayName(tags: Record<string, string>, ownName: string | undefined): string | undefined {
  const tagged = tags.Name?.trim();
  return tagged ? tagged : ownName;
}

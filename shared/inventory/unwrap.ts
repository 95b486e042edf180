import { isObject, type JsonObject } from './fields.js';

/** What surrounds the data in files people actually have; peeled off before the format is detected. */
export type Unwrapped = { document: unknown } | { error: string };

/** Query-API XML converted to JSON lists repeat elements as {member: [...]} (or one {member: {...}}). */
function memberLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(memberLists);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'member') {
    const member = value.member;
    return (Array.isArray(member) ? member : member == null ? [] : [member]).map(memberLists);
  }
  return Object.fromEntries(keys.map((key) => [key, memberLists(value[key])]));
}

function queryResult(document: JsonObject): JsonObject | undefined {
  const keys = Object.keys(document);
  const response = keys.length === 1 && keys[0]?.endsWith('Response') ? document[keys[0]] : undefined;
  if (!isObject(response)) return undefined;
  const resultKey = Object.keys(response).find((key) => key.endsWith('Result'));
  const result = resultKey ? response[resultKey] : undefined;
  return isObject(result) ? result : undefined;
}

function unwrapOnce(document: JsonObject): Unwrapped | undefined {
  // Cloud Custodian / placebo recordings: {"status_code": 200, "data": {...}}
  if ('status_code' in document && 'data' in document) {
    const status = Number(document.status_code);
    if (status >= 400) {
      const code =
        isObject(document.data) && isObject(document.data.Error) ? document.data.Error.Code : undefined;
      return {
        error: `a recorded API error response (HTTP ${status}${code ? ` ${String(code)}` : ''})`,
      };
    }
    return { document: document.data };
  }
  // botocore examples-1.json entries: {"input": ..., "output": ..., "id": ...}
  if ('output' in document && ('input' in document || 'id' in document || 'title' in document)) {
    return document.output == null
      ? { error: 'an API example without output' }
      : { document: document.output };
  }
  // AWS Config custom rule invocation: the item is inside the JSON-encoded invokingEvent.
  if (typeof document.invokingEvent === 'string') {
    try {
      return { document: JSON.parse(document.invokingEvent) };
    } catch {
      return { error: 'invokingEvent is not valid JSON' };
    }
  }
  // EventBridge "Config Configuration Item Change" and similar envelopes.
  if ('detail-type' in document && isObject(document.detail)) return { document: document.detail };
  const result = queryResult(document);
  if (result) return { document: memberLists(result) };
  return undefined;
}

export function unwrap(document: unknown): Unwrapped {
  let current = document;
  for (let depth = 0; depth < 4 && isObject(current); depth += 1) {
    const next = unwrapOnce(current);
    if (!next) break;
    if ('error' in next) return next;
    current = next.document;
  }
  return { document: current };
}

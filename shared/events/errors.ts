import type { z } from 'zod';

/** A path into an event, e.g. ['detail', 'requestParameters', 'listeners', 0, 'listenerArn']. */
export type FieldPath = readonly PropertyKey[];

/** An event that is malformed: a caller can tell a bad event (do not retry) from an AWS fault. */
export class EventValidationError extends Error {
  /** The event's id (EventBridge `id`, or the id derived for a Config rule invocation) when known. */
  readonly eventId: string | undefined;

  constructor(message: string, options: { eventId?: string | undefined; cause?: unknown } = {}) {
    super(options.eventId === undefined ? message : `${message} (event ${options.eventId})`, {
      cause: options.cause,
    });
    this.name = 'EventValidationError';
    this.eventId = options.eventId;
  }
}

/** A well-formed event that no route handles (an EventBridge rule sent what it should not). */
export class UnsupportedEventError extends EventValidationError {
  constructor(message: string, options: { eventId?: string | undefined } = {}) {
    super(message, options);
    this.name = 'UnsupportedEventError';
  }
}

/**
 * "detail.requestParameters.listeners[0].listenerArn"
 * @internal Unit-tested directly: how a validation error names the field (also used by the policy loader).
 */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(event)' : text;
}

/**
 * How a value looks, in the words zod uses ("undefined", "null", "array", "number", ...).
 * @internal Unit-tested directly: how an error describes a bad value without quoting it.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Throws an EventValidationError naming the field: "detail.x.y: expected string, received undefined". */
export function fieldError(path: FieldPath, expected: string, value: unknown, eventId?: string): never {
  const received = typeof value === 'string' ? `"${value}"` : describeValue(value);
  throw new EventValidationError(`${formatPath(path)}: expected ${expected}, received ${received}`, {
    eventId,
  });
}

/**
 * Parses `value` with `schema`; on failure throws an EventValidationError whose message lists each
 * bad field with its full path (prefixed by `at`), never a raw ZodError.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  options: { at?: FieldPath; eventId?: string | undefined } = {},
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const at = options.at ?? [];
  const problems = result.error.issues.map(
    (issue) => `${formatPath([...at, ...issue.path])}: ${issue.message.replace(/^Invalid input: /, '')}`,
  );
  throw new EventValidationError(problems.join('; '), { eventId: options.eventId, cause: result.error });
}

/** The `id` of an object that looks like an EventBridge event, for error messages before validation. */
export function eventIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describeValue,
  EventValidationError,
  eventIdOf,
  fieldError,
  formatPath,
  parseOrThrow,
  UnsupportedEventError,
} from '../../../shared/events/errors.js';

describe('EventValidationError', () => {
  it('is an Error with its own name and the event id', () => {
    // Act
    const error = new EventValidationError('detail.eventName: expected string', { eventId: 'e-1' });

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EventValidationError');
    expect(error.eventId).toBe('e-1');
    expect(error.message).toBe('detail.eventName: expected string (event e-1)');
  });

  it('leaves the event id out of the message when it is unknown', () => {
    // Act
    const error = new EventValidationError('id: expected string');

    // Assess
    expect(error.eventId).toBeUndefined();
    expect(error.message).toBe('id: expected string');
  });
});

describe('UnsupportedEventError', () => {
  it('is an EventValidationError with its own name', () => {
    // Act
    const error = new UnsupportedEventError('source: no route', { eventId: 'e-2' });

    // Assess
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.name).toBe('UnsupportedEventError');
    expect(error.eventId).toBe('e-2');
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    // Act
    const path = formatPath(['detail', 'responseElements', 'listeners', 0, 'listenerArn']);

    // Assess
    expect(path).toBe('detail.responseElements.listeners[0].listenerArn');
  });

  it('names the whole event for an empty path', () => {
    // Act
    const path = formatPath([]);

    // Assess
    expect(path).toBe('(event)');
  });
});

describe('describeValue', () => {
  it.each([
    { value: null, described: 'null' },
    { value: ['x'], described: 'array' },
    { value: undefined, described: 'undefined' },
    { value: 443, described: 'number' },
    { value: {}, described: 'object' },
  ])('describes $value as $described', ({ value, described }) => {
    // Act
    const result = describeValue(value);

    // Assess
    expect(result).toBe(described);
  });
});

describe('fieldError', () => {
  it('quotes a string it received', () => {
    // Act
    const act = () => fieldError(['resources', 0], 'an ARN', 'x');

    // Assess
    expect(act).toThrow('resources[0]: expected an ARN, received "x"');
  });
});

describe('parseOrThrow', () => {
  const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });

  it('returns the parsed value', () => {
    // Act
    const value = parseOrThrow(schema, { a: 'x', b: { c: 1 } });

    // Assess
    expect(value).toStrictEqual({ a: 'x', b: { c: 1 } });
  });

  it('lists every bad field under the given path, as an EventValidationError', () => {
    // Act
    const act = () => parseOrThrow(schema, { b: {} }, { at: ['detail'], eventId: 'e-3' });

    // Assess
    expect(act).toThrow(EventValidationError);
    expect(act).toThrow(
      'detail.a: expected string, received undefined; detail.b.c: expected number, received undefined (event e-3)',
    );
  });

  it('keeps the ZodError as the cause, not as the thrown error', () => {
    // Act
    const act = () => parseOrThrow(schema, null);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({ name: 'EventValidationError', cause: expect.any(z.ZodError) }),
    );
  });
});

describe('eventIdOf', () => {
  it.each([
    { value: { id: 'e-4' }, id: 'e-4' },
    { value: { id: '' }, id: undefined },
    { value: { id: 4 }, id: undefined },
    { value: null, id: undefined },
    { value: 'e-4', id: undefined },
  ])('reads $id from $value', ({ value, id }) => {
    // Act
    const result = eventIdOf(value);

    // Assess
    expect(result).toBe(id);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSqsBody, parseSqsEvent } from '../../../shared/events/sqs.js';

const schema = z.object({ id: z.string().min(1), count: z.number() });

describe('parseSqsEvent', () => {
  it('keeps every record as Lambda sent it, relying only on the message id and body', () => {
    // Prepare
    const record = {
      messageId: 'm-1',
      body: '{}',
      eventSource: 'aws:sqs',
      attributes: { SentTimestamp: '1' },
    };

    // Act
    const event = parseSqsEvent({ Records: [record] });

    // Assess
    expect(event.Records).toEqual([record]);
  });

  it.each([
    ['no records', { Records: [] }],
    ['a record without a message id', { Records: [{ messageId: '', body: '{}' }] }],
    ['a record without a body', { Records: [{ messageId: 'm-1' }] }],
  ])('refuses an event with %s before any record is handled', (_case, event) => {
    expect(() => parseSqsEvent(event)).toThrow();
  });
});

describe('parseSqsBody', () => {
  it('parses a JSON body through the schema', () => {
    expect(parseSqsBody({ body: '{"id":"a","count":2,"extra":true}' }, schema)).toEqual({
      success: true,
      data: { id: 'a', count: 2 },
    });
  });

  it('says a body that is not JSON is not JSON', () => {
    expect(parseSqsBody({ body: '{ not json' }, schema)).toEqual({
      success: false,
      problem: 'body is not JSON',
    });
  });

  it('names the field of a JSON body the schema refuses', () => {
    expect(parseSqsBody({ body: '{"id":"a","count":"2"}' }, schema)).toEqual({
      success: false,
      problem: 'count: Invalid input: expected number, received string',
    });
  });
});

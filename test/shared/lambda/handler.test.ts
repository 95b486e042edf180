import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, createObservability, InvalidEventError } from '../../../shared/lambda/handler.js';

const context = {
  functionName: 'transit-guard-dev-on-api-call',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:transit-guard-dev-on-api-call',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

class ShapeValidationError extends Error {
  override name = 'ShapeValidationError';
}

let output: string[];

beforeEach(() => {
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function build(handle = vi.fn(async (event: { id: string }) => ({ handled: event.id }))) {
  const handler = createHandler({
    name: 'on-api-call',
    observability: createObservability('on-api-call'),
    parse: (event: unknown) => {
      const e = event as { id?: unknown };
      if (typeof e?.id !== 'string') throw new ShapeValidationError('id: expected string');
      return { id: e.id };
    },
    handle,
  });
  return { handler, handle };
}

describe('createHandler', () => {
  it('parses the event and runs the use case with it', async () => {
    // Prepare
    const { handler, handle } = build();

    // Act
    const result = await handler({ id: 'evt-1', extra: true }, context);

    // Assess
    expect(result).toEqual({ handled: 'evt-1' });
    expect(handle).toHaveBeenCalledWith({ id: 'evt-1' }, expect.anything());
  });

  it('logs a malformed event with its id and reason, counts it, rethrows it and runs nothing', async () => {
    // Prepare
    const { handler, handle } = build();

    // Act
    const call = handler({ id: 42, eventID: 'ct-123' }, context);

    // Assess
    await expect(call).rejects.toThrow(ShapeValidationError);
    expect(handle).not.toHaveBeenCalled();
    const logged = output.join('\n');
    expect(logged).toContain('Invalid event');
    expect(logged).toContain('ct-123');
    expect(logged).toContain('id: expected string');
    expect(logged).toContain('InvalidEvents');
  });

  it('wraps a parser failure that is not a validation error so callers can tell it from an AWS fault', async () => {
    // Prepare
    const handler = createHandler({
      name: 'x',
      observability: createObservability('x'),
      parse: () => {
        throw new TypeError('boom');
      },
      handle: async () => 'never',
    });

    // Act
    const call = handler({}, context);

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('lets a use-case failure through unchanged (Lambda retries it)', async () => {
    // Prepare
    const failure = new Error('DescribeListeners: ThrottlingException');
    const { handler } = build(vi.fn(async () => Promise.reject(failure)));

    // Act
    const call = handler({ id: 'evt-2' }, context);

    // Assess
    await expect(call).rejects.toBe(failure);
  });
});

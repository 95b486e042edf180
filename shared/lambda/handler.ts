import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { EventValidationError } from '../events/errors.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../report/kpi-metrics.js';

/** The observability tools every function gets; built once per function at module scope. */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

export function createObservability(functionName: string): Observability {
  return {
    logger: new Logger({ serviceName: SERVICE_NAME, persistentKeys: { function: functionName } }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
    tracer: new Tracer({ serviceName: SERVICE_NAME }),
  };
}

/**
 * An event the handler refuses: logged, counted, and thrown so Lambda sends it to the dead-letter queue.
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  constructor(
    message: string,
    readonly eventId?: string,
  ) {
    super(message);
  }
}

export interface HandlerDefinition<TEvent, TResult> {
  name: string;
  observability: Observability;
  /**
   * Checks the raw event and returns it typed; throws (any error whose name ends in ValidationError or
   * InvalidEventError) when the event is malformed. Nothing else runs for a malformed event.
   */
  parse: (event: unknown) => TEvent;
  handle: (event: TEvent, context: Context) => Promise<TResult>;
}

/** Best effort at the id of an event we could not parse, for the log line. */
function eventIdOf(event: unknown): string | undefined {
  if (event && typeof event === 'object') {
    const e = event as Record<string, unknown>;
    for (const key of ['id', 'eventID', 'resultToken', 'messageId']) {
      if (typeof e[key] === 'string') return e[key] as string;
    }
  }
  return undefined;
}

const isValidationError = (error: unknown): error is Error =>
  error instanceof EventValidationError ||
  error instanceof InvalidEventError ||
  (error instanceof Error && /ValidationError$/.test(error.name));

/**
 * The one middy stack of every function: Powertools logger (with the Lambda context), metrics in EMF
 * (cold start included), tracer; then parse, then the use case. A malformed event is logged with its id
 * and reason, counted in the InvalidEvents metric, and rethrown — no use case runs, so no AWS write call.
 */
export function createHandler<TEvent, TResult>(definition: HandlerDefinition<TEvent, TResult>) {
  const { logger, metrics, tracer } = definition.observability;
  const base = async (rawEvent: unknown, context: Context): Promise<TResult> => {
    let event: TEvent;
    try {
      event = definition.parse(rawEvent);
    } catch (error) {
      const eventId = (error as { eventId?: string }).eventId ?? eventIdOf(rawEvent);
      const reason = error instanceof Error ? error.message : String(error);
      logger.error('Invalid event: sent to the dead-letter queue', {
        eventId,
        reason,
        errorName: (error as Error)?.name,
      });
      metrics.addMetric('InvalidEvents', MetricUnit.Count, 1);
      if (isValidationError(error)) throw error;
      throw new InvalidEventError(reason, eventId);
    }
    const eventId = eventIdOf(rawEvent);
    if (eventId) logger.appendKeys({ eventId });
    return definition.handle(event, context);
  };
  return (
    middy(base)
      .use(captureLambdaHandler(tracer))
      .use(injectLambdaContext(logger, { resetKeys: true }))
      // No ColdStart metric: one custom metric per function ($0.30 a month each) that no alarm or operator reads;
      // a cold start's time is in the function's REPORT log line (Init Duration).
      .use(logMetrics(metrics, { captureColdStartMetric: false }))
  );
}

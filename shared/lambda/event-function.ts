import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RouteResult } from '../events/result.js';
import { inspectEvent } from '../usecase/inspect.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

/** Some resources could not be read; thrown so Lambda retries the event and, at last, dead-letters it. */
export class InventoryReadError extends Error {
  override name = 'InventoryReadError';
}

export interface EventFunctionSummary {
  eventId: string;
  ignored?: string;
  /** Another trigger of the same change already inspected it (or is inspecting it): nothing was read. */
  duplicate?: 'covered' | 'in-progress';
  evaluated: number;
  nonCompliant: number;
  resolved: number;
}

export interface EventFunctionOptions {
  name: string;
  /** Validates and routes the raw event; throws EventValidationError for malformed input. */
  route: (event: unknown) => RouteResult;
  /** Test seam: the adapters to use instead of the ones built from the environment. */
  runtime?: () => Runtime;
}

/** A function that routes one event and runs the inspect use case on it: on-api-call, on-config-change, ... */
export function createEventFunction(options: EventFunctionOptions) {
  const observability = createObservability(options.name);
  const { logger, metrics } = observability;
  let runtime: Runtime | undefined;
  return createHandler({
    name: options.name,
    observability,
    parse: options.route,
    async handle(route): Promise<EventFunctionSummary> {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      await runtime.refreshPolicy(observability);
      if (route.kind === 'inspect') logger.appendKeys({ resources: route.refs.map((ref) => ref.resourceId) });
      const outcome = await inspectEvent(route, runtime.deps());
      const summary: EventFunctionSummary = {
        eventId: outcome.eventId,
        ...(outcome.ignored ? { ignored: outcome.ignored } : {}),
        ...(outcome.duplicate ? { duplicate: outcome.duplicate.of } : {}),
        evaluated: outcome.evaluations.length,
        nonCompliant: outcome.evaluations.filter((e) => e.status === 'NON_COMPLIANT').length,
        resolved: outcome.transitions.filter((t) => t.kind === 'resolved').length,
      };
      if (outcome.outOfScope.length > 0) {
        logger.warn('Event names resources outside this account or these regions: not acted on', {
          outOfScope: outcome.outOfScope.map((ref) => ref.resourceId),
        });
      }
      if (outcome.duplicate) {
        // Counted by this log line (Logs Insights), not a custom metric billed every hour it is sent.
        logger.info('Duplicate inspection skipped', { ...summary });
        return summary;
      }
      // Per event, only what is rare enough to look into (an ignored event): a metric sent every hour is a
      // custom metric billed every hour, and the "Event inspected" log line already counts the rest.
      if (outcome.ignored) metrics.addMetric('EventsIgnored', MetricUnit.Count, 1);
      logger.info('Event inspected', { ...summary });
      if (outcome.errors.length > 0) {
        metrics.addMetric('UnreadableResources', MetricUnit.Count, outcome.errors.length);
        logger.error('Some resources could not be read', { errors: outcome.errors });
        throw new InventoryReadError(outcome.errors.map((e) => `${e.source}: ${e.message}`).join('; '));
      }
      return summary;
    },
  });
}

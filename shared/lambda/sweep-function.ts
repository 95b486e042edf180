import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { EventValidationError } from '../events/errors.js';
import { kpiMetrics } from '../report/kpi-metrics.js';
import { computeKpis } from '../report/kpis.js';
import { sweep } from '../usecase/sweep.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

const scheduledEventSchema = z.object({
  id: z.string().min(1),
  source: z.literal('aws.events'),
  'detail-type': z.literal('Scheduled Event'),
  time: z.string().min(1),
});

type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

function parseScheduledEvent(event: unknown): ScheduledEvent {
  const parsed = scheduledEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EventValidationError(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export interface SweepSummary {
  sweepId: string;
  regions: string[];
  resources: number;
  nonCompliant: number;
  resolved: number;
  unreadable: { source: string; message: string }[];
}

/** The scheduled sweep of every configured region: what events missed, and what disappeared. */
export function createSweepFunction(options: { runtime?: () => Runtime } = {}) {
  const observability = createObservability('sweep');
  const { logger, metrics } = observability;
  let runtime: Runtime | undefined;
  return createHandler({
    name: 'sweep',
    observability,
    parse: parseScheduledEvent,
    async handle(event): Promise<SweepSummary> {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      await runtime.refreshPolicy(observability);
      const deps = runtime.deps();
      const outcome = await sweep(deps, {
        sweepId: event.id,
        regions: runtime.config.regions,
        onProgress: (message) => logger.info(message),
      });
      const summary: SweepSummary = {
        sweepId: outcome.sweepId,
        regions: outcome.regions,
        resources: outcome.resources,
        nonCompliant: outcome.evaluations.filter((e) => e.status === 'NON_COMPLIANT').length,
        resolved: outcome.transitions.filter((t) => t.kind === 'resolved').length,
        unreadable: outcome.errors,
      };
      metrics.addMetric('SweptResources', MetricUnit.Count, summary.resources);
      metrics.addMetric('NonCompliantEvaluations', MetricUnit.Count, summary.nonCompliant);
      metrics.addMetric('UnreadableResources', MetricUnit.Count, summary.unreadable.length);
      // The SEC09 KPIs, one metric each, for the stack's dashboard (infra/dashboard.yml) to draw their trend.
      for (const { name, unit, value } of kpiMetrics(computeKpis(outcome.evaluations, deps.policy)))
        metrics.addMetric(name, MetricUnit[unit], value);
      if (summary.unreadable.length > 0)
        logger.warn('Sweep could not read some resources', { unreadable: summary.unreadable });
      logger.info('Sweep finished', { ...summary, unreadable: summary.unreadable.length });
      return summary;
    },
  });
}

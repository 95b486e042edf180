import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { EventValidationError } from '../events/errors.js';
import { kpiMetrics } from '../report/kpi-metrics.js';
import { computeKpis } from '../report/kpis.js';
import { createDelivery } from '../usecase/deliver.js';
import { sweep } from '../usecase/sweep.js';
import { type IncompleteRun, startRun } from '../usecase/sweep-run.js';
import { planAggregatorSweep, planSweep } from '../usecase/sweep-work.js';
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

/** What the planner of a fanned-out sweep did: the work items it queued. */
export interface SweepPlanSummary {
  sweepId: string;
  regions: string[];
  /** First-page items queued (each continues with its next page itself). */
  items: number;
  /** Transitions earlier invocations still owed, delivered now. */
  owed: number;
  /** The previous run, when it never finished (an item dead-lettered): reported, its KPIs never published. */
  incomplete?: IncompleteRun;
}

/**
 * The scheduled sweep of every configured region: what events missed, and what disappeared. With a work queue
 * (TG_SWEEP_QUEUE_URL) it only plans: one item per region and family (or the organization aggregator's first
 * page, TG_CONFIG_AGGREGATOR) for the sweep-worker function; without one it reads everything itself.
 */
export function createSweepFunction(options: { runtime?: () => Runtime } = {}) {
  const observability = createObservability('sweep');
  const { logger, metrics } = observability;
  let runtime: Runtime | undefined;
  return createHandler({
    name: 'sweep',
    observability,
    parse: parseScheduledEvent,
    async handle(event): Promise<SweepSummary | SweepPlanSummary> {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      await runtime.refreshPolicy(observability);
      const deps = runtime.deps();
      if (runtime.sweepQueue) {
        const now = deps.now();
        // Nothing open yet (the first sweep): each item's alerts go to Slack as one digest, as the single sweep does.
        const digest = (await deps.findings.listOpen(1)).length === 0;
        const { configAggregator: aggregator } = runtime.config;
        const items = aggregator
          ? [planAggregatorSweep({ sweepId: event.id, aggregator, now, digest })]
          : planSweep({ sweepId: event.id, regions: runtime.config.regions, now, digest });
        const regions = aggregator ? [runtime.config.region] : runtime.config.regions;
        // The run record before the items: the first worker to finish adds to it (the fan-in, ../usecase/sweep-run.ts).
        const incomplete =
          runtime.sweepRuns && items.length > 0
            ? await startRun(deps, runtime.sweepRuns, {
                sweepId: event.id,
                plannedAt: now.toISOString(),
                planned: items.length,
                regions,
                ...(aggregator ? { aggregator } : {}),
              })
            : undefined;
        if (incomplete)
          logger.error('The previous sweep never finished: its KPIs and digest were not published', {
            ...incomplete,
          });
        await runtime.sweepQueue.enqueue(items);
        // What earlier invocations left owed (a failed publish, a queue that was down) is sent once per sweep.
        const delivery = createDelivery(deps, { now, triggerId: event.id });
        const pending = await deps.findings.listPending();
        delivery.owe(pending);
        await delivery.send({});
        const planned: SweepPlanSummary = {
          sweepId: event.id,
          regions,
          items: items.length,
          owed: pending.length,
          ...(incomplete ? { incomplete } : {}),
        };
        metrics.addMetric('SweepItemsPlanned', MetricUnit.Count, planned.items);
        logger.info('Sweep planned', { ...planned, incomplete: incomplete?.sweepId });
        return planned;
      }
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
      if (runtime.config.kpiMetrics !== false)
        for (const { name, unit, value } of kpiMetrics(computeKpis(outcome.evaluations, deps.policy)))
          metrics.addMetric(name, MetricUnit[unit], value);
      if (summary.unreadable.length > 0)
        logger.warn('Sweep could not read some resources', { unreadable: summary.unreadable });
      logger.info('Sweep finished', { ...summary, unreadable: summary.unreadable.length });
      return summary;
    },
  });
}

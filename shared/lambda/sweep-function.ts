import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { EventValidationError } from '../events/errors.js';
import { kpiMetrics } from '../report/kpi-metrics.js';
import { computeKpis } from '../report/kpis.js';
import { createDelivery } from '../usecase/deliver.js';
import { sweep } from '../usecase/sweep.js';
import { type IncompleteRun, startRun } from '../usecase/sweep-run.js';
import {
  type AggregatorItem,
  planAggregatorSweep,
  planSweep,
  type SweepItem,
} from '../usecase/sweep-work.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

const scheduledEventSchema = z.object({
  id: z.string().min(1),
  source: z.literal('aws.events'),
  'detail-type': z.literal('Scheduled Event'),
  time: z.iso.datetime({ offset: true }),
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
  /** First-page items queued (each continues with its next page itself); 0 when a retry found them queued. */
  items: number;
  /** The schedule event was planned before (EventBridge retried it): its run was reused. */
  retried?: boolean;
  /** The later sweep that made this (late) event's sweep unnecessary: nothing was queued. */
  superseded?: string;
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
        // The schedule's time, the same when the event is retried or handed over twice (Lambda's asynchronous
        // queue: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html), keys the run
        // so a retry reuses it; never later than now, as findings not seen since the plan time are resolved.
        const plannedAt = new Date(Math.min(Date.parse(event.time), now.getTime()));
        // Nothing open yet (the first sweep): the sweep's alerts go to Slack as one digest, as the single sweep does.
        const digest = (await deps.findings.listOpen(1)).length === 0;
        const { configAggregator: aggregator } = runtime.config;
        const planned = aggregator
          ? [planAggregatorSweep({ sweepId: event.id, aggregator, now: plannedAt, digest })]
          : planSweep({ sweepId: event.id, regions: runtime.config.regions, now: plannedAt, digest });
        const regions = aggregator ? [runtime.config.region] : runtime.config.regions;
        let items: readonly (SweepItem | AggregatorItem)[] = planned;
        let incomplete: IncompleteRun | undefined;
        let retried = false;
        const runs = runtime.sweepRuns;
        if (runs && planned.length > 0) {
          // The run record before the items: the first worker to finish adds to it (the fan-in, ../usecase/sweep-run.ts).
          const started = await startRun(deps, runs, {
            sweepId: event.id,
            plannedAt: plannedAt.toISOString(),
            planned: planned.length,
            regions,
            digest,
            ...(aggregator ? { aggregator } : {}),
          });
          if ('superseded' in started) {
            logger.warn('A later sweep was planned before this event ran: nothing queued', {
              later: started.superseded.sweepId,
            });
            return { sweepId: event.id, regions, items: 0, owed: 0, superseded: started.superseded.sweepId };
          }
          incomplete = started.incomplete;
          retried = !started.created;
          // A retried event: the run's first answer stands (an earlier attempt's items may have opened findings).
          const first = started.run.digest ?? digest;
          items = planned.map((item) => ({ ...item, digest: first }));
          // Every first item queued already: queuing them again would only read every page twice.
          if (retried && (await runs.marked(started.run, 'queued'))) items = [];
        }
        if (incomplete)
          logger.error('The previous sweep never finished: its KPIs and digest were not published', {
            ...incomplete,
          });
        // Some items of an earlier attempt may be on the queue already: their duplicates count once in the run
        // (each chain and page is counted under its mark), and each alert is held under its own key.
        if (items.length > 0) await runtime.sweepQueue.enqueue(items);
        if (runs && items.length > 0)
          await runs.mark({ sweepId: event.id, plannedAt: plannedAt.toISOString() }, 'queued');
        // What earlier invocations left owed (a failed publish, a queue that was down) is sent once per sweep.
        const delivery = createDelivery(deps, { now, triggerId: event.id });
        const pending = await deps.findings.listPending();
        delivery.owe(pending);
        await delivery.send({});
        const summary: SweepPlanSummary = {
          sweepId: event.id,
          regions,
          items: items.length,
          owed: pending.length,
          ...(retried ? { retried } : {}),
          ...(incomplete ? { incomplete } : {}),
        };
        metrics.addMetric('SweepItemsPlanned', MetricUnit.Count, summary.items);
        logger.info('Sweep planned', { ...summary, incomplete: incomplete?.sweepId });
        return summary;
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

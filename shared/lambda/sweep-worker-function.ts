import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { parseSqsBody, parseSqsEvent } from '../events/sqs.js';
import { FAMILIES } from '../families/index.js';
import { aggregatedFamilies, selectAggregatePage } from '../inventory/live/aggregator-select.js';
import { createMemberAccess, type MemberAccess } from '../inventory/live/central-reader.js';
import { createPacer, DOCUMENTED_RATE_LIMITS } from '../inventory/live/limiter.js';
import { kpiMetrics } from '../report/kpi-metrics.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { chainOf, finishChain } from '../usecase/sweep-run.js';
import {
  type AggregatorItem,
  type AggregatorItemOutcome,
  runAggregatorItem,
  runSweepItem,
  type SweepItem,
  SweepItemError,
  type SweepItemOutcome,
} from '../usecase/sweep-work.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

/**
 * How many times SQS hands an item over before it dead-letters it: the work queue's maxReceiveCount
 * (infra/queues.yml). An item read with errors is retried until its last delivery, which accepts what it read.
 * @internal Tests deliver an item up to its last attempt.
 */
export const SWEEP_ITEM_ATTEMPTS = 3;

const common = {
  sweepId: z.string().min(1),
  plannedAt: z.iso.datetime(),
  page: z.string().min(1).optional(),
  pageNumber: z.number().int().min(1),
  clean: z.boolean(),
  digest: z.boolean(),
  counts: z.record(z.string(), z.number().int().min(0)).optional(),
};
const sweepItemSchema = z.object({ ...common, region: z.string().min(1), family: z.string().min(1) });
const aggregatorItemSchema = z.object({ ...common, aggregator: z.string().min(1) });
const workItemSchema = z.union([aggregatorItemSchema, sweepItemSchema]);

type WorkItem = SweepItem | AggregatorItem;

/** A work item's body that is not one, named by message and field: SQS retries it, then dead-letters it. */
class InvalidSweepItemError extends Error {
  override name = 'InvalidSweepItemError';
}

/** An item read with errors before its last delivery: failed, so SQS hands it over again (alone). */
class RetrySweepItemError extends Error {
  override name = 'RetrySweepItemError';
}

function parseItem(record: SQSRecord): WorkItem {
  const parsed = parseSqsBody(record, workItemSchema);
  if (!parsed.success) throw new InvalidSweepItemError(`message ${record.messageId}: ${parsed.problem}`);
  return parsed.data as WorkItem;
}

function attemptOf(record: SQSRecord): number {
  const count = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isInteger(count) && count > 0 ? count : 1;
}

/**
 * The worker of the fanned-out sweep: drains the work queue one item at a time (a page of one family in one
 * region, or a page of the organization aggregator), records each item's results as it finishes and queues the
 * next page. A failed item is reported alone (SQS partial batch response), so the others are not read again.
 */
export function createSweepWorkerFunction(options: { runtime?: () => Runtime } = {}) {
  const observability = createObservability('sweep-worker');
  const { logger, metrics } = observability;
  const processor = new BatchProcessor(EventType.SQS);
  let runtime: Runtime | undefined;

  const run = async (
    rt: Runtime,
    deps: MonitorDeps,
    item: WorkItem,
    members: (accountId: string) => Promise<MemberAccess>,
  ): Promise<SweepItemOutcome | AggregatorItemOutcome> => {
    if (!('aggregator' in item)) return runSweepItem(deps, item, rt.sweepRuns, rt.certificateUsers);
    const families = aggregatedFamilies(FAMILIES);
    const call = createPacer({ concurrency: 1, rateLimits: DOCUMENTED_RATE_LIMITS })('config');
    const { region } = rt.config;
    return runAggregatorItem(
      deps,
      item,
      (token) =>
        selectAggregatePage({
          aggregator: item.aggregator,
          region,
          clients: rt.clientsFor(region),
          call,
          families,
          members,
          ...(token ? { token } : {}),
        }),
      families,
      rt.sweepRuns,
    );
  };

  return createHandler<SQSEvent, SQSBatchResponse>({
    name: 'sweep-worker',
    observability,
    parse: parseSqsEvent,
    handle: async (event, context) => {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      const rt = runtime;
      // Each item is judged by the current policy (TG_POLICY_PARAMETER), as the other inspectors are.
      await rt.refreshPolicy(observability);
      // The members' reader roles, assumed once per account in this invocation (aggregator items only).
      const members = createMemberAccess({
        region: rt.config.region,
        sourceFor: (clientsFor, accountId) => INSPECTOR_WIRING.inventorySource(clientsFor, { accountId }),
      });
      const handleRecord = async (record: SQSRecord) => {
        try {
          const item = parseItem(record);
          const attempt = attemptOf(record);
          const deps = rt.deps();
          const outcome = await run(rt, deps, item, members);
          const where = 'aggregator' in item ? item.aggregator : `${item.family} ${item.region}`;
          metrics.addMetric('SweptResources', MetricUnit.Count, outcome.resources);
          metrics.addMetric('UnreadableResources', MetricUnit.Count, outcome.errors.length);
          if (outcome.errors.length > 0 && attempt < SWEEP_ITEM_ATTEMPTS) {
            // What was read is recorded; the page is read again (and continued) once it reads cleanly.
            throw new RetrySweepItemError(
              `sweep item ${where} page ${item.pageNumber}: ${outcome.errors.length} unreadable (attempt ${attempt} of ${SWEEP_ITEM_ATTEMPTS})`,
            );
          }
          if (outcome.errors.length > 0)
            logger.warn('Sweep item could not read some resources', { where, unreadable: outcome.errors });
          if (outcome.next) {
            if (!rt.sweepQueue)
              throw new SweepItemError('no sweep work queue to continue on (TG_SWEEP_QUEUE_URL)');
            await rt.sweepQueue.enqueue([outcome.next]);
          } else if (rt.sweepRuns) {
            // The family-region is finished: its counts join the run; the last one publishes the sweep's KPIs
            // (as the single sweep does) and its one digest.
            const published = await finishChain(deps, rt.sweepRuns, item, chainOf(item), outcome.counts);
            if (published && rt.config.kpiMetrics !== false)
              for (const { name, unit, value } of kpiMetrics(published.kpis))
                metrics.addMetric(name, MetricUnit[unit], value);
            if (published)
              logger.info('Sweep finished', { sweepId: item.sweepId, chains: published.run.planned });
          }
          logger.info('Sweep item finished', {
            sweepId: item.sweepId,
            where,
            page: item.pageNumber,
            resources: outcome.resources,
            nonCompliant: outcome.evaluations.filter((e) => e.status === 'NON_COMPLIANT').length,
            resolved: outcome.transitions.filter((t) => t.kind === 'resolved').length,
            unreadable: outcome.errors.length,
            continued: outcome.next !== undefined,
          });
        } catch (error) {
          logger.error('Sweep item failed; SQS will deliver it again or dead-letter it', {
            messageId: record.messageId,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
          throw error;
        }
      };
      return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false });
    },
  });
}

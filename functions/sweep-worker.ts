import { createSweepWorkerFunction } from '../shared/lambda/sweep-worker-function.js';

/** The sweep's work queue: one page of one family in one region (or of the organization aggregator) per item. */
export const handler = createSweepWorkerFunction();

import { createSweepFunction } from '../shared/lambda/sweep-function.js';

/** Scheduled: every configured region, all four families. */
export const handler = createSweepFunction();

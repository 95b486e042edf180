import { createRemediateFunction } from '../shared/lambda/remediate-function.js';

/** The actions queue consumer: the only function with remediation (write) permissions. */
export const handler = createRemediateFunction();

import { createConfigRuleFunction } from '../shared/lambda/config-rule-function.js';

/** The custom AWS Config rule: evaluates the changed resource (or, periodically, the region) and reports back. */
export const handler = createConfigRuleFunction();

import { createCentralFindingsFunction } from '../shared/org/central-functions.js';

/** Security account: the members' findings, plans and actions off the central bus -> one table, Slack, Security Hub. */
export const handler = createCentralFindingsFunction();

import { createCentralActionFunction } from '../shared/org/central-functions.js';

/** Security account: the Security Hub custom action "transit-guard: remediate" -> the owning account's bus. */
export const handler = createCentralActionFunction();

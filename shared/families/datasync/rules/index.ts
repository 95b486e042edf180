import { datasyncLocationPlaintext } from './datasync-location-plaintext.js';

/** The DataSync rules, in catalog order (RULES.md). */
export const DATASYNC_RULES = [datasyncLocationPlaintext];

/**
 * The registry: every family transit-guard knows, in catalog order. Adding a family is one folder under
 * shared/families/ plus one line here (docs/architecture.md, "How to add a family").
 */
import { acmFamily } from './acm/index.js';
import { directConnectFamily } from './directconnect/index.js';
import { elbFamily } from './elb/index.js';
import { elbv2Family } from './elbv2/index.js';
import type { Family } from './family.js';
import { vpnFamily } from './vpn/index.js';

export type { Family } from './family.js';

export const FAMILIES: readonly Family[] = [
  elbv2Family,
  elbFamily,
  vpnFamily,
  directConnectFamily,
  acmFamily,
];

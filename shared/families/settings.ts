/**
 * The families' policy settings: each section of the policy file a family's rules and remediators read, by its
 * key in the file, in the file's order (shared/policy/schema.ts puts them after `tls`). A family with settings
 * adds one line here for its settings.ts (docs/architecture.md, "How to add a family"). Pure: it imports only
 * the families' settings.ts files, so the policy schema stays free of rules and SDK clients.
 */

// The certificates section is shared by every certificate family (ACM, IAM, Private CA, ...): core owns it.
import { certificateSettings } from '../certificates/settings.js';
import { directConnectSettings } from './directconnect/settings.js';
import { iotSettings } from './iot/settings.js';
import { vpcSettings } from './vpc/settings.js';
import { vpnSettings } from './vpn/settings.js';

export const FAMILY_SETTINGS = {
  vpn: vpnSettings,
  directConnect: directConnectSettings,
  certificates: certificateSettings,
  vpc: vpcSettings,
  iot: iotSettings,
} as const;

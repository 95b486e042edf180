import type { AnyRule } from '../../../rules/rule.js';
import { rdsCaCertificateExpiry } from './rds-ca-certificate-expiry.js';
import { rdsTransportNotEnforced } from './rds-transport-not-enforced.js';

/** Catalog order: the certificate rule (RULES.md "Certificates everywhere") before the transit one. */
export const RDS_RULES: readonly AnyRule[] = [rdsCaCertificateExpiry, rdsTransportNotEnforced];

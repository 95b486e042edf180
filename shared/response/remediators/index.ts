import type { Remediator } from '../types.js';
import { deleteClassicListener } from './delete-classic-listener.js';
import { deleteListener } from './delete-listener.js';
import { fixedResponse426 } from './fixed-response-426.js';
import { modifyVpnTunnelOptions } from './modify-vpn-tunnel-options.js';
import { redirectToHttps } from './redirect-to-https.js';
import { renewCertificate } from './renew-certificate.js';
import { setClassicNegotiationPolicy } from './set-classic-negotiation-policy.js';
import { setMustEncrypt } from './set-must-encrypt.js';
import { setSslPolicy } from './set-ssl-policy.js';

/** The remediator catalog: an explicit array, no registration by import side effect. */
export const REMEDIATORS: readonly Remediator[] = [
  redirectToHttps,
  fixedResponse426,
  setSslPolicy,
  deleteListener,
  setClassicNegotiationPolicy,
  deleteClassicListener,
  modifyVpnTunnelOptions,
  setMustEncrypt,
  renewCertificate,
];

/** Every IAM action remediation may call, sorted: the single list the deployment's role is checked against. */
export const REMEDIATION_IAM_ACTIONS: readonly string[] = [
  ...new Set(REMEDIATORS.flatMap((remediator) => remediator.iamActions)),
].sort();

const byId = new Map(REMEDIATORS.map((remediator) => [remediator.id, remediator]));

export function findRemediator(id: string): Remediator | undefined {
  return byId.get(id);
}

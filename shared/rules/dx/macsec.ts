import type { DxConnection, DxLag, MacSecKey } from '../../model/resource.js';
import { notApplicable, type RuleOutcome } from '../rule.js';

export type DxResource = DxConnection | DxLag;

export function dxLabel(resource: DxResource): string {
  const id =
    resource.resourceType === 'AWS::DirectConnect::Connection'
      ? `connection ${resource.connectionId}`
      : `LAG ${resource.lagId}`;
  return resource.name ? `${id} (${resource.name})` : id;
}

const GONE_STATES = new Set(['deleting', 'deleted', 'rejected']);

/** NOT_APPLICABLE for a connection or LAG that is going away, and for hosted connections. */
export function inapplicableDx(resource: DxResource): RuleOutcome | undefined {
  const label = dxLabel(resource);
  const state = resource.state?.toLowerCase();
  if (state && GONE_STATES.has(state)) return notApplicable(`Direct Connect ${label} is ${state}.`);
  if (resource.resourceType === 'AWS::DirectConnect::Connection' && resource.hosted === true) {
    return notApplicable(
      `Direct Connect ${label} is a hosted connection; MACsec is for dedicated connections.`,
    );
  }
  return undefined;
}

/** The encryption mode in the API's spelling (no_encrypt | should_encrypt | must_encrypt), if any. */
export function encryptionMode(resource: DxResource): string | undefined {
  const mode = resource.encryptionMode?.trim().toLowerCase();
  return mode ? mode : undefined;
}

/** should_encrypt and must_encrypt turn MACsec on; no_encrypt or no mode leaves the link in clear. */
export function isEncryptingMode(mode: string | undefined): boolean {
  return mode === 'should_encrypt' || mode === 'must_encrypt';
}

/** Capable when AWS says so, or when an encryption mode is set (only a capable port accepts one). */
export function isMacSecCapable(resource: DxResource): boolean {
  return (
    resource.macSecCapable === true ||
    (resource.macSecCapable === undefined && isEncryptingMode(encryptionMode(resource)))
  );
}

export function associatedKeys(resource: DxResource): MacSecKey[] {
  return resource.macSecKeys.filter((key) => key.state?.trim().toLowerCase() === 'associated');
}

function normalizeStatus(status: string | undefined): string | undefined {
  return status?.trim().toLowerCase().replace(/\s+/g, ' ');
}

export const isEncryptionDown = (status: string | undefined): boolean =>
  normalizeStatus(status) === 'encryption down';

export const isEncryptionUp = (status: string | undefined): boolean =>
  normalizeStatus(status) === 'encryption up';

/** Port encryption status per port: the connection itself, or each member of a LAG. */
export function portStatuses(resource: DxResource): Record<string, string | undefined> {
  if (resource.resourceType === 'AWS::DirectConnect::Connection') {
    return { [resource.connectionId]: resource.portEncryptionStatus };
  }
  return { ...resource.memberPortEncryptionStatus };
}

/** Ports reporting "Encryption Down". */
export function encryptionDownPorts(resource: DxResource): string[] {
  return Object.entries(portStatuses(resource))
    .filter(([, status]) => isEncryptionDown(status))
    .map(([id]) => id);
}

import { cannotVerify, notApplicable, type RuleOutcome } from '../../../rules/rule.js';
import type { DxConnection, DxLag, MacSecKey } from '../model.js';
import { DX_ENCRYPTION_MODES } from '../settings.js';

// Direct Connect writes its enums in one spelling (connectionState and key state in lower case,
// encryptionMode no_encrypt | should_encrypt | must_encrypt, portEncryptionStatus "Encryption Up" |
// "Encryption Down") and documents no other: each is compared exactly, so "MUST_ENCRYPT" or
// "encryption up" is unknown and never counts as the value it resembles.

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
  const state = resource.state;
  if (state && GONE_STATES.has(state)) return notApplicable(`Direct Connect ${label} is ${state}.`);
  if (resource.resourceType === 'AWS::DirectConnect::Connection' && resource.hosted === true) {
    return notApplicable(
      `Direct Connect ${label} is a hosted connection; MACsec is for dedicated connections.`,
    );
  }
  return undefined;
}

/** The encryption mode as the input gives it (no_encrypt | should_encrypt | must_encrypt, or anything else). */
export function encryptionMode(resource: DxResource): string | undefined {
  return resource.encryptionMode;
}

const KNOWN_MODES: readonly string[] = DX_ENCRYPTION_MODES;

/** NON_COMPLIANT for an encryption mode Direct Connect does not have: `aspect` cannot be verified. */
export function unknownModeOutcome(resource: DxResource, aspect: string): RuleOutcome | undefined {
  const mode = resource.encryptionMode;
  if (mode === undefined || KNOWN_MODES.includes(mode)) return undefined;
  return cannotVerify(
    `Direct Connect ${dxLabel(resource)} has the encryption mode ${JSON.stringify(mode)}, which is not a MACsec encryption mode (${KNOWN_MODES.join(', ')}), so ${aspect} cannot be verified.`,
    { encryptionMode: mode, unknownEncryptionMode: true },
  );
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
  return resource.macSecKeys.filter((key) => key.state === 'associated');
}

/** @internal Unit-tested directly: only the exact status spelling Direct Connect reports counts. */
export const isEncryptionDown = (status: string | undefined): boolean => status === 'Encryption Down';

export const isEncryptionUp = (status: string | undefined): boolean => status === 'Encryption Up';

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

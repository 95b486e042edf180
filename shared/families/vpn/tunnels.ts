/** A VPN tunnel's options and names, read alike by the VPN rules and the remediator that rewrites them. */
import { joinWords } from '../../model/words.js';
import type { Policy } from '../../policy/schema.js';
import type { VpnNegotiatedCrypto, VpnTunnel, VpnTunnelOptions } from './model.js';
import {
  IKE_VERSIONS,
  VPN_DH_GROUPS,
  VPN_ENCRYPTION_ALGORITHMS,
  VPN_INTEGRITY_ALGORITHMS,
} from './settings.js';

/** The tunnel option lists that restrict crypto (an empty one means "AWS default"). */
export type TunnelOptionList = Exclude<keyof VpnTunnelOptions, 'startupAction' | 'dpdTimeoutAction'>;

/**
 * Each value GetActiveVpnTunnelStatus reports, in the order reasons name them: its words, the tunnel option list
 * and the policy list that must permit it, and, for an integrity value, the encryption of its phase.
 */
export const NEGOTIATED_FIELDS: readonly {
  field: keyof VpnNegotiatedCrypto;
  words: string;
  list: TunnelOptionList;
  policyList:
    | 'allowedIkeVersions'
    | 'allowedEncryptionAlgorithms'
    | 'allowedIntegrityAlgorithms'
    | 'allowedDHGroups';
  encryption?: 'phase1EncryptionAlgorithm' | 'phase2EncryptionAlgorithm';
}[] = [
  { field: 'ikeVersion', words: 'IKE version', list: 'ikeVersions', policyList: 'allowedIkeVersions' },
  {
    field: 'phase1EncryptionAlgorithm',
    words: 'phase 1 encryption',
    list: 'phase1EncryptionAlgorithms',
    policyList: 'allowedEncryptionAlgorithms',
  },
  {
    field: 'phase1IntegrityAlgorithm',
    words: 'phase 1 integrity',
    list: 'phase1IntegrityAlgorithms',
    policyList: 'allowedIntegrityAlgorithms',
    encryption: 'phase1EncryptionAlgorithm',
  },
  {
    field: 'phase1DHGroup',
    words: 'phase 1 DH group',
    list: 'phase1DHGroupNumbers',
    policyList: 'allowedDHGroups',
  },
  {
    field: 'phase2EncryptionAlgorithm',
    words: 'phase 2 encryption',
    list: 'phase2EncryptionAlgorithms',
    policyList: 'allowedEncryptionAlgorithms',
  },
  {
    field: 'phase2IntegrityAlgorithm',
    words: 'phase 2 integrity',
    list: 'phase2IntegrityAlgorithms',
    policyList: 'allowedIntegrityAlgorithms',
    encryption: 'phase2EncryptionAlgorithm',
  },
  {
    field: 'phase2DHGroup',
    words: 'phase 2 DH group',
    list: 'phase2DHGroupNumbers',
    policyList: 'allowedDHGroups',
  },
];

/** An AES-GCM phase carries its own integrity, so the "NONE" integrity it reports beside it negotiates nothing. */
export function isIntegrityPlaceholder(
  negotiated: VpnNegotiatedCrypto,
  encryption: 'phase1EncryptionAlgorithm' | 'phase2EncryptionAlgorithm' | undefined,
  value: string | number,
): boolean {
  if (!encryption) return false;
  return (
    (negotiated[encryption]?.toUpperCase() ?? '').includes('GCM') &&
    String(value).trim().toUpperCase() === 'NONE'
  );
}

type OptionValue = string | number;

/** What AWS permits when an option list is empty: every value ModifyVpnTunnelOptions accepts for it. */
export const AWS_DEFAULT_TUNNEL_OPTIONS: { readonly [K in TunnelOptionList]: VpnTunnelOptions[K] } = {
  ikeVersions: [...IKE_VERSIONS],
  phase1EncryptionAlgorithms: [...VPN_ENCRYPTION_ALGORITHMS],
  phase2EncryptionAlgorithms: [...VPN_ENCRYPTION_ALGORITHMS],
  phase1IntegrityAlgorithms: [...VPN_INTEGRITY_ALGORITHMS],
  phase2IntegrityAlgorithms: [...VPN_INTEGRITY_ALGORITHMS],
  // Phase 1 does not offer DH group 5; phase 2 does.
  phase1DHGroupNumbers: VPN_DH_GROUPS.filter((group) => group !== 5),
  phase2DHGroupNumbers: [...VPN_DH_GROUPS],
};

export interface PermittedValues<K extends TunnelOptionList> {
  values: VpnTunnelOptions[K];
  /** True when the list is empty and AWS's defaults apply. */
  awsDefault: boolean;
}

/** The values a tunnel option list permits: the list itself, or AWS's defaults when it is empty. */
export function permittedValues<K extends TunnelOptionList>(
  options: VpnTunnelOptions,
  list: K,
): PermittedValues<K> {
  const configured = options[list];
  return configured.length > 0
    ? { values: configured, awsDefault: false }
    : { values: AWS_DEFAULT_TUNNEL_OPTIONS[list], awsDefault: true };
}

/** The policy list that governs a tunnel option list. */
export function policyAllowedValues(policy: Policy['vpn'], list: TunnelOptionList): readonly OptionValue[] {
  switch (list) {
    case 'ikeVersions':
      return policy.allowedIkeVersions;
    case 'phase1EncryptionAlgorithms':
    case 'phase2EncryptionAlgorithms':
      return policy.allowedEncryptionAlgorithms;
    case 'phase1IntegrityAlgorithms':
    case 'phase2IntegrityAlgorithms':
      return policy.allowedIntegrityAlgorithms;
    case 'phase1DHGroupNumbers':
    case 'phase2DHGroupNumbers':
      return policy.allowedDHGroups;
  }
}

/**
 * The comparable forms of the values met so far. They are few (algorithm names, IKE versions, DH groups)
 * and met for every tunnel, so each is normalized once; the bound keeps odd inputs from growing it.
 */
const comparableForms = new Map<OptionValue, string>();

/**
 * AWS spells algorithms in upper case and IKE versions in lower case; case is ignored, as it can only match
 * a value to itself. Whitespace is not: "AES256 " is no value EC2 knows, so it is never an allowed one.
 */
function comparable(value: OptionValue): string {
  let form = comparableForms.get(value);
  if (form === undefined) {
    form = String(value).toUpperCase();
    if (comparableForms.size < 1_000) comparableForms.set(value, form);
  }
  return form;
}

/** The comparable forms of an allowed list, with the values they were made from (to notice a changed list). */
interface AllowedForms {
  values: OptionValue[];
  forms: Set<string>;
}

/** Allowed lists are mostly the policy's own, asked about for every tunnel: their forms are kept. */
const allowedForms = new WeakMap<readonly OptionValue[], AllowedForms>();

function sameValues(a: readonly OptionValue[], b: readonly OptionValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function formsOf(allowed: readonly OptionValue[]): Set<string> {
  const known = allowedForms.get(allowed);
  if (known && sameValues(known.values, allowed)) return known.forms;
  const forms = new Set(allowed.map(comparable));
  allowedForms.set(allowed, { values: [...allowed], forms });
  return forms;
}

// AWS's defaults stand for every empty list of every tunnel.
for (const values of Object.values(AWS_DEFAULT_TUNNEL_OPTIONS)) formsOf(values);

export function isAllowed(value: OptionValue, allowed: readonly OptionValue[]): boolean {
  const key = comparable(value);
  const known = allowedForms.get(allowed);
  if (known && sameValues(known.values, allowed)) return known.forms.has(key);
  // A list met once (a tunnel's own) is not worth a set.
  for (const candidate of allowed) if (comparable(candidate) === key) return true;
  return false;
}

/** The values not on the allowed list, each once, in the order given. */
export function valuesOutside<T extends OptionValue>(
  values: readonly T[],
  allowed: readonly OptionValue[],
): T[] {
  const forms = formsOf(allowed);
  const outside: T[] = [];
  const seen: string[] = [];
  for (const value of values) {
    const key = comparable(value);
    if (forms.has(key) || seen.includes(key)) continue;
    seen.push(key);
    outside.push(value);
  }
  return outside;
}

/** A tunnel is named by its outside IP address; a minimal Config item may not carry one. */
export function tunnelName(tunnel: VpnTunnel, index: number): string {
  return tunnel.outsideIpAddress.trim() || `tunnel ${index + 1}`;
}

/** A tunnel named by its position already reads "tunnel 2": the word is not repeated before it. */
const withoutWord = (name: string): string => name.replace(/^tunnel /, '');

/** "tunnel A" / "tunnels A and B" ("tunnel 1" / "tunnels 1 and 2" for tunnels named by position). */
export function nameTunnels(names: readonly string[]): string {
  return `${names.length === 1 ? 'tunnel' : 'tunnels'} ${joinWords(names.map(withoutWord))}`;
}

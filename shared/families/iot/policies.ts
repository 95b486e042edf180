/**
 * AWS IoT Core TLS security policies as data (data/security-policies.json, derived from
 * ../shared/reference/iot-security-policies.json with the AWS page it names): each policy resolved to the
 * protocols and ciphers it accepts on any of its ports, so the rule judges what a policy allows, never its name.
 * A name not in the data is unknown (never a pass). No IoT policy documents post-quantum key exchange.
 */
import type { TlsVersion } from '../../policy/schema.js';
import type { ResolvedTlsPolicy } from '../../tls/index.js';
import { normalizeTlsVersion } from '../../tls/index.js';
import data from './data/security-policies.json' with { type: 'json' };

export interface IotTlsPolicy {
  resolved: ResolvedTlsPolicy;
  /** Where AWS offers it: every Region, every Region but GovCloud, GovCloud only, or the listed Regions. */
  availability: { all?: boolean; except?: string; only?: string; regions?: readonly string[] };
}

/** Where the policy facts come from, for rule references. */
export const IOT_POLICY_SOURCE = data.source.split(' ')[0] as string;

function protocolsOf(name: string, protocols: readonly string[]): TlsVersion[] {
  return protocols.map((protocol) => {
    const version = normalizeTlsVersion(protocol);
    // The data is checked by its test; a bad entry must fail loudly, never pass a weak policy.
    if (!version)
      throw new TypeError(`IoT security-policies.json: ${name}: ${protocol} is not a TLS version`);
    return version;
  });
}

const POLICIES: readonly IotTlsPolicy[] = data.policies.map((policy) => ({
  resolved: {
    name: policy.name,
    protocols: protocolsOf(policy.name, policy.protocols),
    ciphers: policy.ciphers,
    fips: policy.availability.only === 'govcloud',
    origin: 'predefined',
    postQuantum: false,
  },
  availability: policy.availability,
}));

/** The policy of this name; undefined when the data does not know it. */
export function iotTlsPolicy(name: string): IotTlsPolicy | undefined {
  return POLICIES.find((policy) => policy.resolved.name === name);
}

/** Whether AWS offers the policy in the region (GovCloud Regions start us-gov-). */
export function offeredIn(policy: IotTlsPolicy, region: string | undefined): boolean {
  if (region === undefined) return false;
  const govCloud = region.startsWith('us-gov-');
  const { availability } = policy;
  if (availability.all) return true;
  if (availability.except === 'govcloud') return !govCloud;
  if (availability.only === 'govcloud') return govCloud;
  return availability.regions?.includes(region) ?? false;
}

/** Every policy, in the AWS table's order. */
export function iotTlsPolicies(): readonly IotTlsPolicy[] {
  return POLICIES;
}

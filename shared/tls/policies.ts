import { z } from 'zod';
import type { TlsVersion } from '../policy/schema.js';
import type { ResolvedTlsPolicy, TlsCatalog } from './catalog.js';
import { classifyCipher } from './ciphers.js';
import { classicPolicyFromAttributes } from './classic.js';
import classicData from './data/classic-policies.json' with { type: 'json' };
import elbv2KeyExchange from './data/elbv2-key-exchange.json' with { type: 'json' };
import elbv2Data from './data/elbv2-ssl-policies.json' with { type: 'json' };
import { isFipsPolicyName } from './names.js';
import { postQuantumFromProtocols } from './post-quantum.js';
import { normalizeTlsVersion, sortTlsVersions } from './versions.js';

/** The bundled key-exchange facts by ELBv2 policy name (DescribeSSLPolicies does not return them). */
const KEY_EXCHANGE: Readonly<Record<string, { postQuantum: boolean } | undefined>> =
  elbv2KeyExchange.policies;

/**
 * Whether an ELBv2 policy offers hybrid ML-KEM key exchange: the bundled fact for its name, else what its
 * protocols say (none without TLS 1.3), else unknown. A live policy of a bundled name has the same groups:
 * AWS's predefined policies do not change under a name.
 */
function elbv2PostQuantum(name: string, protocols: readonly TlsVersion[]): boolean | undefined {
  return KEY_EXCHANGE[name]?.postQuantum ?? postQuantumFromProtocols(protocols);
}

const describeSslPoliciesSchema = z.object({
  SslPolicies: z.array(
    z.object({
      Name: z.string().min(1),
      SslProtocols: z.array(z.string()),
      Ciphers: z.array(z.object({ Name: z.string().min(1), Priority: z.number().optional() })),
      SupportedLoadBalancerTypes: z.array(z.string()).optional(),
    }),
  ),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/** Reads DescribeSSLPolicies output (API or `aws elbv2 describe-ssl-policies`). Throws naming the source and field. */
export function parseDescribeSslPolicies(
  output: unknown,
  source: string,
  origin: ResolvedTlsPolicy['origin'] = 'live',
): ResolvedTlsPolicy[] {
  const parsed = describeSslPoliciesSchema.safeParse(output);
  if (!parsed.success) {
    throw new TypeError(`${source}: not DescribeSSLPolicies output (${describeIssue(parsed.error)})`);
  }
  return resolvePolicies(parsed.data, source, origin);
}

/** DescribeSSLPolicies output of the schema's shape, as the catalog's policies. */
function resolvePolicies(
  output: z.output<typeof describeSslPoliciesSchema>,
  source: string,
  origin: ResolvedTlsPolicy['origin'],
): ResolvedTlsPolicy[] {
  return output.SslPolicies.map((policy, index) => {
    // A protocol this catalog does not know is refused, never dropped: dropping it would pass a weak policy.
    const protocols = sortTlsVersions(
      policy.SslProtocols.map((protocol, at): TlsVersion => {
        const version = normalizeTlsVersion(protocol);
        if (version) return version;
        throw new TypeError(
          `${source}: not DescribeSSLPolicies output (SslPolicies.${index}.SslProtocols.${at}: ${JSON.stringify(protocol)} is not a TLS protocol version)`,
        );
      }),
    );
    const postQuantum = elbv2PostQuantum(policy.Name, protocols);
    return {
      name: policy.Name,
      protocols,
      ciphers: [...policy.Ciphers]
        .sort((a, b) => (a.Priority ?? Number.MAX_SAFE_INTEGER) - (b.Priority ?? Number.MAX_SAFE_INTEGER))
        .map((cipher) => cipher.Name),
      fips: isFipsPolicyName(policy.Name),
      origin,
      ...(policy.SupportedLoadBalancerTypes
        ? {
            supportedLoadBalancerTypes: policy.SupportedLoadBalancerTypes.map((type) =>
              type.trim().toLowerCase(),
            ),
          }
        : {}),
      ...(postQuantum === undefined ? {} : { postQuantum }),
    };
  });
}

/**
 * The bundled policies. Their file is not checked against the schema at every start (every function's import
 * paid for it): test/shared/tls/policies.test.ts checks it, and that parsing it gives these same policies.
 */
const BUNDLED_ELBV2 = new Map(
  resolvePolicies(elbv2Data, 'shared/tls/data/elbv2-ssl-policies.json', 'predefined').map((p) => [p.name, p]),
);

const BUNDLED_CLASSIC = new Map(
  classicData.PolicyDescriptions.map((description) => {
    const policy = classicPolicyFromAttributes(
      description.PolicyName,
      description.PolicyAttributeDescriptions.map((a) => ({
        name: a.AttributeName,
        value: a.AttributeValue,
      })),
      'predefined',
    );
    return [description.PolicyName, policy];
  }),
);

export interface TlsCatalogOptions {
  /** Security policies read at run time (input files or live); they override bundled policies of the same name. */
  tlsPolicies?: readonly ResolvedTlsPolicy[];
}

/**
 * The policies and ciphers the rules judge by. Cheap to create (an event function creates one per event):
 * live policies are looked up before the bundled ones, which are not copied.
 */
export function createTlsCatalog(options: TlsCatalogOptions = {}): TlsCatalog {
  const live = new Map((options.tlsPolicies ?? []).map((policy) => [policy.name, policy]));
  // Each cipher name classified once per catalog: the rules ask for the same few hundred for every listener.
  const classified = new Map<string, ReturnType<typeof classifyCipher>>();
  return {
    elbv2Policy: (name) => live.get(name) ?? BUNDLED_ELBV2.get(name),
    classicPolicy: (name) => BUNDLED_CLASSIC.get(name),
    classifyCipher: (name) => {
      let info = classified.get(name);
      if (info === undefined) {
        info = classifyCipher(name);
        classified.set(name, info);
      }
      return info;
    },
    elbv2PolicyNames: () => [...new Set([...BUNDLED_ELBV2.keys(), ...live.keys()])].sort(),
  };
}

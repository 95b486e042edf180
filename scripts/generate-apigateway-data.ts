/**
 * Writes shared/families/apigateway/data/security-policies.json from
 * ../shared/reference/apigateway-security-policies.json (transcribed from the API Gateway Developer Guide's
 * security policy tables): each legacy and enhanced policy per endpoint group, resolved to its protocols and
 * ciphers, with whether it offers hybrid post-quantum key exchange (from its name: AWS names no groups), and the
 * default policies. A name the tables lack (in the API enum only) is left out, so it stays "cannot be verified".
 *
 *   node --import tsx scripts/generate-apigateway-data.ts [<reference dir>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ReferencePolicy {
  protocols: string[];
  ciphers: string[];
  kind: 'legacy' | 'enhanced';
  postQuantum: boolean;
  fips: boolean;
  source: string;
}

interface Reference {
  generatedFrom: Record<string, string>;
  policies: Record<string, Record<string, ReferencePolicy>>;
  defaults: Record<string, string>;
}

/** The reference groups policies by the endpoint types that share a table. */
const ENDPOINT_TYPES: Record<string, string[]> = {
  REGIONAL_and_PRIVATE: ['REGIONAL', 'PRIVATE'],
  EDGE: ['EDGE'],
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'reference'));
const out = join(repoRoot, 'shared', 'families', 'apigateway', 'data', 'security-policies.json');

const reference = JSON.parse(
  readFileSync(join(referenceDir, 'apigateway-security-policies.json'), 'utf8'),
) as Reference;

const policies = Object.entries(reference.policies).flatMap(([group, byName]) => {
  const endpointTypes = ENDPOINT_TYPES[group];
  if (!endpointTypes) throw new Error(`apigateway-security-policies.json: unknown endpoint group ${group}`);
  return Object.entries(byName).map(([name, policy]) => ({
    name,
    endpointTypes,
    kind: policy.kind,
    protocols: policy.protocols,
    ciphers: policy.ciphers,
    postQuantum: policy.postQuantum,
    fips: policy.fips,
    source: policy.source,
  }));
});

const data = {
  about:
    'API Gateway security policies resolved to protocols and ciphers, by endpoint group. Derived from ../shared/reference/apigateway-security-policies.json (transcribed from the AWS pages below). postQuantum: the policy offers hybrid ML-KEM key exchange (AWS names it in the policy name; the groups are not documented). A name not listed here (e.g. SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09, in the API enum but in no doc table) is unknown: cannot be verified.',
  sources: reference.generatedFrom,
  policies,
  // The defaults table, without the reference's own reading notes.
  defaults: Object.fromEntries(Object.entries(reference.defaults).filter(([key]) => key !== 'note')),
};

writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
console.log(`wrote ${out}: ${policies.length} policies`);

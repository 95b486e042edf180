/**
 * Writes shared/families/cloudfront/data/security-policies.json from ../shared/reference/cloudfront-security-policies.json
 * (transcribed from the CloudFront Developer Guide's viewer and origin protocol/cipher tables, cross-checked
 * against s2n-tls): each viewer security policy (MinimumProtocolVersion) resolved to its protocols, ciphers and
 * whether it offers hybrid post-quantum key exchange, and the origin side (OriginSslProtocols, ciphers).
 *
 *   node --import tsx scripts/generate-cloudfront-data.ts [<reference dir>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ReferenceViewerPolicy {
  protocols: string[];
  ciphers: string[];
  postQuantum: { offered: boolean; hybridGroups?: string[] };
  source: string;
}

interface Reference {
  generatedFrom: { viewerPage: string; originPage: string; apiEnums: string };
  apiEnum_MinimumProtocolVersion: string[];
  defaultCertificateRule: { rule: string; source: string };
  viewerPolicies: Record<string, ReferenceViewerPolicy>;
  origin: {
    OriginSslProtocols: { apiEnum: string[] };
    ciphers: string[];
    postQuantum: { documented: boolean };
    source: string;
  };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'reference'));
const out = join(repoRoot, 'shared', 'families', 'cloudfront', 'data', 'security-policies.json');

const reference = JSON.parse(
  readFileSync(join(referenceDir, 'cloudfront-security-policies.json'), 'utf8'),
) as Reference;

// Every value the API may return must resolve: a missing one would be reported "cannot be verified" forever.
const missing = reference.apiEnum_MinimumProtocolVersion.filter((name) => !reference.viewerPolicies[name]);
if (missing.length > 0) throw new Error(`viewer policies missing from the reference: ${missing.join(', ')}`);

const viewerPolicies = Object.fromEntries(
  Object.entries(reference.viewerPolicies).map(([name, policy]) => [
    name,
    {
      protocols: policy.protocols,
      ciphers: policy.ciphers,
      postQuantum: policy.postQuantum.offered,
      hybridGroups: policy.postQuantum.hybridGroups ?? [],
    },
  ]),
);

const data = {
  sources: {
    viewer: reference.generatedFrom.viewerPage,
    origin: reference.generatedFrom.originPage,
    apiEnums: reference.generatedFrom.apiEnums,
    defaultCertificate: reference.defaultCertificateRule.source,
  },
  // CloudFront applies TLSv1 to the *.cloudfront.net certificate whatever MinimumProtocolVersion says.
  defaultCertificatePolicy: 'TLSv1',
  viewerPolicies,
  origin: {
    sslProtocols: reference.origin.OriginSslProtocols.apiEnum,
    ciphers: reference.origin.ciphers,
    postQuantum: reference.origin.postQuantum.documented,
  },
};

writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
console.log(`wrote ${out}: ${Object.keys(viewerPolicies).length} viewer policies`);

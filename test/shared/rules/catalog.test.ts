import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../shared/families/index.js';
import { SEVERITIES } from '../../../shared/model/evaluation.js';
import { RESOURCE_TYPES } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { findRule, RULES } from '../../../shared/rules/index.js';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/families');

/** Rule files on disk: a family folder's files named `<ruleFamily>-*.ts` (other files there are shared helpers). */
function ruleFiles(): { family: string; id: string }[] {
  return FAMILIES.flatMap(({ id: folder, ruleFamily: family }) =>
    readdirSync(join(rulesDir, folder, 'rules'))
      .filter((file) => file.startsWith(`${family}-`) && file.endsWith('.ts'))
      .map((file) => ({ family, id: file.replace(/\.ts$/, '') })),
  );
}

/** Whether a dotted path such as "tls.minimumVersion" is a setting of the policy (optional ones included). */
function isPolicySetting(path: string): boolean {
  type Node = { shape?: Record<string, Node>; unwrap?: () => Node };
  let node: Node | undefined = policySchema as unknown as Node;
  for (const key of path.split('.')) {
    // Defaults, prefaults and optionals wrap the object that has the keys.
    while (node && !node.shape && typeof node.unwrap === 'function') node = node.unwrap();
    node = node?.shape?.[key];
    if (!node) return false;
  }
  return true;
}

// The catalog of ../shared/RULES.md (first edition), copied here so the test runs on a fresh clone.
const CATALOG_IDS = [
  'elbv2-listener-plaintext',
  'elbv2-listener-tcp-plaintext',
  'elbv2-listener-tls-policy',
  'elbv2-listener-weak-ciphers',
  'elbv2-listener-certificate-source',
  'elbv2-target-group-plaintext',
  'elb-listener-plaintext',
  'elb-listener-tls-policy',
  'elb-listener-weak-ciphers',
  'elb-listener-certificate-source',
  'vpn-tunnel-ike-version',
  'vpn-tunnel-weak-crypto',
  'vpn-tunnel-negotiated-crypto',
  'vpn-tunnel-down',
  'dx-connection-macsec',
  'dx-connection-macsec-fail-open',
  'dx-connection-macsec-down',
  'acm-certificate-expiry',
  'acm-certificate-key-strength',
  'acm-certificate-signature',
  'acm-certificate-renewal',
  'acm-certificate-status',
  'acm-certificate-transparency',
  'cloudfront-viewer-plaintext',
  'cloudfront-viewer-tls-policy',
  'cloudfront-origin-plaintext',
  'cloudfront-origin-tls',
  'vpc-lattice-listener-plaintext',
  'vpc-lattice-listener-tls-policy',
  // Second edition: API Gateway.
  'apigateway-domain-tls-policy',
  'datasync-location-plaintext',
  's3-bucket-secure-transport',
  's3-bucket-website-plaintext',
  'apigateway-api-tls-policy',
  'apigateway-backend-certificate',
  // Third edition: private paths (VPC encryption controls).
  'vpc-encryption-control',
  // Fourth edition: RDS and Aurora (the CA rule of "Certificates everywhere", the transport rule of private paths).
  'rds-ca-certificate-expiry',
  'rds-transport-not-enforced',
  // Certificates everywhere: Private CA and IAM server certificates.
  'pca-authority-strength',
  'pca-authority-expiry',
  'pca-authority-revocation',
  'iam-server-certificate-expiry',
  // Certificates everywhere: AWS IoT Core domain configurations, device and CA certificates.
  'iot-domain-tls-policy',
  'iot-certificate-expiry',
  'iot-certificate-strength',
  'iot-certificate-status',
];

describe('rule catalog', () => {
  it('has every rule of the catalog, and nothing else', () => {
    expect(RULES.map((rule) => rule.metadata.id).sort()).toEqual([...CATALOG_IDS].sort());
  });

  it('has unique rule ids', () => {
    const ids = RULES.map((rule) => rule.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps one file per rule, named as its id, in its family folder, and every file is in the index', () => {
    // Prepare
    const files = ruleFiles();

    // Assess
    expect(files.map((f) => f.id).sort()).toEqual(RULES.map((rule) => rule.metadata.id).sort());
    for (const { family, id } of files) {
      expect(findRule(id)?.metadata.family, id).toBe(family);
    }
  });

  it.each(FAMILIES.map((family) => [family.id, family] as const))(
    'gives the rules of the %s family its ruleFamily, as their family and id prefix, and only its resource types',
    (_id, family) => {
      for (const rule of family.rules) {
        expect(rule.metadata.family, rule.metadata.id).toBe(family.ruleFamily);
        expect(rule.metadata.id.startsWith(`${family.ruleFamily}-`), rule.metadata.id).toBe(true);
        for (const type of rule.metadata.resourceTypes) expect(family.resourceTypes).toContain(type);
      }
    },
  );

  it.each(RULES.map((rule) => [rule.metadata.id, rule] as const))('%s has complete metadata', (_id, rule) => {
    const m = rule.metadata;
    expect(m.title.length).toBeGreaterThan(5);
    expect(m.title).not.toMatch(/^Ensure/i);
    expect(m.description.length).toBeGreaterThan(20);
    expect(m.rationale.length).toBeGreaterThan(20);
    expect(SEVERITIES).toContain(m.severity);
    expect(m.resourceTypes.length).toBeGreaterThan(0);
    for (const type of m.resourceTypes) expect(RESOURCE_TYPES).toContain(type);
    expect(m.remediation.guidance.length).toBeGreaterThan(10);
    expect(m.references.length).toBeGreaterThan(0);
    for (const reference of m.references) expect(reference).toMatch(/^https:\/\//);
    expect(m.compliance.frameworks).toContain('AWS Well-Architected SEC09-BP02');
    expect(Array.isArray(m.parameters)).toBe(true);
  });

  it.each(RULES.map((rule) => [rule.metadata.id, rule] as const))(
    '%s reads its thresholds from paths that exist in the policy',
    (_id, rule) => {
      for (const parameter of rule.metadata.parameters) {
        expect(isPolicySetting(parameter.policyPath), parameter.policyPath).toBe(true);
      }
    },
  );

  it.each(RULES.map((rule) => [rule.metadata.id, rule] as const))(
    '%s defaults to notify: remediate and block are opt-in in the policy file',
    (_id, rule) => {
      expect(rule.metadata.defaultMode).toBe('notify');
    },
  );
});

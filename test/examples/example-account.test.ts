import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadInventory } from '../../shared/inventory/load.js';
import type { Inventory } from '../../shared/inventory/types.js';
import type { ComplianceStatus, Evaluation } from '../../shared/model/evaluation.js';
import { type Policy, policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import { createTlsCatalog } from '../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../shared/usecase/evaluate.js';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const accountDir = join(examplesDir, 'account');
/** The date examples/README.md tells users to pass as --now. */
const NOW = new Date('2026-11-22T00:00:00Z');

/** Rules whose COMPLIANT case needs a policy setting that is off by default (see examples/README.md). */
const NEEDS_PASSTHROUGH_POLICY = 'elbv2-listener-tcp-plaintext';

function evaluate(inventory: Inventory, policy: Policy): Evaluation[] {
  const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
  return evaluateAndPlanAll(inventory.resources, RULES, { policy, now: NOW, tls });
}

function statusesOf(evaluations: readonly Evaluation[], ruleId: string): Set<ComplianceStatus> {
  return new Set(evaluations.filter((e) => e.ruleId === ruleId).map((e) => e.status));
}

function verdict(evaluations: readonly Evaluation[], ruleId: string, resourceId: string): ComplianceStatus {
  const found = evaluations.filter((e) => e.ruleId === ruleId && e.resourceId === resourceId);
  expect(found, `${ruleId} on ${resourceId}`).toHaveLength(1);
  return (found[0] as Evaluation).status;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(accountDir, file), 'utf8'));
}

/** Every PreSharedKey / preSharedKey value, customerGatewayConfiguration and <pre_shared_key> in a parsed file. */
function secretsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const entry of value) secretsIn(entry, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const name = key.toLowerCase();
      if ((name === 'presharedkey' || name === 'customergatewayconfiguration') && typeof entry === 'string') {
        found.push(entry);
        for (const match of entry.matchAll(/<pre_shared_key>([^<]+)<\/pre_shared_key>/g)) {
          found.push(match[1] as string);
        }
      } else if (name === 'configuration' && typeof entry === 'string') {
        secretsIn(JSON.parse(entry), found);
      } else {
        secretsIn(entry, found);
      }
    }
  }
  return found;
}

describe('example account (examples/account)', () => {
  let inventory: Inventory;
  let evaluations: Evaluation[];

  beforeAll(async () => {
    inventory = await loadInventory([accountDir]);
    evaluations = evaluate(inventory, policySchema.parse({}));
  });

  it('reads every file without an input error', () => {
    // Prepare, Act: beforeAll loads the directory
    // Assess
    expect(inventory.errors).toEqual([]);
    expect(inventory.resources.length).toBeGreaterThan(30);
  });

  it('covers the whole rule catalog', () => {
    // Prepare, Act, Assess
    expect(RULES).toHaveLength(46);
  });

  it.each(RULES.map((rule) => rule.metadata.id).filter((id) => id !== NEEDS_PASSTHROUGH_POLICY))(
    'shows %s both COMPLIANT and NON_COMPLIANT under the default policy',
    (ruleId) => {
      // Prepare, Act: beforeAll
      const statuses = statusesOf(evaluations, ruleId);

      // Assess
      expect([...statuses]).toEqual(expect.arrayContaining(['COMPLIANT', 'NON_COMPLIANT']));
    },
  );

  it('shows elbv2-listener-tcp-plaintext NON_COMPLIANT by default and COMPLIANT with the passthrough policy', () => {
    // Prepare
    const policyFile = join(examplesDir, 'passthrough.policy.yml');
    const passthrough = policySchema.parse(parseYaml(readFileSync(policyFile, 'utf8')));
    const ledgerMtls =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/net/ledger-nlb/7e8f90a1b2c3d4e5/708192a3b4c5d6e7';

    // Act
    const withPassthrough = evaluate(inventory, passthrough);

    // Assess
    expect(verdict(evaluations, 'elbv2-listener-tcp-plaintext', ledgerMtls)).toBe('NON_COMPLIANT');
    expect(verdict(withPassthrough, 'elbv2-listener-tcp-plaintext', ledgerMtls)).toBe('COMPLIANT');
    expect(statusesOf(withPassthrough, 'elbv2-listener-tcp-plaintext')).toContain('NON_COMPLIANT');
  });

  it.each([
    ['elbv2-listener-plaintext', 'listener/app/storefront/4f1e2d3c4b5a6978/9a8b7c6d5e4f3021', 'COMPLIANT'],
    [
      'elbv2-listener-plaintext',
      'listener/app/legacy-portal/0b1c2d3e4f5a6b7c/2b3c4d5e6f708192',
      'NON_COMPLIANT',
    ],
    ['elbv2-listener-tls-policy', 'listener/app/storefront/4f1e2d3c4b5a6978/1f2e3d4c5b6a7980', 'COMPLIANT'],
    [
      'elbv2-listener-tls-policy',
      'listener/app/legacy-portal/0b1c2d3e4f5a6b7c/3c4d5e6f70819203',
      'NON_COMPLIANT',
    ],
    ['elbv2-listener-tls-policy', 'listener/app/partner-api/5d6e7f8091a2b3c4/4d5e6f7081920314', 'COMPLIANT'],
    [
      'elbv2-listener-weak-ciphers',
      'listener/app/partner-api/5d6e7f8091a2b3c4/4d5e6f7081920314',
      'NON_COMPLIANT',
    ],
    [
      'elbv2-listener-tls-policy',
      'listener/net/ledger-nlb/7e8f90a1b2c3d4e5/5e6f708192a3b4c5',
      'NON_COMPLIANT',
    ],
    [
      'elbv2-listener-certificate-source',
      'listener/app/legacy-portal/0b1c2d3e4f5a6b7c/3c4d5e6f70819203',
      'NON_COMPLIANT',
    ],
    [
      'elbv2-listener-plaintext',
      'listener/gwy/inspection-gwlb/c4d5e6f708192a3b/8192a3b4c5d6e7f8',
      'NOT_APPLICABLE',
    ],
    ['elbv2-target-group-plaintext', 'targetgroup/storefront-web/0123456789abcdef', 'NON_COMPLIANT'],
    ['elbv2-target-group-plaintext', 'targetgroup/partner-api/2b3c4d5e6f7a8b9c', 'COMPLIANT'],
    ['elbv2-target-group-plaintext', 'targetgroup/ledger-postgres/4d5e6f7a8b9c0d1e', 'NOT_APPLICABLE'],
  ] as const)('judges %s on %s as %s', (ruleId, arnSuffix, expected) => {
    // Prepare
    const arn = `arn:aws:elasticloadbalancing:eu-west-1:111122223333:${arnSuffix}`;

    // Act, Assess
    expect(verdict(evaluations, ruleId, arn)).toBe(expected);
  });

  it.each([
    ['elb-listener-plaintext', 'pay-gateway-clb', 'COMPLIANT'],
    ['elb-listener-tls-policy', 'pay-gateway-clb', 'COMPLIANT'],
    ['elb-listener-weak-ciphers', 'pay-gateway-clb', 'COMPLIANT'],
    ['elb-listener-tls-policy', 'mail-relay-clb', 'NON_COMPLIANT'],
    ['elb-listener-weak-ciphers', 'mail-relay-clb', 'NON_COMPLIANT'],
    ['elb-listener-plaintext', 'status-legacy-clb', 'NON_COMPLIANT'],
    ['elb-listener-tls-policy', 'intranet-clb', 'COMPLIANT'],
    ['elb-listener-weak-ciphers', 'intranet-clb', 'NON_COMPLIANT'],
  ] as const)('judges %s on classic load balancer %s as %s', (ruleId, name, expected) => {
    // Prepare
    const arn = `arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/${name}`;

    // Act, Assess
    expect(verdict(evaluations, ruleId, arn)).toBe(expected);
  });

  it.each([
    ['vpn-tunnel-ike-version', 'vpn-0a1b2c3d4e5f60718', 'COMPLIANT'],
    ['vpn-tunnel-weak-crypto', 'vpn-0a1b2c3d4e5f60718', 'COMPLIANT'],
    ['vpn-tunnel-ike-version', 'vpn-0e3f405162738495a', 'COMPLIANT'],
    ['vpn-tunnel-weak-crypto', 'vpn-0e3f405162738495a', 'COMPLIANT'],
    ['vpn-tunnel-down', 'vpn-0e3f405162738495a', 'COMPLIANT'],
    ['vpn-tunnel-ike-version', 'vpn-0c1d2e3f405162738', 'NON_COMPLIANT'],
    ['vpn-tunnel-weak-crypto', 'vpn-0c1d2e3f405162738', 'NON_COMPLIANT'],
    ['vpn-tunnel-ike-version', 'vpn-0d2e3f40516273849', 'COMPLIANT'],
    ['vpn-tunnel-weak-crypto', 'vpn-0d2e3f40516273849', 'NON_COMPLIANT'],
    ['vpn-tunnel-down', 'vpn-0f405162738495a6b', 'NON_COMPLIANT'],
    ['vpn-tunnel-negotiated-crypto', 'vpn-0e3f405162738495a', 'COMPLIANT'],
    ['vpn-tunnel-negotiated-crypto', 'vpn-0c1d2e3f405162738', 'NON_COMPLIANT'],
    ['vpn-tunnel-negotiated-crypto', 'vpn-0a1b2c3d4e5f60718', 'NOT_APPLICABLE'],
    ['dx-connection-macsec', 'dxcon-fg1a2b3c', 'COMPLIANT'],
    ['dx-connection-macsec-fail-open', 'dxcon-fg1a2b3c', 'COMPLIANT'],
    ['dx-connection-macsec-down', 'dxcon-fg1a2b3c', 'COMPLIANT'],
    ['dx-connection-macsec-fail-open', 'dxcon-fg2b3c4d', 'NON_COMPLIANT'],
    ['dx-connection-macsec', 'dxcon-fg3c4d5e', 'NON_COMPLIANT'],
    ['dx-connection-macsec', 'dxcon-fg4d5e6f', 'NON_COMPLIANT'],
    ['dx-connection-macsec-down', 'dxcon-fg5e6f7a', 'NON_COMPLIANT'],
    ['dx-connection-macsec', 'dxlag-fh1a2b3c', 'COMPLIANT'],
    ['dx-connection-macsec-down', 'dxlag-fh1a2b3c', 'COMPLIANT'],
  ] as const)('judges %s on %s as %s', (ruleId, resourceId, expected) => {
    // Prepare, Act, Assess
    expect(verdict(evaluations, ruleId, resourceId)).toBe(expected);
  });

  it.each([
    ['acm-certificate-expiry', '3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7', 'COMPLIANT'],
    ['acm-certificate-renewal', '3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7', 'COMPLIANT'],
    ['acm-certificate-renewal', '8d41b7c2-05ae-4f39-b6d8-71c9e2a4f015', 'NON_COMPLIANT'],
    ['acm-certificate-transparency', 'c7a95e13-2b80-46df-a4c1-9e03d5b7f268', 'NON_COMPLIANT'],
    ['acm-certificate-key-strength', '1b2e9d47-6c3a-4e01-8f5b-a7d40c92e6b3', 'NON_COMPLIANT'],
    ['acm-certificate-signature', '1b2e9d47-6c3a-4e01-8f5b-a7d40c92e6b3', 'NON_COMPLIANT'],
    ['acm-certificate-expiry', '5e6f7a80-91b2-4c3d-8e4f-a5b6c7d8e9f0', 'NON_COMPLIANT'],
    ['acm-certificate-status', '5e6f7a80-91b2-4c3d-8e4f-a5b6c7d8e9f0', 'NON_COMPLIANT'],
    ['acm-certificate-status', '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', 'NON_COMPLIANT'],
    ['acm-certificate-expiry', '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'NON_COMPLIANT'],
  ] as const)('judges %s on certificate %s as %s', (ruleId, certificateId, expected) => {
    // Prepare
    const arn = `arn:aws:acm:eu-west-1:111122223333:certificate/${certificateId}`;

    // Act, Assess
    expect(verdict(evaluations, ruleId, arn)).toBe(expected);
  });

  it('reads the listener rules from describe-rules output and names the rule that serves plaintext', () => {
    // Prepare
    const legacyHttp =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/legacy-portal/0b1c2d3e4f5a6b7c/2b3c4d5e6f708192';

    // Act
    const finding = evaluations.find(
      (e) => e.ruleId === 'elbv2-listener-plaintext' && e.resourceId === legacyHttp,
    );

    // Assess
    expect(finding?.details?.plaintextRules).toEqual([expect.objectContaining({ priority: '5' })]);
  });

  it('rates the expired certificate that is still in use critical', () => {
    // Prepare
    const arn = 'arn:aws:acm:eu-west-1:111122223333:certificate/5e6f7a80-91b2-4c3d-8e4f-a5b6c7d8e9f0';

    // Act
    const expiry = evaluations.find((e) => e.ruleId === 'acm-certificate-expiry' && e.resourceId === arn);

    // Assess
    expect(expiry?.severity).toBe('critical');
  });

  it('never carries a pre-shared key or customer gateway configuration into resources or evaluations', () => {
    // Prepare
    const secrets = [
      ...secretsIn(readJson('ec2-describe-vpn-connections.json')),
      ...secretsIn(readJson('config-snapshot.json')),
    ];

    // Act
    const output = JSON.stringify({ resources: inventory.resources, evaluations });

    // Assess
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/pre_?shared_?key|customerGatewayConfiguration/i);
  });
});

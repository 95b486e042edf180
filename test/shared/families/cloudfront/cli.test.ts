/**
 * Every CloudFront rule through the CLI (`evaluate --format json`) in each input format it reads: a failing
 * distribution, a compliant near miss (one step from failing on each rule) and one the input cannot verify. The
 * three are the same distributions in every format (test/fixtures/inputs/cloudfront/), so the formats must agree.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const DIR = fileURLToPath(new URL('../../../fixtures/inputs/cloudfront/', import.meta.url));
const NOW = ['--now', '2026-12-01T00:00:00Z'];

interface JsonEvaluation {
  ruleId: string;
  status: string;
  reason: string;
  resourceId: string;
  details?: Record<string, unknown>;
}

async function evaluate(...files: string[]): Promise<JsonEvaluation[]> {
  const run = await runCliCaptured([
    'evaluate',
    ...files.map((file) => `${DIR}${file}`),
    '--format',
    'json',
    ...NOW,
  ]);
  const report = JSON.parse(run.stdout) as { evaluations: JsonEvaluation[]; errors: unknown[] };
  expect(report.errors).toEqual([]);
  return report.evaluations;
}

const RULES = [
  'cloudfront-viewer-plaintext',
  'cloudfront-viewer-tls-policy',
  'cloudfront-origin-plaintext',
  'cloudfront-origin-tls',
];

/** What each rule concludes on each case: a status, and a phrase its reason must hold. */
const EXPECTED: Record<string, Record<string, [string, string]>> = {
  failing: {
    'cloudfront-viewer-plaintext': ['NON_COMPLIANT', 'allow-all) on the default cache behavior'],
    'cloudfront-viewer-tls-policy': ['NON_COMPLIANT', 'default *.cloudfront.net certificate'],
    'cloudfront-origin-plaintext': ['NON_COMPLIANT', 'legacy-api (OriginProtocolPolicy http-only)'],
    'cloudfront-origin-tls': ['NON_COMPLIANT', 'shop-alb (TLSv1 and TLSv1.1)'],
  },
  'near-miss': {
    'cloudfront-viewer-plaintext': ['COMPLIANT', 'HTTPS only on all 2 cache behaviors'],
    'cloudfront-viewer-tls-policy': ['COMPLIANT', 'security policy TLSv1.2_2021, which passes'],
    'cloudfront-origin-plaintext': ['COMPLIANT', 'all 2 of its origins over HTTPS'],
    'cloudfront-origin-tls': ['COMPLIANT', 'TLSv1.2 or newer only'],
  },
  unverified: {
    'cloudfront-viewer-plaintext': ['NON_COMPLIANT', 'cannot be verified'],
    'cloudfront-viewer-tls-policy': ['NON_COMPLIANT', 'TLSv1.3_2030 is not in transit-guard'],
    'cloudfront-origin-plaintext': ['NON_COMPLIANT', 'cannot be verified (origin internal-alb'],
    'cloudfront-origin-tls': ['NON_COMPLIANT', 'OriginSslProtocols of origin api-origin'],
  },
};

const IDS: Record<string, string> = {
  failing: 'E1WEAKEXAMPLE1',
  'near-miss': 'E2SAFEEXAMPLE2',
  unverified: 'E3OPAQUEEXAMPLE',
};
const CASES = Object.keys(EXPECTED);

function expectCase(evaluations: JsonEvaluation[], name: string) {
  const expected = EXPECTED[name] ?? {};
  for (const ruleId of RULES) {
    const evaluation = evaluations.find((candidate) => candidate.ruleId === ruleId);
    const [status, phrase] = expected[ruleId] ?? [];
    expect({ ruleId, status: evaluation?.status }).toEqual({ ruleId, status });
    expect(evaluation?.reason).toContain(phrase);
    if (name === 'unverified') expect(evaluation?.reason).toMatch(/cannot be verified/);
  }
}

describe('transit-guard evaluate on CloudFront inputs', () => {
  it.each(CASES)('judges the %s distribution of `aws cloudfront list-distributions`', async (name) => {
    // Act
    const evaluations = await evaluate('list-distributions.json');

    // Assess
    expectCase(
      evaluations.filter((e) => e.resourceId.endsWith(`/${IDS[name]}`)),
      name,
    );
  });

  it.each(CASES)('judges the %s distribution of `aws cloudfront get-distribution`', async (name) => {
    // Act
    const evaluations = await evaluate(`get-distribution-${name}.json`);

    // Assess
    expect(new Set(evaluations.map((e) => e.resourceId))).toEqual(
      new Set([`arn:aws:cloudfront::111122223333:distribution/${IDS[name]}`]),
    );
    expectCase(evaluations, name);
  });

  it.each(CASES)('judges the %s distribution of `aws cloudfront get-distribution-config`', async (name) => {
    // Act
    const evaluations = await evaluate(`get-distribution-config-${name}.json`);

    // Assess: the output names no distribution Id, so the caller reference names it.
    expect(new Set(evaluations.map((e) => e.resourceId)).size).toBe(1);
    expect(evaluations[0]?.resourceId).toMatch(/^CallerReference:tg-fixture-/);
    expectCase(evaluations, name);
  });

  it.each(CASES)(
    'judges the %s distribution of its AWS Config item (camelCase, region "global")',
    async (name) => {
      // Act
      const evaluations = await evaluate('config-items.json');

      // Assess
      const own = evaluations.filter((e) => e.resourceId.endsWith(`/${IDS[name]}`));
      expectCase(own, name);
    },
  );

  it('reports post-quantum support in the viewer policy details only when the policy is known', async () => {
    // Act
    const evaluations = await evaluate('list-distributions.json');

    // Assess
    const tls = evaluations.filter((e) => e.ruleId === 'cloudfront-viewer-tls-policy');
    const byId = (id: string) => tls.find((e) => e.resourceId.endsWith(`/${id}`))?.details ?? {};
    expect(byId('E1WEAKEXAMPLE1').postQuantum).toBe(true);
    expect(byId('E2SAFEEXAMPLE2').postQuantum).toBe(true);
    expect(byId('E3OPAQUEEXAMPLE')).not.toHaveProperty('postQuantum');
  });

  it('plans UpdateDistribution only from an input that carries the ETag, with the header secret hidden', async () => {
    // Act
    const run = await runCliCaptured([
      'evaluate',
      `${DIR}get-distribution-failing.json`,
      '--format',
      'json',
      '--policy',
      `${DIR}remediate.policy.yml`,
      ...NOW,
    ]);

    // Assess
    const report = JSON.parse(run.stdout) as {
      evaluations: (JsonEvaluation & { response?: Record<string, unknown> })[];
    };
    const viewer = report.evaluations.find((e) => e.ruleId === 'cloudfront-viewer-plaintext');
    expect(viewer?.response).toMatchObject({ status: 'dry-run', action: 'cloudfront-redirect-to-https' });
    expect(JSON.stringify(viewer?.response)).toContain('"IfMatch":"E2QWRUHEXAMPLE"');
    expect(run.stdout).not.toContain('fixture-secret-weak');
  });

  it('refuses to plan a change from list-distributions output, which has no ETag, and says why', async () => {
    // Act
    const run = await runCliCaptured([
      'evaluate',
      `${DIR}list-distributions.json`,
      '--format',
      'json',
      '--policy',
      `${DIR}remediate.policy.yml`,
      ...NOW,
    ]);

    // Assess
    const report = JSON.parse(run.stdout) as {
      evaluations: (JsonEvaluation & { response?: Record<string, unknown> })[];
    };
    const viewer = report.evaluations.find(
      (e) => e.ruleId === 'cloudfront-viewer-plaintext' && e.resourceId.endsWith('/E1WEAKEXAMPLE1'),
    );
    expect(viewer?.response?.calls).toBeUndefined();
    expect(String(viewer?.response?.note)).toContain('needs the whole DistributionConfig and its ETag');
  });
});

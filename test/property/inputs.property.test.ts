/**
 * Every input format `transit-guard evaluate` accepts (describe outputs, AWS Config items, snapshots,
 * history, placebo recordings), mutated, through the same path as the CLI: normalize, link, evaluate.
 * Nothing may throw: a bad record becomes an InputError entry that names the input and the field path,
 * the other records are still read, and every evaluation is about a resource that was read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../shared/inventory/types.js';
import { type ComplianceStatus, SEVERITIES } from '../../shared/model/evaluation.js';
import { policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import { createTlsCatalog } from '../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../shared/usecase/evaluate.js';
import { normalizeDocuments } from '../helpers/inventory.js';
import { loadJsonFixtures, mutatedFixture, parameters, RUNS } from './support.js';

const INPUTS = loadJsonFixtures(new URL('../fixtures/inputs/', import.meta.url));
for (const [name, document] of loadJsonFixtures(new URL('../fixtures/inputs/mixed/', import.meta.url), [
  // Not JSON on purpose: the loader's own tests cover it.
  'a-truncated-edit.json',
])) {
  INPUTS.set(`mixed/${name}`, document);
}

const POLICY = policySchema.parse({});
const NOW = new Date('2026-11-22T00:00:00.000Z');
const RULE_IDS = RULES.map((rule) => rule.metadata.id);
const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];

/**
 * "Listeners[2].Port: ...", "configurationItems[0].configuration.vgwTelemetry: ...", "[3].arn: ..." after
 * the format's name; DescribeSSLPolicies problems come in parentheses ("(SslPolicies.0.Ciphers: ...)").
 */
const FIELD_PROBLEM = /(?:: |\()(?:\[\d+\]|[A-Za-z_$][\w$-]*)(?:\[\d+\]|\.[\w$-]+)*: \S/;
/**
 * Problems about a whole document or item, where there is no field to name: not an input at all, an
 * oversized Config item without its configuration, two inputs describing one policy differently.
 */
const DOCUMENT_PROBLEM =
  /^(?:not a recognized input: |not resource data: |.+: oversized configuration item |classic load balancer policy .+ is described differently in these inputs|\S+ \S+ is described differently in these inputs \()/;

/** The CLI's path from parsed documents to evaluations. */
function evaluateDocuments(documents: readonly { document: unknown; source: string }[]) {
  const inventory = normalizeDocuments(documents);
  const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
  return {
    inventory,
    evaluations: evaluateAndPlanAll(inventory.resources, RULES, { policy: POLICY, now: NOW, tls }),
  };
}

/**
 * What is wrong with a result, as readable lines (checked without expect() per value: a run holds
 * thousands of evaluations). Empty when every error names where it is and every evaluation is sound.
 */
function problemsOf({
  inventory,
  evaluations,
}: {
  inventory: Inventory;
  evaluations: ReturnType<typeof evaluateAndPlanAll>;
}): string[] {
  const problems: string[] = [];
  for (const error of inventory.errors) {
    if (typeof error.source !== 'string' || error.source === '')
      problems.push(`error without a source: ${error.message}`);
    if (!FIELD_PROBLEM.test(error.message) && !DOCUMENT_PROBLEM.test(error.message)) {
      problems.push(`error naming no field: ${error.source}: ${error.message}`);
    }
  }
  const ids = new Set<unknown>();
  for (const resource of inventory.resources) {
    ids.add(resource.resourceId);
    if (typeof resource.resourceId !== 'string' || resource.resourceId === '') {
      problems.push(`${resource.resourceType} with the resourceId ${JSON.stringify(resource.resourceId)}`);
    }
  }
  for (const evaluation of evaluations) {
    const where = `${evaluation.ruleId} on ${evaluation.resourceId}`;
    if (!RULE_IDS.includes(evaluation.ruleId)) problems.push(`unknown rule: ${where}`);
    if (!COMPLIANCE_STATUSES.includes(evaluation.status))
      problems.push(`status ${evaluation.status}: ${where}`);
    if (!SEVERITIES.includes(evaluation.severity)) problems.push(`severity ${evaluation.severity}: ${where}`);
    if (!ids.has(evaluation.resourceId)) problems.push(`evaluation of a resource not read: ${where}`);
    if (typeof evaluation.reason !== 'string' || evaluation.reason === '')
      problems.push(`no reason: ${where}`);
  }
  return problems;
}

describe('normalizeDocument + evaluateAndPlanAll with mutated inputs', () => {
  it('reads, reports or leaves out every record of one to three mutated inputs, never throwing', () => {
    // Prepare
    let cases = 0;
    let reported = 0;
    const documents = fc.array(mutatedFixture(INPUTS), { minLength: 1, maxLength: 3 });

    // Act
    fc.assert(
      fc.property(documents, (mutations) => {
        cases++;
        const parts = mutations.map(({ fixture, value }, index) => ({
          document: value,
          source: `${index}-${fixture}`,
        }));
        const result = evaluateDocuments(parts);
        if (result.inventory.errors.length > 0) reported++;
        expect(problemsOf(result).join('\n')).toBe('');
      }),
      parameters(RUNS.inputs),
    );

    // Assess
    expect(cases).toBe(RUNS.inputs);
    expect(reported).toBeGreaterThan(RUNS.inputs / 10);
  });

  it('reports arbitrary JSON as unrecognized or reads it, never throwing', () => {
    // Prepare
    let cases = 0;

    // Act
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (document) => {
        cases++;
        expect(problemsOf(evaluateDocuments([{ document, source: 'arbitrary.json' }])).join('\n')).toBe('');
      }),
      parameters(RUNS.arbitraryInputs),
    );

    // Assess
    expect(cases).toBe(RUNS.arbitraryInputs);
  });
});

/**
 * Unknown is never a pass: every fixture input that has a NON_COMPLIANT evaluation, weakened the ways real
 * inputs go wrong (a value's letters in another case, whitespace around it, a value the API does not have,
 * a field left out), never turns that evaluation COMPLIANT. A mutation may make it NON_COMPLIANT for
 * another reason ("cannot be verified"), NOT_APPLICABLE (a field the rule needs is missing), or leave the
 * resource out with an input error; it may not make a weak configuration pass.
 *
 * Left out of the deletions, because their absence is a real, healthy state and not missing data: an ACM
 * RenewalSummary (present only while a managed renewal is under way).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComplianceStatus } from '../../shared/model/evaluation.js';
import { policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import { createTlsCatalog } from '../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../shared/usecase/evaluate.js';
import { normalizeDocuments } from '../helpers/inventory.js';
import { type Json, loadJsonFixtures, parameters, pathsOf, RUNS } from './support.js';

const INPUTS = loadJsonFixtures(new URL('../fixtures/inputs/', import.meta.url));
for (const [name, document] of loadJsonFixtures(new URL('../fixtures/inputs/mixed/', import.meta.url), [
  'a-truncated-edit.json',
])) {
  INPUTS.set(`mixed/${name}`, document);
}

const POLICY = policySchema.parse({});
const NOW = new Date('2026-11-22T00:00:00.000Z');

/** The statuses of each (rule, resource) pair the document yields (two when it describes a resource twice). */
function verdicts(document: unknown): Map<string, ComplianceStatus[]> {
  const inventory = normalizeDocuments([{ document, source: 'input.json' }]);
  const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
  const statuses = new Map<string, ComplianceStatus[]>();
  for (const evaluation of evaluateAndPlanAll(inventory.resources, RULES, {
    policy: POLICY,
    now: NOW,
    tls,
  })) {
    const key = `${evaluation.ruleId} ${evaluation.resourceId}`;
    statuses.set(key, [...(statuses.get(key) ?? []), evaluation.status]);
  }
  return statuses;
}

/**
 * The fixtures with a NON_COMPLIANT evaluation of a resource they describe once, with those evaluations'
 * keys (a resource described twice is judged twice; a weakened copy of it would leave the other one alone).
 */
const WEAK = new Map(
  [...INPUTS].flatMap(([name, document]) => {
    // It describes each load balancer twice: a weakened name splits one resource into two.
    if (name === 'elb-describe-load-balancers-repeated.json') return [];
    const weak = [...verdicts(document)]
      .filter(([, statuses]) => statuses.length === 1 && statuses[0] === 'NON_COMPLIANT')
      .map(([key]) => key);
    return weak.length > 0 ? [[name, { document, weak }] as const] : [];
  }),
);

/** Fields whose absence is a healthy state of the resource, not a value the input failed to give. */
const ABSENT_WHEN_HEALTHY = new Set(['renewalsummary', 'renewalstatus', 'renewalstatusreason']);

/** Values no AWS enum has, and the empty string. */
const UNKNOWN_VALUES = ['x', 'UNKNOWN', '', '-', 'none', 'null'];

type WeakeningKind = 'case' | 'space' | 'unknown' | 'delete';

interface Weakening {
  kind: WeakeningKind;
  at: number;
  flips: boolean[];
  space: string;
  before: boolean;
  unknown: string;
}

const weakening: fc.Arbitrary<Weakening> = fc.record({
  kind: fc.constantFrom<WeakeningKind>('case', 'space', 'unknown', 'delete'),
  at: fc.nat(),
  flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 48 }),
  space: fc.constantFrom(' ', '  ', '\t', '\n'),
  before: fc.boolean(),
  unknown: fc.constantFrom(...UNKNOWN_VALUES),
});

type Path = (string | number)[];

function parentAt(root: unknown, path: Path): Record<string | number, unknown> {
  let value = root;
  for (const key of path.slice(0, -1)) value = (value as Record<string | number, unknown>)[key];
  return value as Record<string | number, unknown>;
}

/** Some letters of the text in the other case, as `flips` says (cycled). */
function flipCase(text: string, flips: readonly boolean[]): string {
  return [...text]
    .map((character, index) => {
      if (!flips[index % flips.length]) return character;
      const upper = character.toUpperCase();
      return upper === character ? character.toLowerCase() : upper;
    })
    .join('');
}

/** Applies one weakening to a copy of the document; the document itself is never changed. */
function weaken(document: Json, change: Weakening): unknown {
  const root = structuredClone(document);
  const paths = pathsOf(root).filter((path) => path.length > 0);
  if (change.kind === 'delete') {
    const fields = paths.filter((path) => {
      const key = path.at(-1);
      return typeof key === 'string' && !ABSENT_WHEN_HEALTHY.has(key.toLowerCase());
    });
    const path = fields[change.at % fields.length];
    if (path) Reflect.deleteProperty(parentAt(root, path), path.at(-1) as string);
    return root;
  }
  const strings = paths.filter((path) => typeof parentAt(root, path)[path.at(-1) as string] === 'string');
  const path = strings[change.at % strings.length];
  if (!path) return root;
  const parent = parentAt(root, path);
  const key = path.at(-1) as string | number;
  const text = parent[key] as string;
  if (change.kind === 'case') parent[key] = flipCase(text, change.flips);
  else if (change.kind === 'space')
    parent[key] = change.before ? `${change.space}${text}` : `${text}${change.space}`;
  else parent[key] = change.unknown;
  return root;
}

describe('weakened inputs', () => {
  it('has weak fixtures of every family to weaken', () => {
    // Assess
    const rules = new Set([...WEAK.values()].flatMap(({ weak }) => weak.map((key) => key.split(' ')[0])));
    expect([...rules].map((rule) => rule?.split('-')[0]).sort()).toEqual(
      expect.arrayContaining(['acm', 'dx', 'elb', 'elbv2', 'vpn']),
    );
  });

  it('flips the case of the letters it is told to, and only those', () => {
    expect(flipCase('HTTPS', [true, false])).toBe('hTtPs');
    expect(flipCase('must_encrypt', [true])).toBe('MUST_ENCRYPT');
    expect(flipCase('Up 1', [false])).toBe('Up 1');
  });

  it('never turns a NON_COMPLIANT evaluation COMPLIANT', () => {
    // Prepare
    let cases = 0;
    let changed = 0;
    const names = [...WEAK.keys()];
    const cases$ = fc.record({
      fixture: fc.constantFrom(...names),
      changes: fc.array(weakening, { minLength: 1, maxLength: 2 }),
    });

    // Act
    fc.assert(
      fc.property(cases$, ({ fixture, changes }) => {
        cases++;
        const { document, weak } = WEAK.get(fixture) as { document: Json; weak: string[] };
        let mutated: unknown = document;
        for (const change of changes) mutated = weaken(mutated as Json, change);
        const after = verdicts(JSON.parse(JSON.stringify(mutated)));
        const passed = weak.filter((key) => after.get(key)?.includes('COMPLIANT'));
        if (weak.some((key) => after.get(key)?.join() !== 'NON_COMPLIANT')) changed++;
        expect(passed, `${fixture} after ${JSON.stringify(changes)}`).toEqual([]);
      }),
      parameters(RUNS.weakenedInputs),
    );

    // Assess
    expect(cases).toBe(RUNS.weakenedInputs);
    expect(changed).toBeGreaterThan(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { KpiCounter } from '../../../shared/report/kpis.js';
import { accountEvaluations } from './evaluations.js';

/** Twelve more families, each with a share KPI of its own: with the registry's, well past the old limit of 10. */
vi.mock('../../../shared/families/index.js', async (original) => {
  const actual = await original<typeof import('../../../shared/families/index.js')>();
  const { testFamily } = await import('../../helpers/families.js');
  const extra = Array.from({ length: 12 }, (_, n) =>
    testFamily({
      id: `extra${n}`,
      report: {
        resourceNoun: `thing ${n}`,
        consoleLink: () => undefined,
        kpis: [
          {
            kpi: { kind: 'share', key: `extraShare${n}`, label: `Extra ${n}`, digestLabel: `Extra ${n}` },
            rules: [`extra-rule-${n}`],
          },
        ],
      },
    }),
  );
  return { ...actual, FAMILIES: [...actual.FAMILIES, ...extra] };
});

const template = accountEvaluations()[0] as Evaluation;
const evaluation = (resourceId: string, ruleId: string, status: Evaluation['status']): Evaluation => ({
  ...template,
  resourceId,
  ruleId,
  status,
});

describe('KpiCounter with many shares', () => {
  it('counts 16 and more shares, each on its own, streaming one evaluation at a time', () => {
    // Prepare
    const counter = new KpiCounter(policySchema.parse({}));

    // Act: resource a fails share 11 and passes share 3; resource b passes share 11
    counter.add(evaluation('a', 'extra-rule-11', 'NON_COMPLIANT'));
    counter.add(evaluation('a', 'extra-rule-3', 'COMPLIANT'));
    counter.add(evaluation('b', 'extra-rule-11', 'COMPLIANT'));
    counter.add(evaluation('b', 'extra-rule-11', 'NOT_APPLICABLE'));
    const kpis = counter.kpis();

    // Assess
    const shares = Object.values(kpis).filter((value) => 'total' in value);
    expect(shares.length).toBeGreaterThanOrEqual(16);
    expect(kpis.extraShare11).toEqual({ compliant: 1, total: 2, percent: 50 });
    expect(kpis.extraShare3).toEqual({ compliant: 1, total: 1, percent: 100 });
    expect(kpis.extraShare0).toEqual({ compliant: 0, total: 0, percent: null });
  });
});

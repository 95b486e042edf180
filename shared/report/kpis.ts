import { FAMILIES } from '../families/index.js';
import type { Evaluation } from '../model/evaluation.js';
import type { Policy } from '../policy/schema.js';
import type { FamilyKpi, KpiDefinition } from './family-report.js';

/** A share of resources: how many of those judged are compliant. `percent` is null when none was judged. */
export interface Share {
  compliant: number;
  total: number;
  /** 0-100, one decimal place; null when total is 0. */
  percent: number | null;
}

/** How many evaluations found a resource expiring within `withinDays` (the policy's expiry window), expired ones included. */
interface ExpiringCount {
  count: number;
  withinDays: number;
}

/** The SEC09 key performance indicators of one evaluation run, by KPI key, in the families' order. */
export type Kpis = Record<string, Share | ExpiringCount>;

/** @internal Unit-tested directly: the percentage and its rounding. */
export function share(compliant: number, total: number): Share {
  return {
    compliant,
    total,
    percent: total === 0 ? null : Math.round((compliant / total) * 1000) / 10,
  };
}

/**
 * Every KPI of the families, each once with the rules of all the families that count towards it, in the order
 * they first appear (families in registry order, each family's KPIs in its order).
 */
export function kpiDefinitions(): FamilyKpi[] {
  const byKey = new Map<string, { kpi: KpiDefinition; rules: string[] }>();
  for (const family of FAMILIES) {
    for (const { kpi, rules } of family.report.kpis) {
      const known = byKey.get(kpi.key);
      if (known) known.rules.push(...rules);
      else byKey.set(kpi.key, { kpi, rules: [...rules] });
    }
  }
  return [...byKey.values()];
}

/*
 * What the evaluations of one resource say for the shares, as bits. With n shares, for share `index`:
 * RELEVANT << index, one of its rules evaluated the resource; JUDGED << index, one of them judged it (not
 * NOT_APPLICABLE); FAILED << index, one of them found it NON_COMPLIANT (JUDGED = 1 << n, FAILED = 1 << 2n).
 * ANY_JUDGED (1 << 3n): a rule, any rule, judged it. Every bit is an "any of", so the bits of a resource are
 * the OR of its evaluations' bits, in any order and grouping.
 */
const RELEVANT = 1;
/** 3n + 1 bits must fit the 31 bits of a bitwise operation. */
const MAX_SHARES = 10;

/**
 * The KPIs counted as evaluations come, without holding them: a number per resource (type and id) and the
 * expiring counts. `add` takes evaluations one at a time in any order; `addResource` takes those of one
 * resource (an `evaluateResource` result) at once. The same evaluations give the same Kpis.
 */
export class KpiCounter {
  private readonly definitions = kpiDefinitions();
  /** Indexes into `definitions` of the shares, in order; a share's bits are at its position here. */
  private readonly shares: number[] = [];
  /** Which share (position in `shares`) a rule counts towards, and which expiring count (index in `definitions`). */
  private readonly shareOfRule = new Map<string, number>();
  private readonly expiringOfRule = new Map<string, number>();
  private readonly judgedBit: number;
  private readonly failedBit: number;
  private readonly anyJudged: number;
  /** Bits per resource id, per resource type. */
  private readonly resources = new Map<string, Map<string, number>>();
  private readonly expiring: number[];

  /** Each expiring KPI's window (in days) by its index in `definitions`, as the policy sets it. */
  private readonly windows: number[];

  /** `policy`: the policy the evaluations were judged by; the expiring KPIs count against its windows. */
  constructor(policy: Policy) {
    this.windows = this.definitions.map(({ kpi }) => (kpi.kind === 'expiring' ? kpi.withinDays(policy) : 0));
    this.definitions.forEach(({ kpi, rules }, index) => {
      if (kpi.kind === 'expiring') {
        for (const ruleId of rules) this.expiringOfRule.set(ruleId, index);
        return;
      }
      for (const ruleId of rules) this.shareOfRule.set(ruleId, this.shares.length);
      this.shares.push(index);
    });
    if (this.shares.length > MAX_SHARES)
      throw new Error(
        `at most ${MAX_SHARES} KPI shares are counted; the families define ${this.shares.length}`,
      );
    this.judgedBit = 1 << this.shares.length;
    this.failedBit = 1 << (2 * this.shares.length);
    this.anyJudged = 1 << (3 * this.shares.length);
    this.expiring = this.definitions.map(() => 0);
  }

  add(evaluation: Evaluation): void {
    this.merge(evaluation.resourceType, evaluation.resourceId, this.bits(evaluation));
  }

  /** The evaluations of one resource: all of them of the same resource type and id. */
  addResource(evaluations: readonly Evaluation[]): void {
    const first = evaluations[0];
    if (first === undefined) return;
    let bits = 0;
    for (const evaluation of evaluations) bits |= this.bits(evaluation);
    this.merge(first.resourceType, first.resourceId, bits);
  }

  kpis(): Kpis {
    const totals = this.shares.map(() => 0);
    const compliant = this.shares.map(() => 0);
    const anyRule = this.shares.map((index) => {
      const kpi = this.definitions[index]?.kpi;
      return kpi?.kind === 'share' && kpi.anyRuleJudges === true;
    });
    for (const ids of this.resources.values()) {
      for (const bits of ids.values()) {
        for (let index = 0; index < this.shares.length; index++) {
          if ((bits & (RELEVANT << index)) === 0) continue;
          // An HTTPS listener is NOT_APPLICABLE to the plaintext rules yet encrypts: it counts when any rule
          // judged it (a Gateway Load Balancer listener, which every rule skips, does not). The other shares
          // count a resource one of their own rules judged.
          const inScope = anyRule[index] ? bits & this.anyJudged : bits & (this.judgedBit << index);
          if (inScope === 0) continue;
          totals[index] = (totals[index] ?? 0) + 1;
          if ((bits & (this.failedBit << index)) === 0) compliant[index] = (compliant[index] ?? 0) + 1;
        }
      }
    }
    const kpis: Kpis = {};
    this.definitions.forEach(({ kpi }, index) => {
      if (kpi.kind === 'expiring') {
        kpis[kpi.key] = { count: this.expiring[index] ?? 0, withinDays: this.windows[index] ?? 0 };
        return;
      }
      const at = this.shares.indexOf(index);
      kpis[kpi.key] = share(compliant[at] ?? 0, totals[at] ?? 0);
    });
    return kpis;
  }

  private bits(evaluation: Evaluation): number {
    const judged = evaluation.status !== 'NOT_APPLICABLE';
    let bits = judged ? this.anyJudged : 0;
    const index = this.shareOfRule.get(evaluation.ruleId);
    if (index !== undefined) {
      bits |= RELEVANT << index;
      if (judged) bits |= this.judgedBit << index;
      if (evaluation.status === 'NON_COMPLIANT') bits |= this.failedBit << index;
    } else if (evaluation.status === 'NON_COMPLIANT') {
      const expiring = this.expiringOfRule.get(evaluation.ruleId);
      if (expiring !== undefined) this.expiring[expiring] = (this.expiring[expiring] ?? 0) + 1;
    }
    return bits;
  }

  private merge(resourceType: string, resourceId: string, bits: number): void {
    // A resource no rule judged and none of the shares' rules evaluated adds nothing to any share.
    if (bits === 0) return;
    let ids = this.resources.get(resourceType);
    if (ids === undefined) {
      ids = new Map();
      this.resources.set(resourceType, ids);
    }
    ids.set(resourceId, (ids.get(resourceId) ?? 0) | bits);
  }
}

/** `policy`: the policy the evaluations were judged by (the expiring KPIs' windows). */
export function computeKpis(evaluations: readonly Evaluation[], policy: Policy): Kpis {
  const counter = new KpiCounter(policy);
  for (const evaluation of evaluations) counter.add(evaluation);
  return counter.kpis();
}

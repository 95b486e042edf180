import { FAMILIES } from '../families/index.js';
import type { Evaluation } from '../model/evaluation.js';
import type { Policy } from '../policy/schema.js';
import {
  type FamilyKpi,
  type KpiDefinition,
  TLS_ENDPOINTS_POST_QUANTUM,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from './family-report.js';

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

/** A share with its percentage, rounded to one decimal place (the fanned-out sweep sums counts, then calls it). */
export function share(compliant: number, total: number): Share {
  return {
    compliant,
    total,
    percent: total === 0 ? null : Math.round((compliant / total) * 1000) / 10,
  };
}

/**
 * Every KPI of the families, each once with the rules of all the families that count towards it, in the order
 * they first appear (families in registry order, each family's KPIs in its order), and the generic post-quantum
 * share after the cipher share (at the end when no family has one).
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
  const definitions: FamilyKpi[] = [...byKey.values()];
  const after = definitions.findIndex(({ kpi }) => kpi.key === TLS_ENDPOINTS_STRONG_CIPHERS.key);
  definitions.splice(after === -1 ? definitions.length : after + 1, 0, {
    kpi: TLS_ENDPOINTS_POST_QUANTUM,
    rules: [],
  });
  return definitions;
}

/*
 * What the evaluations of one resource say for the shares: one byte of flags per share, for share `index`:
 * RELEVANT, one of its rules evaluated the resource (or, for a detail share, an evaluation has the detail);
 * JUDGED, one of them judged it (not NOT_APPLICABLE); FAILED, one of them found it NON_COMPLIANT (or the detail
 * is false). The byte after the shares is ANY_JUDGED: a rule, any rule, judged it. Every flag is an "any of",
 * so a resource's flags are the OR of its evaluations' flags, in any order and grouping. A byte per share (not
 * bits of one number) puts no limit on the number of shares.
 */
const RELEVANT = 1;
const JUDGED = 2;
const FAILED = 4;

/**
 * The KPIs counted as evaluations come, without holding them: flags per resource (type and id) and the
 * expiring counts. `add` takes evaluations one at a time in any order; `addResource` takes those of one
 * resource (an `evaluateResource` result) at once. The same evaluations give the same Kpis.
 */
export class KpiCounter {
  private readonly definitions: FamilyKpi[];
  /** Indexes into `definitions` of the shares, in order; a share's flags are at its position here. */
  private readonly shares: number[] = [];
  /** Which share (position in `shares`) a rule counts towards, and which expiring count (index in `definitions`). */
  private readonly shareOfRule = new Map<string, number>();
  private readonly expiringOfRule = new Map<string, number>();
  /** The shares counted from a detail of any evaluation: [position in `shares`, detail name]. */
  private readonly detailShares: [number, string][] = [];
  /**
   * Where the flags of each resource met without a position start in `flags`, by resource id, by resource type.
   * One buffer for all the resources rather than a Uint8Array each (95,000 of them for evaluate-100k).
   */
  private readonly resources = new Map<string, Map<string, number>>();
  /**
   * The flags of every resource, `stride` bytes each (its shares, then ANY_JUDGED): first one slot per position
   * (`positions` of them), then the resources met without a position, in the order met; grown by doubling.
   */
  private flags: Uint8Array;
  private readonly stride: number;
  private readonly positions: number;
  private used: number;
  private readonly expiring: number[];

  /** Each expiring KPI's window (in days) by its index in `definitions`, as the policy sets it. */
  private readonly windows: number[];

  /**
   * `policy`: the policy the evaluations were judged by; the expiring KPIs count against its windows.
   * `positions`: how many resource positions `addResource` may be given (the resource list's size).
   */
  constructor(policy: Policy, positions = 0) {
    // tls.postQuantum: ignore leaves the post-quantum share out of the KPIs.
    this.definitions = kpiDefinitions().filter(
      ({ kpi }) =>
        kpi.kind !== 'share' || kpi.detail !== 'postQuantum' || policy.tls.postQuantum !== 'ignore',
    );
    this.windows = this.definitions.map(({ kpi }) => (kpi.kind === 'expiring' ? kpi.withinDays(policy) : 0));
    this.definitions.forEach(({ kpi, rules }, index) => {
      if (kpi.kind === 'expiring') {
        for (const ruleId of rules) this.expiringOfRule.set(ruleId, index);
        return;
      }
      if (kpi.detail) this.detailShares.push([this.shares.length, kpi.detail]);
      for (const ruleId of rules) this.shareOfRule.set(ruleId, this.shares.length);
      this.shares.push(index);
    });
    this.expiring = this.definitions.map(() => 0);
    this.stride = this.shares.length + 1;
    this.positions = positions;
    this.used = positions * this.stride;
    this.flags = new Uint8Array(Math.max(this.used, 1024));
  }

  add(evaluation: Evaluation): void {
    this.record([evaluation]);
  }

  /**
   * The evaluations of one resource: all of them of the same resource type and id. With its `position` in the
   * resource list (every record of one type and id given the same one, as ResourceList.positionOf gives), its
   * flags are found without a lookup by id: the lookups of 95,000 resources cost evaluate-100k some 80 ms of
   * CPU. A resource is counted either with its position or without, never both ways.
   */
  addResource(evaluations: readonly Evaluation[], position?: number): void {
    if (position !== undefined && (position < 0 || position >= this.positions || !Number.isInteger(position)))
      throw new RangeError(`resource position ${position} is not one of the counter's ${this.positions}`);
    this.record(evaluations, position === undefined ? undefined : position * this.stride);
  }

  kpis(): Kpis {
    const count = this.shares.length;
    const totals = this.shares.map(() => 0);
    const compliant = this.shares.map(() => 0);
    const anyRule = this.shares.map((index) => {
      const kpi = this.definitions[index]?.kpi;
      return kpi?.kind === 'share' && kpi.anyRuleJudges === true;
    });
    const flags = this.flags;
    // Every slot in use: those of positions never given are all zero, and count towards nothing.
    for (let at = 0; at < this.used; at += this.stride) {
      for (let index = 0; index < count; index++) {
        const own = flags[at + index] ?? 0;
        if ((own & RELEVANT) === 0) continue;
        // An HTTPS listener is NOT_APPLICABLE to the plaintext rules yet encrypts: it counts when any rule
        // judged it (a Gateway Load Balancer listener, which every rule skips, does not). The other shares
        // count a resource one of their own rules judged.
        const inScope = anyRule[index] ? flags[at + count] : own & JUDGED;
        if (!inScope) continue;
        totals[index] = (totals[index] ?? 0) + 1;
        if ((own & FAILED) === 0) compliant[index] = (compliant[index] ?? 0) + 1;
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

  /**
   * ORs the flags of evaluations of one resource into its slot: the one at `slot`, else its entry by id, created
   * only when there is a flag to set.
   */
  private record(evaluations: readonly Evaluation[], slot?: number): void {
    let at = slot;
    for (const evaluation of evaluations) {
      const judged = evaluation.status !== 'NOT_APPLICABLE';
      const failed = evaluation.status === 'NON_COMPLIANT';
      const index = this.shareOfRule.get(evaluation.ruleId);
      if (index === undefined && failed) {
        const expiring = this.expiringOfRule.get(evaluation.ruleId);
        if (expiring !== undefined) this.expiring[expiring] = (this.expiring[expiring] ?? 0) + 1;
      }
      // The detail shares are looked at in a loop, not collected: an array per evaluation cost some 100 ms of
      // evaluate-100k's main thread (472,000 evaluations), most of them without any detail.
      const details = evaluation.details;
      let hasDetail = false;
      if (details !== undefined) {
        for (const [, detail] of this.detailShares) {
          if (typeof details[detail] === 'boolean') hasDetail = true;
        }
      }
      // A resource no rule judged and none of the shares counts adds nothing to any share.
      if (!judged && index === undefined && !hasDetail) continue;
      at ??= this.slotOf(evaluation.resourceType, evaluation.resourceId);
      const flags = this.flags;
      if (judged) flags[at + this.shares.length] = 1;
      if (index !== undefined) {
        flags[at + index] =
          (flags[at + index] ?? 0) | RELEVANT | (judged ? JUDGED : 0) | (failed ? FAILED : 0);
      }
      if (!hasDetail || details === undefined) continue;
      for (const [share, detail] of this.detailShares) {
        const value = details[detail];
        if (typeof value === 'boolean')
          flags[at + share] = (flags[at + share] ?? 0) | RELEVANT | JUDGED | (value ? 0 : FAILED);
      }
    }
  }

  /** Where the resource's flags start in `flags`: a new zeroed slot the first time the resource is met. */
  private slotOf(resourceType: string, resourceId: string): number {
    let ids = this.resources.get(resourceType);
    if (ids === undefined) {
      ids = new Map();
      this.resources.set(resourceType, ids);
    }
    let at = ids.get(resourceId);
    if (at === undefined) {
      at = this.used;
      this.used += this.stride;
      if (this.used > this.flags.length) {
        const grown = new Uint8Array(Math.max(this.used, this.flags.length * 2));
        grown.set(this.flags);
        this.flags = grown;
      }
      ids.set(resourceId, at);
    }
    return at;
  }
}

/** `policy`: the policy the evaluations were judged by (the expiring KPIs' windows). */
export function computeKpis(evaluations: readonly Evaluation[], policy: Policy): Kpis {
  const counter = new KpiCounter(policy);
  for (const evaluation of evaluations) counter.add(evaluation);
  return counter.kpis();
}

import { joinUsers } from '../inventory/link.js';
import type { InputError } from '../inventory/types.js';
import { type Evaluation, type Severity, severityRank } from '../model/evaluation.js';
import { computeKpis, type Kpis } from '../report/kpis.js';
import { buildDigestMessage, type FoldedAlerts } from '../report/slack/digest.js';
import type { SlackPayload } from '../report/slack/payload.js';
import { type FindingTransition, resolveResource } from '../state/finding-store.js';
import { createDelivery } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { evaluateAndRecord, inAccount } from './record.js';

/**
 * The one summary message a sweep posts: open findings by severity, SEC09 KPIs, the worst five that Slack may
 * hear of (slack.minSeverity; the counts keep every severity), and the alerts it stands for when it replaces
 * them. The fanned-out sweep posts it too, from its run's KPIs (./sweep-run.ts).
 */
export async function sweepDigest(
  deps: MonitorDeps,
  kpis: Kpis,
  regions: readonly string[],
  now: Date,
  folded?: FoldedAlerts,
): Promise<SlackPayload> {
  const open = await deps.findings.listOpen();
  const minimum = severityRank(deps.policy.slack.minSeverity);
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return buildDigestMessage({
    counts,
    kpis,
    // All of them: the digest picks the worst five (severity, then longest open); the store orders by id.
    worst: open.filter((finding) => severityRank(finding.severity) >= minimum),
    sweptAt: now.toISOString(),
    regions,
    ...(folded ? { folded } : {}),
  });
}

const digestFor = (deps: MonitorDeps, outcome: SweepOutcome, now: Date, folded?: FoldedAlerts) =>
  sweepDigest(deps, computeKpis(outcome.evaluations, deps.policy), outcome.regions, now, folded);

export interface SweepOutcome {
  sweepId: string;
  regions: string[];
  resources: number;
  evaluations: Evaluation[];
  transitions: FindingTransition[];
  /** What could not be read in each region, with the reason: listed, never silently dropped. */
  errors: InputError[];
}

export interface SweepOptions {
  sweepId: string;
  regions: readonly string[];
  /** Progress for people (the CLI prints it on stderr). */
  onProgress?: (message: string) => void;
}

/**
 * The scheduled sweep (and `scan`): every resource of every family in each region, evaluated, remembered
 * and published; it also delivers whatever any finding still owes the bus, the actions queue or Slack. Findings of resources that no longer exist are resolved, but only for regions read
 * without errors, so a failed call never resolves a finding by mistake.
 */
export async function sweep(deps: MonitorDeps, options: SweepOptions): Promise<SweepOutcome> {
  const outcome: SweepOutcome = {
    sweepId: options.sweepId,
    regions: [...options.regions],
    resources: 0,
    evaluations: [],
    transitions: [],
    errors: [],
  };
  const now = deps.now();
  // Nothing open yet (the first sweep, or the first since everything was fixed): Slack has no context for
  // what this sweep finds, so it gets one digest rather than a message per finding.
  const firstSweep = (await deps.findings.listOpen(1)).length === 0;
  const delivery = createDelivery(deps, { now, triggerId: options.sweepId });
  // Every region is read before any is judged: a certificate's users may live in another region (IAM's are read
  // in us-east-1 only, the listeners serving them everywhere), and joinUsers needs them all to raise severity.
  const reads = [];
  for (const region of options.regions) {
    options.onProgress?.(`reading ${region}`);
    const read = await deps.source.enumerate(region);
    reads.push({ region, read, resources: inAccount(read.resources, deps.scope) });
  }
  const joined = joinUsers(reads.flatMap((entry) => entry.resources));
  let offset = 0;
  for (const { region, read, resources: own } of reads) {
    const resources = joined.slice(offset, offset + own.length);
    offset += own.length;
    const { evaluations, transitions } = await evaluateAndRecord(
      deps,
      delivery,
      { resources, tlsPolicies: read.tlsPolicies },
      { now, eventId: options.sweepId },
    );
    if (read.errors.length === 0) {
      const seen = new Set(resources.map((resource) => resource.resourceId));
      const stale = (await deps.findings.listOpen()).filter(
        (f) => f.region === region && !seen.has(f.resourceId),
      );
      for (const resourceId of new Set(stale.map((f) => f.resourceId))) {
        const resolved = await resolveResource(deps.findings, resourceId, now, 'deleted', delivery.outbox);
        delivery.collect(resolved);
        transitions.push(...resolved);
      }
    }
    options.onProgress?.(
      `${region}: ${resources.length} resources, ${evaluations.filter((e) => e.status === 'NON_COMPLIANT').length} non-compliant, ${read.errors.length} unreadable`,
    );
    outcome.resources += resources.length;
    outcome.evaluations.push(...evaluations);
    outcome.transitions.push(...transitions);
    outcome.errors.push(...read.errors);
  }
  // What earlier invocations left owed (a failed publish, a queue that was down): sent with this sweep's own.
  delivery.owe(await deps.findings.listPending());
  // A digest that replaces the alerts goes out in their place (before they are marked told), as the only one.
  const { digest } = await delivery.send({
    digest: firstSweep,
    summarize: (folded) => digestFor(deps, outcome, now, folded),
  });
  if (deps.outbox && !digest) await deps.outbox.enqueue([await digestFor(deps, outcome, now)]);
  return outcome;
}

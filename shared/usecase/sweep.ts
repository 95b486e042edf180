import type { InputError } from '../inventory/types.js';
import type { Evaluation, Severity } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { computeKpis } from '../report/kpis.js';
import { buildDigestMessage } from '../report/slack/digest.js';
import type { SlackPayload } from '../report/slack/payload.js';
import { evaluateAll } from '../rules/engine.js';
import { type FindingTransition, recordEvaluations, resolveResource } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import { plannedActions } from './actions.js';
import { sendAlerts } from './alerts.js';
import type { MonitorDeps } from './deps.js';
import { findingMessages, planMessages } from './messages.js';

/** The one summary message a sweep posts: open findings by severity, SEC09 KPIs, the worst five. */
async function digestFor(deps: MonitorDeps, outcome: SweepOutcome, now: Date): Promise<SlackPayload> {
  const open = await deps.findings.listOpen();
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return buildDigestMessage({
    counts,
    kpis: computeKpis(outcome.evaluations, deps.policy.certificates.expiryDays),
    // All of them: the digest picks the worst five (severity, then longest open); the store orders by id.
    worst: open,
    sweptAt: now.toISOString(),
    regions: outcome.regions,
  });
}

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
 * and published. Findings of resources that no longer exist are resolved, but only for regions read
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
  const swept: Resource[] = [];
  for (const region of options.regions) {
    options.onProgress?.(`reading ${region}`);
    const read = await deps.source.enumerate(region);
    const resources = read.resources.filter(
      (r) => !deps.scope.accountId || !r.accountId || r.accountId === deps.scope.accountId,
    );
    const tls = createTlsCatalog({ elbv2Policies: read.elbv2Policies });
    const evaluations = evaluateAll(resources, deps.rules, { policy: deps.policy, now, tls });
    const transitions = await recordEvaluations(deps.findings, evaluations, now);
    if (read.errors.length === 0) {
      const seen = new Set(resources.map((resource) => resource.resourceId));
      const stale = (await deps.findings.listOpen()).filter(
        (f) => f.region === region && !seen.has(f.resourceId),
      );
      for (const resourceId of new Set(stale.map((f) => f.resourceId))) {
        transitions.push(...(await resolveResource(deps.findings, resourceId, now, 'deleted')));
      }
    }
    options.onProgress?.(
      `${region}: ${resources.length} resources, ${evaluations.filter((e) => e.status === 'NON_COMPLIANT').length} non-compliant, ${read.errors.length} unreadable`,
    );
    outcome.resources += resources.length;
    swept.push(...resources);
    outcome.evaluations.push(...evaluations);
    outcome.transitions.push(...transitions);
    outcome.errors.push(...read.errors);
  }
  const published = { observedAt: now.toISOString(), triggerId: options.sweepId };
  const messages = [
    ...findingMessages(outcome.evaluations, outcome.transitions, published),
    ...planMessages(outcome.evaluations, swept, published),
  ];
  if (messages.length > 0) await deps.publish(messages);
  const actions = plannedActions(outcome.evaluations, { eventId: options.sweepId });
  if (deps.actions && actions.length > 0) await deps.actions.enqueue(actions);
  if (deps.outbox) {
    await sendAlerts(deps.findings, deps.outbox, outcome.transitions, outcome.evaluations, {
      now,
      reminderIntervalHours: deps.policy.slack.reminderIntervalHours,
    });
    await deps.outbox.enqueue([await digestFor(deps, outcome, now)]);
  }
  return outcome;
}

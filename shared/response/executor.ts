import type { Evaluation, RemediationCall } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import { redactSecretText } from '../report/slack/message.js';
import type { CommandSender } from './calls.js';
import { commandOf } from './commands.js';
import { findRemediator } from './remediators/index.js';
import type { ActionRecord, ExecutedCall, PlannedAction, Remediator, Verification } from './types.js';

export interface ExecutorDeps {
  /** The SDK client, in the resource's region, of the family whose command table has the call (by family id). */
  clientFor(familyId: string): Promise<CommandSender>;
  /** The resource's current state (describe APIs); undefined when it no longer exists. */
  readResource(ref: ResourceRef): Promise<Resource | undefined>;
  /** Re-runs the plan's rule on a resource. */
  evaluate(resource: Resource): Evaluation;
  sleep(ms: number): Promise<void>;
  now(): Date;
  /** How long a call may take to settle (the remediator's Settling) before the plan stops; from the policy. */
  settleTimeoutMs: number;
  /** Between reads while waiting for a call to settle. Default 30 s. */
  pollIntervalMs?: number;
  /** Reads for verification (describe APIs can lag a write by seconds). Default 3, 5 s apart. */
  verifyAttempts?: number;
  verifyIntervalMs?: number;
}

/**
 * The executor was handed a plan that is not to be executed (dry run, notify, exempt, skipped).
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class PlanNotExecutableError extends Error {
  override name = 'PlanNotExecutableError';
}

/** Sends a planned call through its family's command table. */
async function send(deps: ExecutorDeps, call: RemediationCall): Promise<unknown> {
  const command = commandOf(call);
  if (!command) throw new Error(`${call.service}:${call.command} is not a remediation call`);
  const client = await deps.clientFor(command.family);
  const input = command.complete ? await command.complete(call.input, client) : call.input;
  return client.send(await command.create(input));
}

/**
 * An error as the action record keeps it. The record goes to the findings bus, the finding store, logs and Slack,
 * and AWS error messages can quote the request's values back (a pre-shared key, a configuration document): the
 * secrets in the text are blanked.
 */
function errorText(error: unknown): string {
  if (error instanceof Error)
    return error.message ? `${error.name}: ${redactSecretText(error.message)}` : error.name;
  return redactSecretText(String(error));
}

/** The default check: the rule no longer finds the resource NON_COMPLIANT. */
function ruleVerification(after: Resource | undefined, evaluation: Evaluation | undefined): Verification {
  if (!after || !evaluation) return { verified: false, reason: 'the resource could not be read again' };
  return evaluation.status === 'NON_COMPLIANT'
    ? { verified: false, reason: `still NON_COMPLIANT: ${evaluation.reason}` }
    : { verified: true };
}

/**
 * Carries out a `planned` plan: reads the resource again (an action already made unnecessary or unsafe is
 * not taken), makes the calls in order (waiting after each one where the remediator says so, e.g. until a
 * changed VPN tunnel is UP before the next), then reads the resource again and verifies. It never retries
 * a call: a call that throws, a tunnel that does not come back and a failed verification all end in
 * `failed`, with the error.
 */
export async function executePlan(action: PlannedAction, deps: ExecutorDeps): Promise<ActionRecord> {
  const { plan, ref, ruleId } = action;
  if (plan.status !== 'planned' || !plan.action || !plan.calls) {
    throw new PlanNotExecutableError(
      `plan for ${ruleId} on ${ref.resourceId} is ${plan.status ?? 'not executable'}; only planned calls are executed`,
    );
  }
  const remediator = findRemediator(plan.action);
  if (!remediator) throw new PlanNotExecutableError(`no remediator for ${plan.action}`);

  const startedAt = deps.now();
  const calls: ExecutedCall[] = [];
  const record = (
    status: ActionRecord['status'],
    extra: Partial<Pick<ActionRecord, 'before' | 'after' | 'error' | 'note'>>,
  ): ActionRecord => ({
    status,
    ruleId,
    resourceId: ref.resourceId,
    mode: plan.mode,
    action: plan.action ?? remediator.id,
    calls,
    ...extra,
    startedAt: startedAt.toISOString(),
    finishedAt: deps.now().toISOString(),
  });

  const before = await deps.readResource(ref);
  if (!before) return record('failed', { error: 'the resource could not be read before acting' });
  const current = deps.evaluate(before);
  if (current.status !== 'NON_COMPLIANT') {
    return record('unchanged', { before, note: `already ${current.status} when read again; nothing done` });
  }
  const unsafe = remediator.safety(before, current);
  if (unsafe) return record('refused', { before, error: unsafe });

  for (const call of plan.calls) {
    try {
      await send(deps, call);
      calls.push({ ...call, outcome: 'ok', at: deps.now().toISOString() });
    } catch (error) {
      const harmless = commandOf(call)?.harmlessError;
      if (harmless && error instanceof Error && error.name === harmless) {
        calls.push({ ...call, outcome: 'ok', error: errorText(error), at: deps.now().toISOString() });
        continue;
      }
      calls.push({ ...call, outcome: 'failed', error: errorText(error), at: deps.now().toISOString() });
      const conflict = commandOf(call)?.conflictError;
      if (conflict && error instanceof Error && error.name === conflict.name) {
        return record('failed', {
          before,
          error: `${call.command} refused: ${conflict.note} (${errorText(error)})`,
        });
      }
      return record('failed', { before, error: `${call.command} failed: ${errorText(error)}` });
    }
    const unsettled = await waitUntilSettled(remediator, call, ref, deps);
    if (unsettled) return record('failed', { before, error: unsettled });
  }

  const verification = await verify(remediator, ref, deps, startedAt);
  const after = verification.after ? { after: verification.after } : {};
  if (!verification.result.verified) {
    return record('failed', {
      before,
      ...after,
      error: `verification failed: ${verification.result.reason}`,
    });
  }
  const note = verification.result.note ? { note: verification.result.note } : {};
  return record(plan.mode === 'block' ? 'blocked' : 'remediated', { before, ...after, ...note });
}

/** Polls until the remediator says the call has settled; the failure message when the time runs out. */
async function waitUntilSettled(
  remediator: Remediator,
  call: RemediationCall,
  ref: ResourceRef,
  deps: ExecutorDeps,
): Promise<string | undefined> {
  const settle = remediator.settle;
  if (!settle) return undefined;
  const deadline = deps.now().getTime() + deps.settleTimeoutMs;
  const interval = deps.pollIntervalMs ?? 30_000;
  while (deps.now().getTime() < deadline) {
    // Wait first: right after the call the resource may still show its state from before the change.
    await deps.sleep(interval);
    if (settle.isSettled(await deps.readResource(ref), call)) return undefined;
  }
  const minutes = Math.round(deps.settleTimeoutMs / 60_000);
  return `${settle.failure(call)} within ${minutes} minute${minutes === 1 ? '' : 's'}; stopped before any further change`;
}

async function verify(
  remediator: Remediator,
  ref: ResourceRef,
  deps: ExecutorDeps,
  startedAt: Date,
): Promise<{ result: Verification; after?: Resource }> {
  const attempts = Math.max(1, deps.verifyAttempts ?? 3);
  let outcome: { result: Verification; after?: Resource } = {
    result: { verified: false, reason: 'not verified' },
  };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await deps.sleep(deps.verifyIntervalMs ?? 5_000);
    const after = await deps.readResource(ref);
    const evaluation = after ? deps.evaluate(after) : undefined;
    const result = remediator.verify
      ? remediator.verify(after, { evaluation, startedAt })
      : ruleVerification(after, evaluation);
    outcome = after ? { result, after } : { result };
    if (result.verified) break;
  }
  return outcome;
}

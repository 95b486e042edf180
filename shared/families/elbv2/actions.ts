import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RemediationCall } from '../../model/evaluation.js';
import { sdkCall } from '../../response/calls.js';
import { ELBV2_COMMANDS } from './commands.js';
import type { Elbv2Listener, ListenerAction } from './model.js';

/** The same test elbv2-listener-plaintext applies: only a literal HTTPS redirect moves a client off HTTP. */
export function redirectsToHttps(action: ListenerAction): boolean {
  return action.type.toLowerCase() === 'redirect' && action.redirect?.protocol?.toUpperCase() === 'HTTPS';
}

export function answers426(action: ListenerAction): boolean {
  return action.type.toLowerCase() === 'fixed-response' && action.fixedResponse?.statusCode === '426';
}

/**
 * True when an action list is known and every action in it passes `isSafe`.
 * @internal Unit-tested directly: the default and rule actions of a listener, forward configs included.
 */
export function allActions(actions: readonly ListenerAction[], isSafe: (action: ListenerAction) => boolean) {
  return actions.length > 0 && actions.every(isSafe);
}

/**
 * ModifyListener for the default action and ModifyRule for each non-default rule whose actions are not
 * all `isSafe` already, each set to `replacement`. Rule conditions are left as they are.
 */
export function replaceListenerActions(
  listener: Elbv2Listener,
  replacement: Action,
  isSafe: (action: ListenerAction) => boolean,
): RemediationCall[] {
  const calls: RemediationCall[] = [];
  if (!allActions(listener.defaultActions, isSafe)) {
    calls.push(
      sdkCall(ELBV2_COMMANDS, 'ModifyListener', {
        ListenerArn: listener.listenerArn,
        DefaultActions: [replacement],
      }),
    );
  }
  for (const rule of listener.rules ?? []) {
    if (rule.isDefault || allActions(rule.actions, isSafe)) continue;
    calls.push(sdkCall(ELBV2_COMMANDS, 'ModifyRule', { RuleArn: rule.ruleArn, Actions: [replacement] }));
  }
  return calls;
}

/** Every action of the listener, default and rules, passes `isSafe` (rules unknown: not proven). */
export function listenerIsSafe(
  listener: Elbv2Listener,
  isSafe: (action: ListenerAction) => boolean,
): string[] {
  const problems: string[] = [];
  if (!allActions(listener.defaultActions, isSafe)) problems.push('the default action');
  if (listener.rules === undefined) problems.push('the rules (not read)');
  for (const rule of listener.rules ?? []) {
    if (!rule.isDefault && !allActions(rule.actions, isSafe)) problems.push(`rule priority ${rule.priority}`);
  }
  return problems;
}

export const PLAINTEXT_RULES_NOT_READ =
  "the listener's rules were not in the input: only the default action is planned; verification reads them";
